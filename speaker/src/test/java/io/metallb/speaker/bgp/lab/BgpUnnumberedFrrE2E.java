package io.metallb.speaker.bgp.lab;

import static org.assertj.core.api.Assertions.assertThat;

import io.metallb.lab.Lab;
import io.metallb.lab.LabPreconditions.Tool;
import io.metallb.lab.bgp.FrrDaemon;
import io.metallb.lab.bgp.Neighbor;
import io.metallb.lab.bgp.RouterConfig;
import io.metallb.lab.junit.LabExtension;
import io.metallb.lab.net.AddressPlan;
import io.metallb.lab.net.TopologySpec;
import io.metallb.lab.process.Await;
import io.metallb.lab.process.Commands;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Unnumbered BGP (BGPPeer {@code interface}) against FRR 8.4's {@code neighbor IF interface}: node 1
 * and the router share a point-to-point link with link-local addresses only. Each side learns the
 * other's address from its Router Advertisements; our speaker dials FRR's link-local address and
 * sends IPv6 routes with our link-local next hop and IPv4 routes with it too (RFC 8950).
 */
class BgpUnnumberedFrrE2E {
  private static final Duration WAIT = RouterScenarios.WAIT;
  private static final String LINK = "unnum0";

  @RegisterExtension
  static final LabExtension LAB = LabExtension.of(TopologySpec.dualStack(1), Tool.FRR_BGPD, Tool.VTYSH);

  @Test
  void anUnnumberedSessionCarriesIpv4AndIpv6RoutesWithALinkLocalNextHop() {
    Lab lab = LAB.lab();
    lab.topology().addPointToPointLink(1, LINK);
    RouterConfig router = RouterConfig.of("rtr", RouterScenarios.ROUTER_ASN, AddressPlan.ROUTER_V4)
        .withNeighbor(Neighbor.unnumbered(LINK, RouterScenarios.SPEAKER_ASN));
    String peer = "peer rtr " + RouterScenarios.SPEAKER_ASN + " " + RouterScenarios.ROUTER_ASN + " - iface=" + LINK + " connect=1\n";
    try (FrrDaemon frr = FrrDaemon.start(lab, lab.topology().routerNamespace(), router);
        LabSpeaker speaker = LabSpeaker.start(lab, lab.topology().nodeNamespace(1), "n1",
            peer + "service 203.0.113.10,2001:db8:200::10\n")) {
      speaker.awaitEstablished("rtr", 1, WAIT);
      assertThat(frr.awaitRoutes(RouterScenarios.V4, 1, WAIT)).singleElement().satisfies(r -> {
        assertThat(r.asPath()).containsExactly(RouterScenarios.SPEAKER_ASN);
        assertThat(r.nextHops()).isNotEmpty().allSatisfy(nh -> assertThat(nh).startsWith("fe80:"));
        assertThat(r.best()).as("usable: FRR resolved the link-local next hop").isTrue();
      });
      assertThat(frr.awaitRoutes(RouterScenarios.V6, 1, WAIT)).singleElement().satisfies(r -> {
        assertThat(r.nextHops()).isNotEmpty().allSatisfy(nh -> assertThat(nh).startsWith("fe80:"));
        assertThat(r.best()).isTrue();
      });
      // both routes reach the router's kernel table via our link-local address on the link (RFC 8950 §4 forwarding)
      String routerNs = lab.topology().routerNamespace();
      Await.until("the IPv4 route via an IPv6 link-local gateway in the router's kernel", WAIT,
          () -> Commands.checkIn(routerNs, "ip", "route", "show", "203.0.113.10").contains("via inet6 fe80:"));
      Await.until("the IPv6 route via a link-local gateway in the router's kernel", WAIT,
          () -> Commands.checkIn(routerNs, "ip", "-6", "route", "show", "2001:db8:200::10").matches("(?s).*via fe80:\\S+ dev " + LINK + ".*"));

      speaker.configure(peer);
      Await.until("the router to drop both routes", WAIT,
          () -> frr.routes(RouterScenarios.V4).isEmpty() && frr.routes(RouterScenarios.V6).isEmpty());
      assertThat(frr.sessions()).as("withdrawn, not torn down").singleElement()
          .satisfies(s -> assertThat(s.established()).isTrue());
    }
  }
}
