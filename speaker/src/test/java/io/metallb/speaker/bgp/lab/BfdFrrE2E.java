package io.metallb.speaker.bgp.lab;

import static org.assertj.core.api.Assertions.assertThat;

import io.metallb.lab.Lab;
import io.metallb.lab.LabPreconditions.Tool;
import io.metallb.lab.bgp.BfdProfile;
import io.metallb.lab.bgp.FrrDaemon;
import io.metallb.lab.bgp.Neighbor;
import io.metallb.lab.bgp.RouterConfig;
import io.metallb.lab.junit.LabExtension;
import io.metallb.lab.net.AddressPlan;
import io.metallb.lab.net.TopologySpec;
import io.metallb.lab.process.Await;
import io.metallb.lab.process.SupervisedProcess;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Our BFD against FRR 8.4's bfdd in the lab: FRR (AS 64500, router namespace) has passive
 * neighbours with {@code bfd} and a 100 ms × 3 profile; our speaker in node 1 peers over IPv4 and
 * IPv6 with the same BFD profile. The BFD sessions come Up at FRR with our timers; freezing FRR
 * (SIGSTOP of its bfdd and bgpd, so TCP stays open and the 90 s hold timer sees nothing) ends our
 * BGP sessions within the BFD detection time; after SIGCONT everything comes back.
 */
class BfdFrrE2E {
  private static final Duration WAIT = RouterScenarios.WAIT;
  private static final long ROUTER_ASN = RouterScenarios.ROUTER_ASN;
  private static final long SPEAKER_ASN = RouterScenarios.SPEAKER_ASN;
  private static final Pattern BFD_DOWN = Pattern.compile("^BFD (\\S+) UP DOWN 1 (\\d+)$", Pattern.MULTILINE);
  private static final JsonMapper JSON = JsonMapper.builder().build();

  @RegisterExtension
  static final LabExtension LAB = LabExtension.of(TopologySpec.dualStack(1), Tool.FRR_BGPD, Tool.FRR_BFDD, Tool.VTYSH);

  private static RouterConfig router() {
    RouterConfig config = RouterConfig.of("rtr", ROUTER_ASN, AddressPlan.ROUTER_V4).withBfd(new BfdProfile("metallb", 100, 100, 3));
    for (String address : List.of(AddressPlan.nodeV4(1), AddressPlan.nodeV6(1))) {
      config = config.withNeighbor(Neighbor.of(address, SPEAKER_ASN).asPassive().withBfd());
    }
    return config;
  }

  private static final String CONTROL = "bfdprofile fast rx=100 tx=100 mult=3\n"
      + "peer rtr4 " + SPEAKER_ASN + " " + ROUTER_ASN + " " + AddressPlan.ROUTER_V4 + " hold=90 bfd=fast\n"
      + "peer rtr6 " + SPEAKER_ASN + " " + ROUTER_ASN + " " + AddressPlan.ROUTER_V6 + " hold=90 bfd=fast\n"
      + "service 203.0.113.10,2001:db8:200::10\n";

  /** FRR's {@code show bfd peers json} entry for {@code peer}, if any. */
  private static JsonNode bfdPeer(FrrDaemon frr, String peer) {
    for (JsonNode p : JSON.readTree(frr.vtysh("show bfd peers json").orThrow().stdout())) {
      if (p.path("peer").asString().equals(peer)) {
        return p;
      }
    }
    return null;
  }

  private static boolean bfdUpAtFrr(FrrDaemon frr) {
    return List.of(AddressPlan.nodeV4(1), AddressPlan.nodeV6(1)).stream().allMatch(a -> {
      JsonNode p = bfdPeer(frr, a);
      return p != null && p.path("status").asString().equals("up");
    });
  }

  @Test
  void bfdComesUpAtFrrAndAFrozenRouterEndsTheBgpSessionsWithinTheDetectionTime() {
    Lab lab = LAB.lab();
    try (FrrDaemon frr = FrrDaemon.start(lab, lab.topology().routerNamespace(), router());
        LabSpeaker speaker = LabSpeaker.start(lab, lab.topology().nodeNamespace(1), "n1", CONTROL)) {
      speaker.awaitEstablished("rtr4", 1, WAIT);
      speaker.awaitEstablished("rtr6", 1, WAIT);
      Await.until("BFD Up at FRR for our IPv4 and IPv6 addresses", WAIT, () -> bfdUpAtFrr(frr));
      JsonNode v4 = bfdPeer(frr, AddressPlan.nodeV4(1));
      assertThat(v4.path("remote-receive-interval").asInt()).as("our profile reached FRR: %s", v4).isEqualTo(100);
      assertThat(v4.path("remote-transmit-interval").asInt()).as("%s", v4).isEqualTo(100);
      assertThat(v4.path("remote-detect-multiplier").asInt()).as("%s", v4).isEqualTo(3);
      assertThat(v4.path("remote-echo-receive-interval").asInt()).as("no Echo: %s", v4).isZero();
      frr.awaitRoutes(RouterScenarios.V4, 1, WAIT);
      frr.awaitRoutes(RouterScenarios.V6, 1, WAIT);
      RouterScenarios.sleep(Duration.ofSeconds(2));
      long flapsBefore = speaker.count("^STATE rtr[46] ESTABLISHED");
      assertThat(flapsBefore).as("settled: no BGP session went down since it came up").isZero();

      List<SupervisedProcess> daemons = lab.supervisor().processes().stream()
          .filter(p -> (p.name().startsWith("frr-rtr-bfdd") || p.name().startsWith("frr-rtr-bgpd")) && p.isAlive()).toList();
      assertThat(daemons).hasSize(2);
      long frozenAt = System.currentTimeMillis();
      daemons.forEach(SupervisedProcess::freeze);
      try {
        speaker.awaitCount("^STATE rtr4 ESTABLISHED ACTIVE BFD down", 1, Duration.ofSeconds(10));
        speaker.awaitCount("^STATE rtr6 ESTABLISHED ACTIVE BFD down", 1, Duration.ofSeconds(10));
      } finally {
        daemons.forEach(SupervisedProcess::thaw);
      }
      Matcher down = BFD_DOWN.matcher(speaker.process().log());
      int seen = 0;
      while (down.find()) {
        long afterMs = Long.parseLong(down.group(2)) - frozenAt;
        assertThat(afterMs).as("BFD of %s down %d ms after the freeze (3 x 100 ms)", down.group(1), afterMs).isBetween(0L, 1000L);
        seen++;
      }
      assertThat(seen).as("both sessions detected the silence (diagnostic 1)").isEqualTo(2);

      speaker.awaitEstablished("rtr4", 2, Duration.ofSeconds(60));
      speaker.awaitEstablished("rtr6", 2, Duration.ofSeconds(60));
      Await.until("BFD Up again at FRR", WAIT, () -> bfdUpAtFrr(frr));
      frr.awaitRoutes(RouterScenarios.V4, 1, WAIT);
      frr.awaitRoutes(RouterScenarios.V6, 1, WAIT);
    }
  }

  /** With {@code ebgpMultiHop} both ends run multihop BFD (RFC 5883, UDP port 4784). */
  @Test
  void ebgpMultihopPeersUseMultihopBfd() {
    Lab lab = LAB.lab();
    RouterConfig router = RouterConfig.of("rtr", ROUTER_ASN, AddressPlan.ROUTER_V4).withBfd(new BfdProfile("metallb", 100, 100, 3))
        .withNeighbor(Neighbor.of(AddressPlan.nodeV4(1), SPEAKER_ASN).asPassive().withMultihop(255).withBfd());
    String control = "bfdprofile fast rx=100 tx=100 mult=3\n"
        + "peer rtr4 " + SPEAKER_ASN + " " + ROUTER_ASN + " " + AddressPlan.ROUTER_V4 + " multihop bfd=fast\n";
    try (FrrDaemon frr = FrrDaemon.start(lab, lab.topology().routerNamespace(), router);
        LabSpeaker speaker = LabSpeaker.start(lab, lab.topology().nodeNamespace(1), "n1", control)) {
      speaker.awaitEstablished("rtr4", 1, WAIT);
      Await.until("multihop BFD Up at FRR", WAIT, () -> {
        JsonNode p = bfdPeer(frr, AddressPlan.nodeV4(1));
        return p != null && p.path("status").asString().equals("up") && p.path("multihop").asBoolean();
      });
      speaker.awaitCount("^BFD " + Pattern.quote(AddressPlan.ROUTER_V4) + " (DOWN|INIT) UP ", 1, WAIT);
    }
  }
}
