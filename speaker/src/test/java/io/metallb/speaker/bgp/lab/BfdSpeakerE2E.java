package io.metallb.speaker.bgp.lab;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.metallb.api.v1beta1.BFDProfile;
import io.metallb.api.v1beta1.BFDProfileSpec;
import io.metallb.api.v1beta2.BGPPeer;
import io.metallb.api.v1beta2.BGPPeerSpec;
import io.metallb.lab.Lab;
import io.metallb.lab.LabPreconditions.Tool;
import io.metallb.lab.apiserver.ApiServerProcess;
import io.metallb.lab.bgp.BfdProfile;
import io.metallb.lab.bgp.FrrDaemon;
import io.metallb.lab.bgp.Neighbor;
import io.metallb.lab.bgp.RouterConfig;
import io.metallb.lab.junit.LabExtension;
import io.metallb.lab.net.AddressPlan;
import io.metallb.lab.net.TopologySpec;
import io.metallb.lab.process.Await;
import io.metallb.lab.process.SupervisedProcess;
import io.metallb.speaker.SpeakerMain;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The real speaker in {@code METALLB_BGP_TYPE=frr-k8s} mode on a lab node, against the lab's API
 * server holding a BFDProfile and a BGPPeer that uses it: our engine dials FRR, the BFD session
 * comes Up at FRR with the profile's timers, and editing the profile changes them in place (a Poll
 * Sequence) without resetting BGP.
 */
class BfdSpeakerE2E {
  @RegisterExtension
  static final LabExtension LAB = LabExtension.of(TopologySpec.dualStack(1), Tool.FRR_BGPD, Tool.FRR_BFDD, Tool.VTYSH);

  private static final String NS = "metallb-system";
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private static BFDProfile profile(long interval, long multiplier) {
    BFDProfile p = new BFDProfile();
    p.setMetadata(new ObjectMetaBuilder().withName("fast").withNamespace(NS).build());
    p.setSpec(new BFDProfileSpec(interval, interval, multiplier, null, null, null, null));
    return p;
  }

  /** FRR's view of our BFD session, once it is Up with {@code interval} ms × {@code multiplier}. */
  private static boolean upWithTimers(FrrDaemon frr, int interval, int multiplier) {
    for (JsonNode p : JSON.readTree(frr.vtysh("show bfd peers json").orThrow().stdout())) {
      if (p.path("peer").asString().equals(AddressPlan.nodeV4(1))) {
        return p.path("status").asString().equals("up") && p.path("remote-receive-interval").asInt() == interval
            && p.path("remote-transmit-interval").asInt() == interval && p.path("remote-detect-multiplier").asInt() == multiplier;
      }
    }
    return false;
  }

  @Test
  void aBgpPeerWithABfdProfileGetsABfdSessionWhoseTimersFollowTheProfile() throws Exception {
    Lab lab = LAB.lab();
    ApiServerProcess api = ApiServerProcess.start(lab);
    RouterConfig router = RouterConfig.of("rtr", RouterScenarios.ROUTER_ASN, AddressPlan.ROUTER_V4)
        .withBfd(new BfdProfile("metallb", 100, 100, 3))
        .withNeighbor(Neighbor.of(AddressPlan.nodeV4(1), RouterScenarios.SPEAKER_ASN).asPassive().withBfd());
    try (FrrDaemon frr = FrrDaemon.start(lab, lab.topology().routerNamespace(), router);
        KubernetesClient client = new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(Files.readString(api.kubeconfig()))).build()) {
      client.nodes().resource(new NodeBuilder().withNewMetadata().withName("node1").addToLabels("kubernetes.io/hostname", "node1").endMetadata()
          .build()).create();
      client.resources(BFDProfile.class).inNamespace(NS).resource(profile(150, 4)).create();
      BGPPeer peer = new BGPPeer();
      peer.setMetadata(new ObjectMetaBuilder().withName("rtr").withNamespace(NS).build());
      peer.setSpec(new BGPPeerSpec(RouterScenarios.SPEAKER_ASN, RouterScenarios.ROUTER_ASN, null, null, AddressPlan.ROUTER_V4, null, null,
          null, null, null, null, null, null, null, null, "fast", null, null, null, null, null));
      client.resources(BGPPeer.class).inNamespace(NS).resource(peer).create();

      String java = ProcessHandle.current().info().command().orElse("java");
      SupervisedProcess speaker = lab.supervisor().start("speaker-node1", Optional.of(lab.topology().nodeNamespace(1)), List.of(java,
          "--enable-native-access=ALL-UNNAMED", "-XX:TieredStopAtLevel=1", "-Xmx256m", "-cp", System.getProperty("java.class.path"),
          SpeakerMain.class.getName(), "--node-name", "node1", "--namespace", NS, "--port", "0", "--health-probe-port", "0",
          "--excludel2-path", lab.runDir().resolve("no-excludel2.yaml").toString()),
          Map.of("KUBECONFIG", api.kubeconfig().toString(), "METALLB_BGP_TYPE", "frr-k8s"));

      Await.until("BFD Up at FRR with the profile's 150 ms x 4", RouterScenarios.WAIT, () -> {
        if (!speaker.isAlive()) {
          throw new AssertionError("speaker exited:\n" + String.join("\n", speaker.lastLogLines(40)));
        }
        return upWithTimers(frr, 150, 4);
      });
      frr.awaitEstablished(AddressPlan.nodeV4(1), RouterScenarios.WAIT);

      client.resources(BFDProfile.class).inNamespace(NS).withName("fast").edit(p -> {
        p.setSpec(profile(250, 3).getSpec());
        return p;
      });
      Await.until("FRR to see the edited profile's 250 ms x 3", RouterScenarios.WAIT, () -> upWithTimers(frr, 250, 3));
      RouterScenarios.sleep(Duration.ofSeconds(2));
      assertThat(upWithTimers(frr, 250, 3)).isTrue();
      assertThat(speaker.log()).as("neither BGP nor BFD went down").doesNotContain("BGP session down").doesNotContain("BFD session down");
      frr.awaitEstablished(AddressPlan.nodeV4(1), RouterScenarios.WAIT);
    }
  }
}
