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
import io.metallb.api.v1beta1.L2AdvertisementSpec;
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
 * Two real speakers ({@code metallb speaker}) on lab nodes, memberlist between them, the lab's API
 * server holding a pool, an L2Advertisement and a Service with its IP: the client reaches the IP
 * at the elected node's MAC; when that speaker dies, the other one takes over and its gratuitous
 * ARP moves the client's neighbour entry without the client asking.
 */
class SpeakerL2FailoverE2E {
  @RegisterExtension
  static final LabExtension LAB = LabExtension.of(TopologySpec.dualStack(2), Tool.ARPING, Tool.TCPDUMP);

  static final String NS = "metallb-system";
  static final String IP = "198.51.100.200";

  @Test
  void clientsFollowTheElectedSpeakerAndFailOverOnGratuitousArp() throws Exception {
    var lab = LAB.lab();
    ApiServerProcess api = ApiServerProcess.start(lab);
    try (KubernetesClient client = new KubernetesClientBuilder()
        .withConfig(Config.fromKubeconfig(Files.readString(api.kubeconfig()))).build()) {
      for (int i = 1; i <= 2; i++) {
        String node = "node" + i;
        client.nodes().resource(new NodeBuilder().withNewMetadata().withName(node).addToLabels("kubernetes.io/hostname", node).endMetadata().build()).create();
        client.pods().inNamespace(NS).resource(new PodBuilder().withNewMetadata().withName("speaker-" + i).withNamespace(NS)
            .addToLabels("app", "metallb").addToLabels("component", "speaker").endMetadata()
            .withNewSpec().withNodeName(node).endSpec().withNewStatus().withPodIP(AddressPlan.nodeV4(i)).endStatus().build()).create();
      }
      IPAddressPool pool = new IPAddressPool();
      pool.setMetadata(new ObjectMetaBuilder().withName("lab").withNamespace(NS).build());
      pool.setSpec(new IPAddressPoolSpec(List.of("198.51.100.200-198.51.100.210"), null, null, null));
      client.resources(IPAddressPool.class).inNamespace(NS).resource(pool).create();
      L2Advertisement ad = new L2Advertisement();
      ad.setMetadata(new ObjectMetaBuilder().withName("l2").withNamespace(NS).build());
      ad.setSpec(new L2AdvertisementSpec(null, null, null, null, null, null));
      client.resources(L2Advertisement.class).inNamespace(NS).resource(ad).create();
      client.services().inNamespace("default").resource(new ServiceBuilder().withNewMetadata().withName("web").withNamespace("default").endMetadata()
          .withNewSpec().withType("LoadBalancer").addNewPort().withPort(80).endPort().endSpec()
          .withNewStatus().withNewLoadBalancer().addNewIngress().withIp(IP).endIngress().endLoadBalancer().endStatus().build()).create();
      client.discovery().v1().endpointSlices().inNamespace("default").resource(new EndpointSliceBuilder().withNewMetadata().withName("web-1")
          .withNamespace("default").addToLabels("kubernetes.io/service-name", "web").endMetadata().withAddressType("IPv4")
          .addNewEndpoint().withAddresses("203.0.113.1").withNodeName("node1").withNewConditions().withReady(true).endConditions().endEndpoint()
          .addNewEndpoint().withAddresses("203.0.113.2").withNodeName("node2").withNewConditions().withReady(true).endConditions().endEndpoint()
          .build()).create();

      List<SupervisedProcess> speakers = new ArrayList<>();
      for (int i = 1; i <= 2; i++) {
        speakers.add(lab.supervisor().start("speaker-node" + i, Optional.of(lab.topology().nodeNamespace(i)), List.of(
            ProcessHandle.current().info().command().orElse("java"), "--enable-native-access=ALL-UNNAMED", "-XX:TieredStopAtLevel=1",
            "-cp", System.getProperty("java.class.path"), SpeakerMain.class.getName(),
            "--node-name", "node" + i, "--namespace", NS, "--ml-bindaddr", AddressPlan.nodeV4(i), "--ml-bindport", "7946",
            "--ml-labels", "app=metallb,component=speaker", "--port", "0", "--health-probe-port", "0",
            "--excludel2-path", lab.runDir().resolve("no-excludel2.yaml").toString(), "--log-level", "debug"),
            Map.of("KUBECONFIG", api.kubeconfig().toString())));
      }
      int winner = L2Election.winner(List.of("node1", "node2"), IP, Map.of()).orElseThrow().equals("node1") ? 1 : 2;
      int other = 3 - winner;
      String winnerMac = Namespaces.mac(lab.topology().nodeNamespace(winner), "eth0");
      String otherMac = Namespaces.mac(lab.topology().nodeNamespace(other), "eth0");
      L2Client l2 = new L2Client(lab.topology().clientNamespace(), "eth0");

      String answered = Await.value("the elected node to answer ARP for " + IP, Duration.ofSeconds(60), () -> {
        speakers.forEach(s -> {
          if (!s.isAlive()) {
            throw new AssertionError(s.name() + " exited:\n" + String.join("\n", s.lastLogLines(40)));
          }
        });
        return l2.arping(IP);
      });
      assertThat(answered).isEqualTo(winnerMac);
      // The kernel learns the entry that the takeover must move.
      l2.kernelResolvedMac(IP);
      assertThat(l2.neighbours()).anySatisfy(n -> {
        assertThat(n.address()).isEqualTo(IP);
        assertThat(n.mac()).contains(winnerMac);
      });

      try (Capture capture = Capture.start(lab, lab.topology().clientNamespace(), "eth0", "failover")) {
        Instant killed = Instant.now();
        speakers.get(winner - 1).signal(Signal.KILL);
        Await.until("the client's neighbour entry to move to the surviving node", Duration.ofSeconds(40), () -> l2.neighbours().stream()
            .anyMatch(n -> n.address().equals(IP) && n.mac().filter(otherMac::equals).isPresent()));
        Duration failover = Duration.between(killed, Instant.now());
        System.out.println("layer 2 failover after SIGKILL of the elected speaker: " + failover.toMillis() + " ms");
        Await.until("gratuitous ARP from the survivor in the capture", Duration.ofSeconds(10), () -> capture.packets().stream()
            .anyMatch(p -> p instanceof ArpPacket arp && arp.isGratuitous() && arp.sourceMac().equals(otherMac)));
      }
      assertThat(l2.arping(IP)).hasValue(otherMac);
    }
  }
}
