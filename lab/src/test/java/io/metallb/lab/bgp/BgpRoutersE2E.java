package io.metallb.lab.bgp;

import static org.assertj.core.api.Assertions.assertThat;

import io.metallb.lab.Lab;
import io.metallb.lab.LabPreconditions.Tool;
import io.metallb.lab.junit.LabExtension;
import io.metallb.lab.net.AddressPlan;
import io.metallb.lab.net.TopologySpec;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Each router daemon, in the router namespace, learns a /32 and a /128 from another daemon on node 1. */
class BgpRoutersE2E {
  @RegisterExtension
  static final LabExtension LAB = LabExtension.of(TopologySpec.dualStack(1), Tool.FRR_BGPD, Tool.FRR_BFDD, Tool.VTYSH,
      Tool.BIRD, Tool.BIRDC, Tool.GOBGPD, Tool.GOBGP);

  private static final Duration LEARN = Duration.ofSeconds(40);
  private static final String V4 = "198.51.100.10/32";
  private static final String V6 = "2001:db8:100::10/128";

  private static RouterConfig router(long speakerAsn, String md5) {
    Neighbor v4 = Neighbor.of(AddressPlan.nodeV4(1), speakerAsn).asPassive();
    Neighbor v6 = Neighbor.of(AddressPlan.nodeV6(1), speakerAsn).asPassive();
    if (md5 != null) {
      v4 = v4.withMd5(md5);
      v6 = v6.withMd5(md5);
    }
    return RouterConfig.of("rtr", 64500, AddressPlan.ROUTER_V4).withNeighbor(v4).withNeighbor(v6);
  }

  private static RouterConfig speaker(long asn, String md5) {
    Neighbor v4 = Neighbor.of(AddressPlan.ROUTER_V4, 64500);
    Neighbor v6 = Neighbor.of(AddressPlan.ROUTER_V6, 64500);
    if (md5 != null) {
      v4 = v4.withMd5(md5);
      v6 = v6.withMd5(md5);
    }
    return RouterConfig.of("spk", asn, AddressPlan.nodeV4(1)).withNeighbor(v4).withNeighbor(v6)
        .withAnnouncement(new Announcement(V4, List.of("64512:100"), List.of("64512:1:100"), OptionalLong.of(200)))
        .withAnnouncement(new Announcement(V6, List.of("64512:100"), List.of("64512:1:100"), OptionalLong.of(200)));
  }

  private static void assertLearned(BgpDaemon router, BgpDaemon speaker, boolean internal) {
    speaker.awaitEstablished(AddressPlan.ROUTER_V4, LEARN);
    router.awaitEstablished(AddressPlan.nodeV4(1), LEARN);
    router.awaitEstablished(AddressPlan.nodeV6(1), LEARN);
    BgpRoute v4 = router.awaitRoutes(V4, 1, LEARN).getFirst();
    BgpRoute v6 = router.awaitRoutes(V6, 1, LEARN).getFirst();
    assertThat(v4.nextHops()).contains(AddressPlan.nodeV4(1));
    assertThat(v6.nextHops()).contains(AddressPlan.nodeV6(1));
    for (BgpRoute route : List.of(v4, v6)) {
      assertThat(route.communities()).as("%s", route).contains("64512:100");
      assertThat(route.largeCommunities()).as("%s", route).contains("64512:1:100");
      if (internal) {
        assertThat(route.localPref()).as("%s", route).hasValue(200);
      } else {
        assertThat(route.asPath()).as("%s", route).containsExactly(64512L);
      }
    }
  }

  @Test
  void frrRouterLearnsFromGobgpSpeakerOverEbgpWithMd5() {
    Lab lab = LAB.lab();
    try (BgpDaemon router = FrrDaemon.start(lab, lab.topology().routerNamespace(), router(64512, "s3cr3t"));
        BgpDaemon speaker = GobgpDaemon.start(lab, lab.topology().nodeNamespace(1), speaker(64512, "s3cr3t"))) {
      assertLearned(router, speaker, false);
    }
  }

  @Test
  void birdRouterLearnsFromFrrSpeakerOverIbgp() {
    Lab lab = LAB.lab();
    try (BgpDaemon router = BirdDaemon.start(lab, lab.topology().routerNamespace(), router(64500, null));
        BgpDaemon speaker = FrrDaemon.start(lab, lab.topology().nodeNamespace(1), speaker(64500, null))) {
      assertLearned(router, speaker, true);
    }
  }

  @Test
  void gobgpRouterLearnsFromBirdSpeakerOverEbgp() {
    Lab lab = LAB.lab();
    try (BgpDaemon router = GobgpDaemon.start(lab, lab.topology().routerNamespace(), router(64512, null));
        BgpDaemon speaker = BirdDaemon.start(lab, lab.topology().nodeNamespace(1), speaker(64512, null))) {
      assertLearned(router, speaker, false);
    }
  }
}
