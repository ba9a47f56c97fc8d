package io.metallb.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.NodeConditionBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.RoleRef;
import io.fabric8.kubernetes.api.model.rbac.Subject;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.metallb.api.v1beta1.ConfigurationState;
import io.metallb.api.v1beta1.ServiceBGPStatus;
import io.metallb.api.v1beta1.ServiceL2Status;
import io.metallb.k8s.KubernetesClients;
import io.metallb.lab.apiserver.ApiServer;
import io.metallb.lab.apiserver.Kubeconfig;
import io.metallb.net.IpAddress;
import io.metallb.speaker.bgp.RouterIds;
import io.metallb.speaker.bgp.codec.BgpMessageWriter;
import io.metallb.speaker.bgp.message.Capability;
import io.metallb.speaker.bgp.message.Family;
import io.metallb.speaker.bgp.message.Keepalive;
import io.metallb.speaker.bgp.message.Open;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.Test;

/**
 * The chart grants the controller and the speaker exactly the API access they use. The real
 * binaries (the built {@code metallb.jar}) run against the lab API server on loopback through a
 * user's whole story: pools, an L2Advertisement, a BGPPeer (a minimal BGP listener on loopback)
 * and its advertisement (BFD profiles are refused in native mode, so none), Services that get addresses and are announced, admission reviews for
 * every kind, a Service deleted. Every request is recorded by User-Agent and turned into the RBAC
 * authorization it needs ({@link ApiAccess}); then each binary's recorded needs must be granted by
 * the Roles and ClusterRoles the chart binds to its ServiceAccount, and each rule the chart has
 * must have been needed. On a mismatch the message lists both sides.
 */
class RbacIT {
  static final String NS = HelmChart.NAMESPACE;
  static final String NODE = "node-1";
  static final Duration WAIT = Duration.ofSeconds(60);

  record Grant(String group, String resource, String verb, boolean namespaced, Set<String> names) {
    boolean allows(ApiAccess a) {
      return group.equals(a.group()) && resource.equals(a.resource()) && verb.equals(a.verb())
          && (!namespaced || a.namespaced()) && (names.isEmpty() || names.contains(a.name()));
    }

    /** A ClusterRole rule is needed only by a cluster-wide request; a Role rule by one in the namespace. */
    boolean neededBy(ApiAccess a) {
      return allows(a) && (namespaced || !a.namespaced());
    }

    @Override
    public String toString() {
      return (namespaced ? "Role        " : "ClusterRole ") + "\"" + group + "\" " + resource + " " + verb + (names.isEmpty() ? "" : " " + names);
    }
  }

  final Path work = HelmChart.repositoryRoot().resolve("deploy/target/rbac-it");
  final Map<String, Collection<ApiAccess>> recorded = Map.of(
      "controller", new ConcurrentLinkedQueue<>(), "speaker", new ConcurrentLinkedQueue<>());
  final Map<String, Process> processes = new java.util.LinkedHashMap<>();
  int webhookPort;
  Map<String, String> bgpType = Map.of();
  final Map<String, Integer> metricsPorts = new java.util.HashMap<>();

  @Test
  void chartGrantsExactlyWhatTheBinariesUse() throws Exception {
    Path jar = HelmChart.repositoryRoot().resolve("cli/target/metallb.jar");
    assumeThat(jar).as("cli/target/metallb.jar (built by the cli module's package phase)").exists();
    deleteRecursively(work);
    Files.createDirectories(work);
    Rendered chart = ChartTest.render(Map.of());
    // The binaries run in the chart's BGP mode (MetalLB's Helm default: frr-k8s).
    bgpType = Rendered.env(Rendered.container(chart.speaker())).entrySet().stream().filter(e -> e.getKey().equals("METALLB_BGP_TYPE"))
        .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    assertThat(bgpType).containsEntry("METALLB_BGP_TYPE", "frr-k8s");
    try (ApiServer api = ApiServer.start("127.0.0.1", 0, this::record);
        BgpListener router = new BgpListener()) {
      Path kubeconfig = work.resolve("kubeconfig");
      Files.writeString(kubeconfig, Kubeconfig.render(api.url()));
      Config adminConfig = Config.fromKubeconfig(Files.readString(kubeconfig));
      adminConfig.setUserAgent("rbac-it-admin");
      try (KubernetesClient admin = new KubernetesClientBuilder().withConfig(adminConfig).build()) {
        cluster(admin, chart);
        start(jar, kubeconfig, "controller", Map.of("METALLB_ML_SECRET_NAME", "metallb-memberlist",
                "METALLB_DEPLOYMENT", "metallb-controller", "METALLB_POD_NAME", "metallb-controller-0"),
            "--namespace", NS, "--port", metricsPort("controller"), "--health-probe-port", "0", "--webhook-port", Integer.toString(webhookPort = freePort()),
            "--cert-dir", work.resolve("certs").toString());
        start(jar, kubeconfig, "speaker", Map.of("METALLB_NODE_NAME", NODE, "METALLB_POD_NAME", "metallb-speaker-0"),
            "--namespace", NS, "--port", metricsPort("speaker"), "--health-probe-port", "0", "--ml-bindaddr", "127.0.0.1",
            "--ml-bindport", Integer.toString(freePort()), "--ml-labels", "app.kubernetes.io/name=metallb,app.kubernetes.io/component=speaker",
            "--excludel2-path", excludeAllInterfaces().toString());
        userStory(admin, router.port());
      } finally {
        stopAll();
      }
    }
    for (String component : List.of("controller", "speaker")) {
      compare(component, Set.copyOf(recorded.get(component)), grants(chart, "metallb-" + component));
    }
  }

  /** The cluster after {@code helm install} (every object of the chart), with the Node and the pods the chart's workloads make. */
  private void cluster(KubernetesClient admin, Rendered chart) {
    chart.objects().forEach(o -> admin.resource(o).create());
    admin.pods().inNamespace(NS).resource(new PodBuilder().withNewMetadata().withName("metallb-controller-0").withNamespace(NS)
        .addToLabels("app.kubernetes.io/name", "metallb").addToLabels("app.kubernetes.io/component", "controller").endMetadata().build()).create();
    admin.pods().inNamespace(NS).resource(new PodBuilder().withNewMetadata().withName("metallb-speaker-0").withNamespace(NS)
        .addToLabels("app.kubernetes.io/name", "metallb").addToLabels("app.kubernetes.io/component", "speaker").endMetadata()
        .withNewSpec().withNodeName(NODE).endSpec().withNewStatus().withPodIP("127.0.0.1").withHostIP("127.0.0.1").endStatus().build()).create();
    admin.nodes().resource(new NodeBuilder().withNewMetadata().withName(NODE).addToLabels("kubernetes.io/hostname", NODE).endMetadata()
        .withNewStatus().withConditions(new NodeConditionBuilder().withType("Ready").withStatus("True").build()).endStatus().build()).create();
  }

  private void userStory(KubernetesClient admin, int routerPort) throws Exception {
    apply(admin, """
        apiVersion: metallb.io/v1beta1
        kind: IPAddressPool
        metadata: {name: l2-pool, namespace: %1$s}
        spec: {addresses: [198.51.100.200-198.51.100.210]}
        ---
        apiVersion: metallb.io/v1beta1
        kind: L2Advertisement
        metadata: {name: l2, namespace: %1$s}
        spec: {ipAddressPools: [l2-pool]}
        ---
        apiVersion: metallb.io/v1beta1
        kind: IPAddressPool
        metadata: {name: bgp-pool, namespace: %1$s}
        spec: {addresses: [203.0.113.10-203.0.113.20], autoAssign: false}
        ---
        apiVersion: metallb.io/v1beta1
        kind: Community
        metadata: {name: communities, namespace: %1$s}
        spec: {communities: [{name: no-export, value: "65535:65281"}]}
        ---
        apiVersion: metallb.io/v1beta2
        kind: BGPPeer
        metadata: {name: router, namespace: %1$s}
        spec: {myASN: 64512, peerASN: 64500, peerAddress: 127.0.0.1, peerPort: %2$d}
        ---
        apiVersion: metallb.io/v1beta1
        kind: BGPAdvertisement
        metadata: {name: bgp, namespace: %1$s}
        spec: {ipAddressPools: [bgp-pool], communities: [no-export]}
        """.formatted(NS, routerPort));
    for (String service : List.of("web", "api")) {
      apply(admin, """
          apiVersion: v1
          kind: Service
          metadata:
            name: %1$s
            namespace: default
            annotations: {metallb.io/address-pool: %2$s}
          spec:
            type: LoadBalancer
            selector: {app: %1$s}
            clusterIP: %3$s
            clusterIPs: [%3$s]
            ipFamilies: [IPv4]
            ipFamilyPolicy: SingleStack
            ports: [{name: http, port: 80, protocol: TCP}]
          ---
          apiVersion: discovery.k8s.io/v1
          kind: EndpointSlice
          metadata:
            name: %1$s-1
            namespace: default
            labels: {kubernetes.io/service-name: %1$s}
          addressType: IPv4
          endpoints:
          - {addresses: [198.18.1.1], nodeName: %4$s, conditions: {ready: true}}
          """.formatted(service, service.equals("web") ? "l2-pool" : "bgp-pool", service.equals("web") ? "198.18.0.80" : "198.18.0.81", NODE));
    }
    eventually("both Services have an address", () -> List.of("web", "api").stream().allMatch(s -> {
      var svc = admin.services().inNamespace("default").withName(s).get();
      return svc.getStatus() != null && svc.getStatus().getLoadBalancer() != null && svc.getStatus().getLoadBalancer().getIngress() != null
          && !svc.getStatus().getLoadBalancer().getIngress().isEmpty();
    }));
    eventually("the speaker announces web at layer 2 (ServiceL2Status)", () -> !list(admin, "servicel2statuses").isEmpty());
    eventually("the speaker announces api over BGP (ServiceBGPStatus)", () -> !list(admin, "servicebgpstatuses").isEmpty());
    eventually("the memberlist Secret exists", () -> admin.secrets().inNamespace(NS).withName("metallb-memberlist").get() != null);
    eventually("the webhook CA is injected", () -> admin.admissionRegistration().v1().validatingWebhookConfigurations()
        .withName("metallb-webhook-configuration").get().getWebhooks().stream().allMatch(w -> w.getClientConfig().getCaBundle() != null));
    eventually("both binaries report their ConfigurationState", () -> list(admin, "configurationstates").size() == 2);
    admissionReviews();
    for (String component : List.of("controller", "speaker")) {
      assertThat(scrape(metricsPorts.get(component))).as("%s metrics over HTTPS with a bearer token", component)
          .contains("metallb_k8s_client_config_loaded_bool");
    }
    admin.services().inNamespace("default").withName("web").delete();
    admin.resources(io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice.class).inNamespace("default").withName("web-1").delete();
    eventually("web's ServiceL2Status is deleted", () -> list(admin, "servicel2statuses").isEmpty());
    admin.services().inNamespace("default").withName("api").delete();
    admin.resources(io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice.class).inNamespace("default").withName("api-1").delete();
    eventually("api's ServiceBGPStatus is deleted", () -> list(admin, "servicebgpstatuses").isEmpty());
  }

  /** One review of each kind, as the API server would send them; each makes the controller list the current objects. */
  private void admissionReviews() throws Exception {
    int port = webhookPort;
    eventually("the webhook server listens", () -> {
      try {
        new Socket(InetAddress.getLoopbackAddress(), port).close();
        return true;
      } catch (IOException e) {
        return false;
      }
    });
    String[][] reviews = {
        {"/validate-metallb-io-v1beta1-ipaddresspool", "IPAddressPool", "v1beta1", "CREATE", "{\"spec\":{\"addresses\":[\"192.0.2.0/28\"]}}"},
        {"/validate-metallb-io-v1beta1-l2advertisement", "L2Advertisement", "v1beta1", "CREATE", "{}"},
        {"/validate-metallb-io-v1beta1-bgpadvertisement", "BGPAdvertisement", "v1beta1", "UPDATE", "{}"},
        {"/validate-metallb-io-v1beta1-community", "Community", "v1beta1", "CREATE", "{}"},
        {"/validate-metallb-io-v1beta2-bgppeer", "BGPPeer", "v1beta2", "CREATE", "{\"spec\":{\"myASN\":64512,\"peerASN\":64501,\"peerAddress\":\"192.0.2.9\"}}"},
        {"/validate-metallb-io-v1beta1-bfdprofile", "BFDProfile", "v1beta1", "DELETE", "{}"},
    };
    SSLContext trustAll = trustAll();
    for (String[] r : reviews) {
      String object = "{\"apiVersion\":\"metallb.io/" + r[2] + "\",\"kind\":\"" + r[1] + "\",\"metadata\":{\"name\":\"reviewed\",\"namespace\":\"" + NS + "\"},"
          + r[4].substring(1);
      if (object.endsWith(",}")) {
        object = object.substring(0, object.length() - 2) + "}";
      }
      String review = "{\"apiVersion\":\"admission.k8s.io/v1\",\"kind\":\"AdmissionReview\",\"request\":{\"uid\":\"u\",\"kind\":{\"group\":\"metallb.io\",\"version\":\""
          + r[2] + "\",\"kind\":\"" + r[1] + "\"},\"operation\":\"" + r[3] + "\",\"namespace\":\"" + NS + "\",\"name\":\"reviewed\",\""
          + (r[3].equals("DELETE") ? "oldObject" : "object") + "\":" + object + "}}";
      HttpsURLConnection c = (HttpsURLConnection) URI.create("https://127.0.0.1:" + port + r[0]).toURL().openConnection();
      c.setSSLSocketFactory(trustAll.getSocketFactory());
      c.setHostnameVerifier((host, session) -> true); // loopback; the certificate names the Service
      c.setRequestMethod("POST");
      c.setDoOutput(true);
      c.setRequestProperty("Content-Type", "application/json");
      try (OutputStream out = c.getOutputStream()) {
        out.write(review.getBytes(StandardCharsets.UTF_8));
      }
      String answer;
      try (InputStream in = c.getInputStream()) {
        answer = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
      assertThat(answer).as(r[0]).contains("\"uid\":\"u\"");
    }
  }

  private String metricsPort(String component) throws IOException {
    int port = freePort();
    metricsPorts.put(component, port);
    return Integer.toString(port);
  }

  /** GET /metrics as Prometheus does: HTTPS, a bearer token (the binary has it reviewed by the API server). */
  private String scrape(int port) throws Exception {
    HttpsURLConnection c = (HttpsURLConnection) URI.create("https://127.0.0.1:" + port + "/metrics").toURL().openConnection();
    c.setSSLSocketFactory(trustAll().getSocketFactory());
    c.setHostnameVerifier((host, session) -> true); // loopback; the certificate is self-signed
    c.setRequestProperty("Authorization", "Bearer prometheus-token");
    try (InputStream in = c.getInputStream()) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private void record(RecordedRequest request) {
    String agent = request.getHeader("User-Agent");
    for (String component : recorded.keySet()) {
      if (agent != null && agent.startsWith(KubernetesClients.userAgent(component).split("/")[0] + "/")) {
        ApiAccess.of(request.getMethod(), request.getPath(), NS).ifPresent(recorded.get(component)::add);
      }
    }
  }

  /** The rules of the Roles and ClusterRoles the chart binds to {@code serviceAccount}. */
  static List<Grant> grants(Rendered chart, String serviceAccount) {
    List<Grant> grants = new ArrayList<>();
    for (RoleBinding b : chart.all(RoleBinding.class)) {
      if (binds(b.getSubjects(), serviceAccount)) {
        grants.addAll(rules(role(chart, b.getRoleRef()), true));
      }
    }
    for (ClusterRoleBinding b : chart.all(ClusterRoleBinding.class)) {
      if (binds(b.getSubjects(), serviceAccount)) {
        grants.addAll(rules(role(chart, b.getRoleRef()), false));
      }
    }
    return grants;
  }

  private static boolean binds(List<Subject> subjects, String serviceAccount) {
    return subjects.stream().anyMatch(s -> s.getKind().equals("ServiceAccount") && s.getName().equals(serviceAccount) && NS.equals(s.getNamespace()));
  }

  private static List<PolicyRule> role(Rendered chart, RoleRef ref) {
    HasMetadata role = chart.find(ref.getKind(), ref.getName()).orElseThrow(() -> new AssertionError("no " + ref.getKind() + " " + ref.getName()));
    return role instanceof Role r ? r.getRules() : ((ClusterRole) role).getRules();
  }

  private static List<Grant> rules(List<PolicyRule> rules, boolean namespaced) {
    List<Grant> grants = new ArrayList<>();
    for (PolicyRule rule : rules) {
      assertThat(rule.getApiGroups()).as("rule %s uses no wildcard group", rule).doesNotContain("*");
      assertThat(rule.getResources()).as("rule %s uses no wildcard resource", rule).doesNotContain("*");
      assertThat(rule.getVerbs()).as("rule %s uses no wildcard verb", rule).doesNotContain("*");
      for (String group : rule.getApiGroups()) {
        for (String resource : rule.getResources()) {
          for (String verb : rule.getVerbs()) {
            grants.add(new Grant(group, resource, verb, namespaced, Set.copyOf(rule.getResourceNames())));
          }
        }
      }
    }
    return grants;
  }

  static void compare(String component, Set<ApiAccess> used, List<Grant> granted) {
    Set<String> denied = used.stream().filter(a -> granted.stream().noneMatch(g -> g.allows(a))).map(ApiAccess::toString)
        .collect(Collectors.toCollection(TreeSet::new));
    Set<String> unused = granted.stream().filter(g -> used.stream().noneMatch(g::neededBy)).map(Grant::toString)
        .collect(Collectors.toCollection(TreeSet::new));
    String usedLines = used.stream().map(ApiAccess::toString).collect(Collectors.toCollection(TreeSet::new)).stream()
        .collect(Collectors.joining("\n  "));
    assertThat(denied).as("%s uses what the chart does not grant:\n  %s\n(all it used:\n  %s)", component, String.join("\n  ", denied), usedLines)
        .isEmpty();
    assertThat(unused).as("the chart grants %s what it never used:\n  %s\n(all it used:\n  %s)", component, String.join("\n  ", unused), usedLines)
        .isEmpty();
  }

  private void start(Path jar, Path kubeconfig, String component, Map<String, String> env, String... args) throws IOException {
    List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"), "--enable-native-access=ALL-UNNAMED",
        "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xmx256m", "-jar", jar.toString(), component));
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(work.resolve(component + ".log").toFile());
    pb.environment().put("KUBECONFIG", kubeconfig.toString());
    pb.environment().remove("METALLB_BGP_TYPE");
    pb.environment().putAll(env);
    pb.environment().putAll(bgpType);
    processes.put(component, pb.start());
  }

  /** Trusts any certificate: the test dials loopback, and checks access, not the PKI. */
  private static SSLContext trustAll() throws java.security.GeneralSecurityException {
    SSLContext trustAll = SSLContext.getInstance("TLS");
    trustAll.init(null, new TrustManager[] {new X509TrustManager() {
      @Override
      public void checkClientTrusted(X509Certificate[] chain, String authType) { }

      @Override
      public void checkServerTrusted(X509Certificate[] chain, String authType) { }

      @Override
      public X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[0];
      }
    }}, null);
    return trustAll;
  }

  /** SIGTERM, so each binary shuts down as in a pod (and its shutdown requests are recorded too). */
  private void stopAll() throws InterruptedException {
    for (Process p : processes.values()) {
      p.destroy();
    }
    for (Process p : processes.values()) {
      if (!p.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
        p.destroyForcibly();
      }
    }
  }

  /** No interface is used for ARP/NDP: the test sends nothing on the machine's networks. */
  private Path excludeAllInterfaces() throws IOException {
    Path file = work.resolve("excludel2.yaml");
    Files.writeString(file, "announcedInterfacesToExclude: [\".*\"]\n");
    return file;
  }

  private static void apply(KubernetesClient admin, String yaml) {
    admin.load(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8))).items().forEach(o -> admin.resource(o).create());
  }

  private static List<?> list(KubernetesClient admin, String plural) {
    Class<? extends HasMetadata> type = switch (plural) {
      case "servicel2statuses" -> ServiceL2Status.class;
      case "servicebgpstatuses" -> ServiceBGPStatus.class;
      case "configurationstates" -> ConfigurationState.class;
      default -> throw new IllegalArgumentException(plural);
    };
    return admin.resources(type).inNamespace(NS).list().getItems();
  }

  private void eventually(String what, BooleanSupplier condition) throws InterruptedException {
    Instant deadline = Instant.now().plus(WAIT);
    while (!condition.getAsBoolean()) {
      processes.forEach((component, p) ->
          assertThat(p.isAlive()).as("the %s exited while waiting until %s; see %s", component, what, work.resolve(component + ".log")).isTrue());
      assertThat(Instant.now()).as("waiting until %s (logs in %s)", what, work).isBefore(deadline);
      Thread.sleep(200);
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  private static void deleteRecursively(Path dir) throws IOException {
    if (Files.exists(dir)) {
      try (var files = Files.walk(dir)) {
        for (Path f : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
          Files.delete(f);
        }
      }
    }
  }

  /**
   * A BGP router reduced to what brings a session up: on loopback, it answers the speaker's
   * connection with OPEN (AS 64500, four-octet AS and IPv4 unicast) and KEEPALIVE, then reads
   * and drops whatever arrives. One connection at a time; closed with the test.
   */
  static final class BgpListener implements AutoCloseable {
    private final ServerSocket server = new ServerSocket(0, 4, InetAddress.getLoopbackAddress());
    private final Thread thread = Thread.ofVirtual().start(this::serve);

    BgpListener() throws IOException { }

    int port() {
      return server.getLocalPort();
    }

    private void serve() {
      while (!server.isClosed()) {
        try (Socket peer = server.accept()) {
          OutputStream out = peer.getOutputStream();
          out.write(BgpMessageWriter.toBytes(new Open(Open.VERSION, 64500, 90, RouterIds.toLong(IpAddress.of("192.0.2.1")),
              List.of(new Capability.FourOctetAs(64500), Capability.Multiprotocol.of(Family.IPV4_UNICAST))), true));
          out.write(BgpMessageWriter.toBytes(Keepalive.INSTANCE, true));
          out.flush();
          peer.getInputStream().transferTo(OutputStream.nullOutputStream());
        } catch (IOException e) {
          // The speaker hung up, or the listener was closed: take the next connection, if any.
        }
      }
    }

    @Override
    public void close() throws IOException {
      server.close();
      thread.interrupt();
    }
  }
}
