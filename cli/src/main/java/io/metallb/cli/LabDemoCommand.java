package io.metallb.cli;

import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.metallb.lab.Lab;
import io.metallb.lab.RunRegistry;
import io.metallb.lab.apiserver.ApiServerProcess;
import io.metallb.lab.apiserver.Kubectl;
import io.metallb.lab.bgp.FrrDaemon;
import io.metallb.lab.bgp.Neighbor;
import io.metallb.lab.bgp.RouterConfig;
import io.metallb.lab.l2.L2Client;
import io.metallb.lab.net.AddressPlan;
import io.metallb.lab.net.Namespaces;
import io.metallb.lab.net.TopologySpec;
import io.metallb.lab.process.Await;
import io.metallb.lab.process.CommandResult;
import io.metallb.lab.process.Commands;
import io.metallb.lab.process.Signal;
import io.metallb.lab.process.SupervisedProcess;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code metallb lab demo}: the whole system on one machine. A lab of three nodes, an FRR router
 * and a client, the lab API server, the controller and three speakers from this jar; a user's
 * pools, L2Advertisement, BGPPeer, BGPAdvertisement and two Services applied with kubectl; the
 * addresses the Services get, the node that answers ARP for the layer 2 one, FRR's ECMP route for
 * the BGP one, and how long the client takes to follow when the layer 2 node's speaker is killed.
 * Everything is torn down at the end, also on failure. Needs root.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = "Run MetalLB end to end in a lab (needs root): controller, 3 speakers, FRR, two Services, ECMP, layer 2 failover.")
final class LabDemoCommand implements Callable<Integer> {
  static final String NS = "metallb-system";
  static final long ROUTER_ASN = 64500;
  static final long NODE_ASN = 64512;
  static final List<String> CRDS = List.of("bfdprofiles", "bgpadvertisements", "bgppeers", "communities", "configurationstates",
      "ipaddresspools", "l2advertisements", "servicebgpstatuses", "servicel2statuses");

  static final String USER_CONFIG = """
      apiVersion: metallb.io/v1beta1
      kind: IPAddressPool
      metadata:
        name: lab-pool
        namespace: metallb-system
      spec:
        addresses:
        - 198.51.100.200-198.51.100.210
      ---
      apiVersion: metallb.io/v1beta1
      kind: L2Advertisement
      metadata:
        name: lab-l2
        namespace: metallb-system
      spec:
        ipAddressPools: [lab-pool]
      ---
      apiVersion: metallb.io/v1beta1
      kind: IPAddressPool
      metadata:
        name: bgp-pool
        namespace: metallb-system
      spec:
        addresses:
        - 203.0.113.10-203.0.113.20
        autoAssign: false
      ---
      apiVersion: metallb.io/v1beta2
      kind: BGPPeer
      metadata:
        name: lab-router
        namespace: metallb-system
      spec:
        myASN: 64512
        peerASN: 64500
        peerAddress: 198.51.100.1
      ---
      apiVersion: metallb.io/v1beta1
      kind: BGPAdvertisement
      metadata:
        name: lab-bgp
        namespace: metallb-system
      spec:
        ipAddressPools: [bgp-pool]
      """;

  // The lab API server assigns no cluster IPs; a real one would.
  static final String USER_SERVICE = """
      apiVersion: v1
      kind: Service
      metadata:
        name: web
        namespace: default
      spec:
        type: LoadBalancer
        selector: {app: web}
        clusterIP: 198.18.0.80
        clusterIPs: [198.18.0.80]
        ipFamilies: [IPv4]
        ipFamilyPolicy: SingleStack
        ports:
        - {name: http, port: 80, protocol: TCP}
      ---
      apiVersion: discovery.k8s.io/v1
      kind: EndpointSlice
      metadata:
        name: web-1
        namespace: default
        labels: {kubernetes.io/service-name: web}
      addressType: IPv4
      endpoints:
      - {addresses: [203.0.113.1], nodeName: node1, conditions: {ready: true}}
      - {addresses: [203.0.113.2], nodeName: node2, conditions: {ready: true}}
      - {addresses: [203.0.113.3], nodeName: node3, conditions: {ready: true}}
      ---
      apiVersion: v1
      kind: Service
      metadata:
        name: api
        namespace: default
        annotations: {metallb.io/address-pool: bgp-pool}
      spec:
        type: LoadBalancer
        selector: {app: api}
        clusterIP: 198.18.0.81
        clusterIPs: [198.18.0.81]
        ipFamilies: [IPv4]
        ipFamilyPolicy: SingleStack
        ports:
        - {name: https, port: 443, protocol: TCP}
      ---
      apiVersion: discovery.k8s.io/v1
      kind: EndpointSlice
      metadata:
        name: api-1
        namespace: default
        labels: {kubernetes.io/service-name: api}
      addressType: IPv4
      endpoints:
      - {addresses: [203.0.113.4], nodeName: node1, conditions: {ready: true}}
      - {addresses: [203.0.113.5], nodeName: node2, conditions: {ready: true}}
      - {addresses: [203.0.113.6], nodeName: node3, conditions: {ready: true}}
      """;

  @Spec CommandSpec spec;

  @Option(names = "--run-root", paramLabel = "DIR", description = "Where run directories go (default: $" + RunRegistry.DIR_ENV
      + " or /run/metallb-lab, + /runs).")
  Path runRoot;

  private PrintWriter out;
  private Instant started;

  @Override
  public Integer call() throws Exception {
    out = spec.commandLine().getOut();
    started = Instant.now();
    Path root = runRoot != null ? runRoot : RunRegistry.standard().dir().resolve("runs");
    step("bringing up the lab: 3 nodes, a router and a client in network namespaces");
    try (Lab lab = Lab.start(new TopologySpec(3, false, false), root)) {
      try {
        run(lab);
        step("done; tearing the lab down");
        return 0;
      } catch (RuntimeException | AssertionError e) {
        out.println("FAILED: " + e.getMessage());
        out.println(lab.failureReport());
        return 1;
      } finally {
        out.flush();
      }
    }
  }

  private void run(Lab lab) throws Exception {
    step("starting FRR on the router (AS " + ROUTER_ASN + ", the nodes as passive neighbours, multipath)");
    RouterConfig routerConfig = RouterConfig.of("rtr", ROUTER_ASN, AddressPlan.ROUTER_V4).withMultipath(true);
    for (int i = 1; i <= 3; i++) {
      routerConfig = routerConfig.withNeighbor(Neighbor.of(AddressPlan.nodeV4(i), NODE_ASN).asPassive());
    }
    FrrDaemon frr = FrrDaemon.start(lab, lab.topology().routerNamespace(), routerConfig);
    step("starting the lab API server");
    ApiServerProcess api = ApiServerProcess.start(lab);
    Kubectl kubectl = new Kubectl(api.kubeconfig(), lab.directory("kubectl"));
    for (String plural : CRDS) {
      ok(kubectl.withManifest(crd(plural), "create", "--validate=false"));
    }
    try (KubernetesClient client = new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(Files.readString(api.kubeconfig()))).build()) {
      // What the kubelet and the DaemonSet would have made: Nodes, and speaker pods with their host IPs.
      for (int i = 1; i <= 3; i++) {
        client.nodes().resource(new NodeBuilder().withNewMetadata().withName("node" + i).addToLabels("kubernetes.io/hostname", "node" + i)
            .endMetadata().build()).create();
        client.pods().inNamespace(NS).resource(new PodBuilder().withNewMetadata().withName("speaker-node" + i).withNamespace(NS)
            .addToLabels("app", "metallb").addToLabels("component", "speaker").endMetadata()
            .withNewSpec().withNodeName("node" + i).endSpec().withNewStatus().withPodIP(AddressPlan.nodeV4(i)).endStatus().build()).create();
      }
    }

    step("starting the controller and a speaker on each node (this jar)");
    Map<String, String> env = Map.of("KUBECONFIG", api.kubeconfig().toString(), "METALLB_BGP_TYPE", "native");
    List<String> java = List.of(ProcessHandle.current().info().command().orElse("java"), "--enable-native-access=ALL-UNNAMED",
        "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xmx256m", "-cp", System.getProperty("java.class.path"), Main.class.getName());
    SupervisedProcess controller = lab.supervisor().start("controller", Optional.empty(),
        concat(java, "controller", "--namespace", NS, "--port", "0", "--health-probe-port", "0", "--webhook-mode", "disabled"), env);
    List<SupervisedProcess> speakers = new ArrayList<>();
    for (int i = 1; i <= 3; i++) {
      speakers.add(lab.supervisor().start("speaker-node" + i, Optional.of(lab.topology().nodeNamespace(i)),
          concat(java, "speaker", "--node-name", "node" + i, "--namespace", NS, "--ml-bindaddr", AddressPlan.nodeV4(i), "--ml-bindport", "7946",
              "--ml-labels", "app=metallb,component=speaker", "--port", "0", "--health-probe-port", "0",
              "--excludel2-path", lab.runDir().resolve("excludel2.yaml").toString()), env));
    }

    step("kubectl create -f: two IPAddressPools, an L2Advertisement, a BGPPeer and a BGPAdvertisement");
    out.print(indent(USER_CONFIG));
    out.print(indent(ok(kubectl.withManifest(USER_CONFIG, "create", "--validate=false")).stdout()));
    step("kubectl create -f: Services web and api (from bgp-pool) of type LoadBalancer, with endpoints on all three nodes");
    out.print(indent(ok(kubectl.withManifest(USER_SERVICE, "create", "--validate=false")).stdout()));

    String ip = awaitExternalIp(kubectl, controller, "web");
    String bgpIp = awaitExternalIp(kubectl, controller, "api");
    step("kubectl get svc: both Services have their EXTERNAL-IP");
    out.print(indent(ok(kubectl.run("get", "svc", "-n", "default", "-o",
        "custom-columns=NAME:.metadata.name,TYPE:.spec.type,CLUSTER-IP:.spec.clusterIP,EXTERNAL-IP:.status.loadBalancer.ingress[*].ip,PORT(S):.spec.ports[*].port"))
        .stdout()));

    step("router: FRR's route to " + bgpIp + " (ECMP over the three nodes, in its kernel table)");
    String route = Await.value("an ECMP route to " + bgpIp + " over the three nodes", Duration.ofSeconds(60), () -> {
      speakers.forEach(LabDemoCommand::alive);
      String table = Commands.runIn(lab.topology().routerNamespace(), "ip", "route", "show", bgpIp).stdout();
      boolean all = true;
      for (int i = 1; i <= 3; i++) {
        all &= table.contains("via " + AddressPlan.nodeV4(i));
      }
      return all ? Optional.of(table) : Optional.empty();
    });
    out.print(indent("ip route show " + bgpIp + "\n" + route));
    out.print(indent(frr.vtysh("show bgp ipv4 unicast " + bgpIp + "/32").stdout()));

    L2Client client = new L2Client(lab.topology().clientNamespace(), "eth0");
    step("client: arping " + ip);
    String mac = Await.value("a node to answer ARP for " + ip, Duration.ofSeconds(60), () -> {
      speakers.forEach(LabDemoCommand::alive);
      return client.arping(ip);
    });
    int winner = nodeWithMac(lab, mac);
    out.println("  " + ip + " is at " + mac + ": node" + winner + " announces it (MetalLB's election: sha256(node#ip) over the live speakers)");

    step("killing node" + winner + "'s speaker (SIGKILL); waiting for the client's neighbour entry to move");
    client.flushNeighbours();
    client.kernelResolvedMac(ip);
    Instant killed = Instant.now();
    speakers.get(winner - 1).signal(Signal.KILL);
    String moved = Await.value("the client's neighbour entry for " + ip + " to move", Duration.ofSeconds(60), () -> client.neighbours().stream()
        .filter(n -> n.address().equals(ip)).flatMap(n -> n.mac().stream()).filter(m -> !m.equals(mac)).findFirst());
    long millis = Duration.between(killed, Instant.now()).toMillis();
    out.printf("  after %.1f s the client reaches %s at %s: node%d took over (memberlist noticed the dead speaker, the survivors%n"
        + "  re-ran the election, the winner sent gratuitous ARP)%n", millis / 1000.0, ip, moved, nodeWithMac(lab, moved));
    CommandResult statuses = kubectl.run("get", "servicel2statuses.metallb.io", "-n", NS, "-o",
        "custom-columns=NAME:.metadata.name,NODE:.status.node,SERVICE:.status.serviceName");
    if (statuses.exitCode() == 0) {
      step("kubectl get servicel2statuses -n metallb-system");
      out.print(indent(statuses.stdout()));
    }
  }

  /** The first address the controller writes into the Service's status, as kubectl shows it. */
  private static String awaitExternalIp(Kubectl kubectl, SupervisedProcess controller, String service) {
    return Await.value("the controller to give " + service + " an address", Duration.ofSeconds(60), () -> {
      alive(controller);
      String got = kubectl.run("get", "svc", service, "-n", "default", "-o", "jsonpath={.status.loadBalancer.ingress[0].ip}").stdout().strip();
      return got.isEmpty() ? Optional.<String>empty() : Optional.of(got);
    });
  }

  private static int nodeWithMac(Lab lab, String mac) {
    for (int i = 1; i <= 3; i++) {
      if (Namespaces.mac(lab.topology().nodeNamespace(i), "eth0").equals(mac)) {
        return i;
      }
    }
    throw new AssertionError(mac + " is no node's MAC");
  }

  private static void alive(SupervisedProcess p) {
    if (!p.isAlive()) {
      throw new AssertionError(p.name() + " exited:\n" + String.join("\n", p.lastLogLines(30)));
    }
  }

  private static CommandResult ok(CommandResult r) {
    if (r.exitCode() != 0) {
      throw new AssertionError(String.join(" ", r.command()) + " failed:\n" + r.stdout() + r.stderr());
    }
    return r;
  }

  private static String crd(String plural) throws IOException {
    try (InputStream in = io.metallb.api.schema.SchemaValidator.class.getResourceAsStream("/io/metallb/api/crd/metallb.io_" + plural + ".yaml")) {
      if (in == null) {
        throw new IOException("CRD " + plural + " is not in the jar");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private void step(String what) {
    out.printf("[%5.1fs] %s%n", Duration.between(started, Instant.now()).toMillis() / 1000.0, what);
    out.flush();
  }

  private static String indent(String text) {
    return text.lines().map(l -> "    " + l + "\n").reduce("", String::concat);
  }

  private static List<String> concat(List<String> head, String... tail) {
    List<String> all = new ArrayList<>(head);
    all.addAll(List.of(tail));
    return all;
  }
}
