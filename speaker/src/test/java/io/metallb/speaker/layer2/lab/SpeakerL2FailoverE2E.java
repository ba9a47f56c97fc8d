package io.metallb.speaker.layer2.lab;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSliceBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.metallb.api.v1beta1.IPAddressPool;
import io.metallb.api.v1beta1.IPAddressPoolSpec;
import io.metallb.api.v1beta1.L2Advertisement;
import io.metallb.api.v1beta1.InterfaceInfo;
import io.metallb.api.v1beta1.L2AdvertisementSpec;
import io.metallb.api.v1beta1.ServiceL2Status;
import io.metallb.lab.LabPreconditions.Tool;
import io.metallb.lab.apiserver.ApiServerProcess;
import io.metallb.lab.junit.LabExtension;
import io.metallb.lab.l2.ArpPacket;
import io.metallb.lab.l2.Capture;
import io.metallb.lab.l2.L2Client;
import io.metallb.lab.net.AddressPlan;
import io.metallb.lab.net.Namespaces;
import io.metallb.lab.net.TopologySpec;
import io.metallb.lab.process.Await;
import io.metallb.lab.process.Signal;
import io.metallb.lab.process.SupervisedProcess;
import io.metallb.controller.ControllerMain;
import io.metallb.speaker.SpeakerMain;
import io.metallb.speaker.election.L2Election;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Three real speakers ({@code metallb speaker}) on lab nodes, memberlist between them, the real
 * controller and the lab's API server holding a pool, an L2Advertisement and an IPv4 and an IPv6
 * Service, to which the controller gives their IPs: the
 * client reaches each IP at the elected node's MAC; the exclude label, NetworkUnavailable and
 * {@code externalTrafficPolicy: Local} move the announcement, an advertisement restricted to
 * another interface is not answered, with five gratuitous rounds 1.1 s
 * apart; when the announcing speaker dies, another takes over and its gratuitous ARP moves the
 * client's neighbour entry without the client asking.
 */
class SpeakerL2FailoverE2E {
  @RegisterExtension
  static final LabExtension LAB = LabExtension.of(new TopologySpec(3, true, true), Tool.ARPING, Tool.TCPDUMP);

  static final String NS = "metallb-system";
  static final String IP = "198.51.100.200";
  static final String IP6 = "2001:db8:100::200";
  static final List<String> NODES = List.of("node1", "node2", "node3");
  static final String EXCLUDE = "node.kubernetes.io/exclude-from-external-load-balancers";

  KubernetesClient client;
  L2Client l2;
  List<SupervisedProcess> speakers = new ArrayList<>();

  @Test
  void announcementsFollowTheElectionMovesAndFailover() throws Exception {
    var lab = LAB.lab();
    ApiServerProcess api = ApiServerProcess.start(lab);
    try (KubernetesClient c = new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(Files.readString(api.kubeconfig()))).build()) {
      client = c;
      for (int i = 1; i <= 3; i++) {
        node("node" + i, false, false);
        client.pods().inNamespace(NS).resource(new PodBuilder().withNewMetadata().withName("speaker-" + i).withNamespace(NS)
            .addToLabels("app", "metallb").addToLabels("component", "speaker").endMetadata()
            .withNewSpec().withNodeName("node" + i).endSpec().withNewStatus().withPodIP(AddressPlan.nodeV4(i)).endStatus().build()).create();
      }
      IPAddressPool pool = new IPAddressPool();
      pool.setMetadata(new ObjectMetaBuilder().withName("lab").withNamespace(NS).build());
      pool.setSpec(new IPAddressPoolSpec(List.of("198.51.100.200-198.51.100.210", "2001:db8:100::200-2001:db8:100::210"), null, null, null));
      client.resources(IPAddressPool.class).inNamespace(NS).resource(pool).create();
      advertisement(null);
      // The real controller assigns the first address of each family (the Services ask for none).
      SupervisedProcess controller = lab.supervisor().start("controller", Optional.empty(), List.of(
          ProcessHandle.current().info().command().orElse("java"), "-XX:TieredStopAtLevel=1", "-Xmx256m", "-cp", System.getProperty("java.class.path"),
          ControllerMain.class.getName(), "--namespace", NS, "--port", "0", "--health-probe-port", "0", "--webhook-mode", "disabled"),
          Map.of("KUBECONFIG", api.kubeconfig().toString()));
      service("web", IP, "Cluster", NODES, false);
      service("web6", IP6, "Cluster", NODES, false);
      for (String[] assigned : new String[][] {{"web", IP}, {"web6", IP6}}) {
        Await.until("the controller to assign " + assigned[1] + " to " + assigned[0], Duration.ofSeconds(60), () -> {
          if (!controller.isAlive()) {
            throw new AssertionError("controller exited:\n" + String.join("\n", controller.lastLogLines(40)));
          }
          var svc = client.services().inNamespace("default").withName(assigned[0]).get();
          return svc.getStatus() != null && svc.getStatus().getLoadBalancer() != null && svc.getStatus().getLoadBalancer().getIngress() != null
              && svc.getStatus().getLoadBalancer().getIngress().stream().anyMatch(i -> assigned[1].equals(i.getIp()));
        });
      }

      for (int i = 1; i <= 3; i++) {
        speakers.add(lab.supervisor().start("speaker-node" + i, Optional.of(lab.topology().nodeNamespace(i)), List.of(
            ProcessHandle.current().info().command().orElse("java"), "--enable-native-access=ALL-UNNAMED", "-XX:TieredStopAtLevel=1",
            "-Xmx256m", "-cp", System.getProperty("java.class.path"), SpeakerMain.class.getName(),
            "--node-name", "node" + i, "--namespace", NS, "--ml-bindaddr", AddressPlan.nodeV4(i), "--ml-bindport", "7946",
            "--ml-labels", "app=metallb,component=speaker", "--port", "0", "--health-probe-port", "0",
            "--excludel2-path", lab.runDir().resolve("no-excludel2.yaml").toString(), "--log-level", "debug"),
            Map.of("KUBECONFIG", api.kubeconfig().toString())));
      }
      l2 = new L2Client(lab.topology().clientNamespace(), "eth0");

      // IPv4 and IPv6: the elected node answers.
      String winner = elected(IP, NODES);
      awaitArp(winner);
      String winner6 = elected(IP6, NODES);
      String mac6 = Await.value("the elected node to answer NDP for " + IP6, Duration.ofSeconds(30), () -> {
        l2.flushNeighbours();
        return l2.kernelResolvedMac(IP6);
      });
      assertThat(mac6).isEqualTo(mac(winner6));

      // The exclude label moves the announcement, with five gratuitous rounds about 1.1 s apart.
      String second = elected(IP, NODES.stream().filter(n -> !n.equals(winner)).toList());
      try (Capture capture = Capture.start(lab, lab.topology().clientNamespace(), "eth0", "exclude-label")) {
        node(winner, true, false);
        awaitArp(second);
        List<Instant> rounds = Await.value("five gratuitous rounds from " + second, Duration.ofSeconds(15), () -> {
          List<Instant> requests = capture.packets().stream()
              .filter(p -> p instanceof ArpPacket arp && arp.isGratuitous() && arp.operation() == ArpPacket.REQUEST
                  && arp.sourceMac().equals(mac(second)))
              .map(p -> p.timestamp()).toList();
          return requests.size() >= 5 ? Optional.of(requests) : Optional.empty();
        });
        for (int i = 1; i < 5; i++) {
          assertThat(Duration.between(rounds.get(i - 1), rounds.get(i)).toMillis()).as("gap before round %d", i + 1).isBetween(900L, 1400L);
        }
      }
      node(winner, false, false);
      awaitArp(winner);

      // NetworkUnavailable moves it too.
      node(winner, false, true);
      awaitArp(second);
      node(winner, false, false);
      awaitArp(winner);

      // externalTrafficPolicy: Local announces from a node with a ready endpoint.
      String withEndpoint = NODES.stream().filter(n -> !n.equals(winner)).findFirst().orElseThrow();
      service("web", IP, "Local", List.of(withEndpoint), true);
      awaitArp(withEndpoint);
      service("web", IP, "Cluster", NODES, true);
      awaitArp(winner);

      // An advertisement restricted to eth1 is not answered on eth0, where the client is; the
      // ServiceL2Status names the interface.
      advertisement(List.of("eth1"));
      Await.until("ServiceL2Status of " + winner + " to name eth1", Duration.ofSeconds(30), () -> client.resources(ServiceL2Status.class)
          .inNamespace(NS).withLabel("metallb.io/service-name", "web").list().getItems().stream()
          .anyMatch(st -> st.getStatus() != null && winner.equals(st.getStatus().node())
              && List.of(new InterfaceInfo("eth1")).equals(st.getStatus().interfaces())));
      assertThat(l2.arping(IP)).as("restricted to eth1: no answer on eth0").isEmpty();
      advertisement(null);
      awaitArp(winner);

      // SIGKILL of the announcing speaker: memberlist notices, the next node takes over and the
      // client's neighbour entry follows its gratuitous ARP.
      l2.flushNeighbours();
      assertThat(l2.kernelResolvedMac(IP)).contains(mac(winner));
      try (Capture capture = Capture.start(lab, lab.topology().clientNamespace(), "eth0", "failover")) {
        Instant killed = Instant.now();
        speakers.get(NODES.indexOf(winner)).signal(Signal.KILL);
        Await.until("the client's neighbour entry to move to " + second, Duration.ofSeconds(40), () -> l2.neighbours().stream()
            .anyMatch(n -> n.address().equals(IP) && n.mac().filter(mac(second)::equals).isPresent()));
        Duration failover = Duration.between(killed, Instant.now());
        System.out.println("layer 2 failover after SIGKILL of the elected speaker: " + failover.toMillis() + " ms");
        Await.until("gratuitous ARP from " + second + " in the capture", Duration.ofSeconds(10), () -> capture.packets().stream()
            .anyMatch(p -> p instanceof ArpPacket arp && arp.isGratuitous() && arp.sourceMac().equals(mac(second))));
      }
      assertThat(l2.arping(IP)).hasValue(mac(second));
    }
  }

  void advertisement(List<String> interfaces) {
    L2Advertisement ad = new L2Advertisement();
    ad.setMetadata(new ObjectMetaBuilder().withName("l2").withNamespace(NS).build());
    ad.setSpec(new L2AdvertisementSpec(null, null, null, interfaces, null, null));
    client.resources(L2Advertisement.class).inNamespace(NS).resource(ad).createOr(a -> a.update());
  }

  static String elected(String ip, List<String> candidates) {
    return L2Election.winner(candidates, ip, Map.of()).orElseThrow();
  }

  String mac(String node) {
    return Namespaces.mac(LAB.lab().topology().nodeNamespace(NODES.indexOf(node) + 1), "eth0");
  }

  void awaitArp(String node) {
    String expected = mac(node);
    Await.until(node + " to answer ARP for " + IP, Duration.ofSeconds(60), () -> {
      for (SupervisedProcess s : speakers) {
        if (!s.isAlive() && s.exitCode().orElse(0) != 137 && s.exitCode().orElse(0) != 9) {
          throw new AssertionError(s.name() + " exited:\n" + String.join("\n", s.lastLogLines(40)));
        }
      }
      return l2.arping(IP).filter(expected::equals).isPresent();
    });
  }

  void node(String name, boolean excluded, boolean networkUnavailable) {
    NodeBuilder node = new NodeBuilder().withNewMetadata().withName(name).addToLabels("kubernetes.io/hostname", name).endMetadata()
        .withNewStatus().addNewCondition().withType("NetworkUnavailable").withStatus(networkUnavailable ? "True" : "False").endCondition().endStatus();
    if (excluded) {
      node.editMetadata().addToLabels(EXCLUDE, "").endMetadata();
    }
    client.nodes().resource(node.build()).createOr(n -> n.update());
  }

  /**
   * Writes the Service (with cluster IPs, which the mock API server does not assign) and its
   * EndpointSlice; {@code withStatus} keeps the address the controller gave it across the update.
   */
  void service(String name, String ip, String externalTrafficPolicy, List<String> endpointNodes, boolean withStatus) {
    boolean v6 = ip.contains(":");
    String clusterIp = v6 ? "2001:db8:ffff::" + (name.length() + 16) : "198.18.0." + (name.length() + 16);
    ServiceBuilder svc = new ServiceBuilder().withNewMetadata().withName(name).withNamespace("default").endMetadata()
        .withNewSpec().withType("LoadBalancer").withExternalTrafficPolicy(externalTrafficPolicy).withClusterIP(clusterIp).withClusterIPs(clusterIp)
        .withIpFamilies(v6 ? "IPv6" : "IPv4").withIpFamilyPolicy("SingleStack").addNewPort().withPort(80).endPort().endSpec();
    if (withStatus) {
      svc.withNewStatus().withNewLoadBalancer().addNewIngress().withIp(ip).endIngress().endLoadBalancer().endStatus();
    }
    client.services().inNamespace("default").resource(svc.build()).createOr(s -> s.update());
    var slice = new EndpointSliceBuilder().withNewMetadata().withName(name + "-1").withNamespace("default")
        .addToLabels("kubernetes.io/service-name", name).endMetadata().withAddressType(ip.contains(":") ? "IPv6" : "IPv4");
    int i = 1;
    for (String node : endpointNodes) {
      slice.addNewEndpoint().withAddresses(ip.contains(":") ? "2001:db8:300::" + i++ : "203.0.113." + i++).withNodeName(node)
          .withNewConditions().withReady(true).endConditions().endEndpoint();
    }
    client.discovery().v1().endpointSlices().inNamespace("default").resource(slice.build()).createOr(s -> s.update());
  }
}
