package io.metallb.speaker.bgp.lab;

import static org.assertj.core.api.Assertions.assertThat;

import io.metallb.lab.Lab;
import io.metallb.lab.LabPreconditions.Tool;
import io.metallb.lab.bgp.AddressFamily;
import io.metallb.lab.bgp.BgpRoute;
import io.metallb.lab.bgp.FrrDaemon;
import io.metallb.lab.bgp.Neighbor;
import io.metallb.lab.bgp.RouterConfig;
import io.metallb.lab.junit.LabExtension;
import io.metallb.lab.net.AddressPlan;
import io.metallb.lab.net.TopologySpec;
import io.metallb.lab.process.Await;
import io.metallb.lab.process.Commands;
import io.metallb.lab.process.SupervisedProcess;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Our speaker against FRR 8.4 in the lab: router AS 64500 in the router namespace, speakers in node
 * namespaces (see {@link LabSpeaker} for how they run there).
 */
class BgpFrrE2E {
  private static final Duration WAIT = RouterScenarios.WAIT;
  private static final long ROUTER_ASN = RouterScenarios.ROUTER_ASN;
  private static final long SPEAKER_ASN = RouterScenarios.SPEAKER_ASN;
  private static final String V4 = RouterScenarios.V4;
  private static final String V6 = RouterScenarios.V6;

  @RegisterExtension
  static final LabExtension LAB = LabExtension.of(TopologySpec.dualStack(2), Tool.FRR_BGPD, Tool.FRR_BFDD, Tool.VTYSH, Tool.TCPDUMP);

  @Test
  void ebgpSessionsOverIpv4AndIpv6CarryCommunitiesAndLargeCommunities() {
    RouterScenarios.serviceRoutesArriveWithTheirAttributes(LAB.lab(), FrrDaemon::start, false);
  }

  @Test
  void ibgpCarriesLocalPref() {
    RouterScenarios.serviceRoutesArriveWithTheirAttributes(LAB.lab(), FrrDaemon::start, true);
  }

  @Test
  void rightMd5PasswordWorksAndAWrongOneDoesNot() {
    RouterScenarios.rightMd5PasswordWorksAndAWrongOneDoesNot(LAB.lab(), FrrDaemon::start);
  }

  /** A 4-octet speaker ASN: AS_TRANS in the OPEN, the real ASN in capability 65 and AS_PATH (RFC 6793). */
  @Test
  void fourOctetSpeakerAsn() {
    Lab lab = LAB.lab();
    long asn = 4_200_000_000L;
    try (FrrDaemon frr = FrrDaemon.start(lab, lab.topology().routerNamespace(), RouterScenarios.router(asn, null));
        LabSpeaker speaker = LabSpeaker.start(lab, lab.topology().nodeNamespace(1), "n1",
            RouterScenarios.peer4(asn, "") + "service 203.0.113.10\n")) {
      speaker.awaitEstablished("rtr4", 1, WAIT);
      assertThat(frr.awaitRoutes(V4, 1, WAIT)).singleElement().satisfies(r -> assertThat(r.asPath()).containsExactly(asn));
    }
  }

  /** {@code localASN} (FRR's local-as N no-prepend replace-as): the router sees and peers with that AS alone. */
  @Test
  void localAsnReplacesTheSpeakersAs() {
    Lab lab = LAB.lab();
    long localAsn = 64999;
    try (FrrDaemon frr = FrrDaemon.start(lab, lab.topology().routerNamespace(), RouterScenarios.router(localAsn, null));
        LabSpeaker speaker = LabSpeaker.start(lab, lab.topology().nodeNamespace(1), "n1",
            RouterScenarios.peer4(RouterScenarios.SPEAKER_ASN, "localasn=" + localAsn) + "service 203.0.113.10\n")) {
      speaker.awaitEstablished("rtr4", 1, WAIT);
      assertThat(frr.awaitRoutes(V4, 1, WAIT)).singleElement().satisfies(r -> assertThat(r.asPath()).containsExactly(localAsn));
    }
  }

  /**
   * {@code dualStackAddressFamily}: one IPv4 session carries the Service's IPv4 and IPv6 routes, the
   * IPv6 one with node 1's global IPv6 address as next hop (FRR activates both families on it).
   */
  @Test
  void dualStackSessionCarriesBothFamilies() {
    Lab lab = LAB.lab();
    RouterConfig router = RouterConfig.of("rtr", RouterScenarios.ROUTER_ASN, AddressPlan.ROUTER_V4)
        .withNeighbor(new Neighbor(AddressPlan.nodeV4(1), RouterScenarios.SPEAKER_ASN, true, java.util.Optional.empty(), 0,
            java.util.Set.of(AddressFamily.IPV4_UNICAST, AddressFamily.IPV6_UNICAST), false));
    try (FrrDaemon frr = FrrDaemon.start(lab, lab.topology().routerNamespace(), router);
        LabSpeaker speaker = LabSpeaker.start(lab, lab.topology().nodeNamespace(1), "n1",
            RouterScenarios.peer4(RouterScenarios.SPEAKER_ASN, "dualstack") + "service 203.0.113.10,2001:db8:200::10\n")) {
      speaker.awaitEstablished("rtr4", 1, WAIT);
      assertThat(frr.awaitRoutes(V4, 1, WAIT)).singleElement().satisfies(r -> assertThat(r.nextHops()).contains(AddressPlan.nodeV4(1)));
      assertThat(frr.awaitRoutes(V6, 1, WAIT)).singleElement().satisfies(r -> assertThat(r.nextHops()).contains(AddressPlan.nodeV6(1)));
      assertThat(frr.sessions()).hasSize(1);
    }
  }

  /** Directly connected eBGP sends with TTL 1 (as FRR does), {@code ebgpMultiHop} with TTL 255; seen on the router's wire. */
  @Test
  void ttlIsOneForDirectEbgpAnd255WithMultihop() {
    Lab lab = LAB.lab();
    String ns = lab.topology().routerNamespace();
    SupervisedProcess direct = lab.supervisor().startIn(ns, "tcpdump-direct", tcpdump(AddressPlan.nodeV4(1)));
    SupervisedProcess multihop = lab.supervisor().startIn(ns, "tcpdump-multihop", tcpdump(AddressPlan.nodeV4(2)));
    try (FrrDaemon frr = FrrDaemon.start(lab, ns, RouterScenarios.router(SPEAKER_ASN, null));
        LabSpeaker n1 = LabSpeaker.start(lab, lab.topology().nodeNamespace(1), "n1", RouterScenarios.peer4(SPEAKER_ASN, ""));
        LabSpeaker n2 = LabSpeaker.start(lab, lab.topology().nodeNamespace(2), "n2", RouterScenarios.peer4(SPEAKER_ASN, "multihop"))) {
      n1.awaitEstablished("rtr4", 1, WAIT);
      n2.awaitEstablished("rtr4", 1, WAIT);
      frr.awaitEstablished(AddressPlan.nodeV4(2), WAIT);
      direct.awaitLogLine(Pattern.compile("ttl 1,"), WAIT);
      multihop.awaitLogLine(Pattern.compile("ttl 255,"), WAIT);
      assertThat(direct.log()).doesNotContain("ttl 64,");
    } finally {
      direct.stop(Duration.ofSeconds(2));
      multihop.stop(Duration.ofSeconds(2));
    }
  }

  private static List<String> tcpdump(String source) {
    return List.of("tcpdump", "-l", "-n", "-v", "-i", "eth0", "-c", "3", "tcp dst port 179 and src host " + source);
  }

  /** FRR's {@code clear bgp … soft in} sends ROUTE-REFRESH (RFC 2918); we send the route again. */
  @Test
  void routeRefreshResendsTheRoutes() {
    Lab lab = LAB.lab();
    try (FrrDaemon frr = FrrDaemon.start(lab, lab.topology().routerNamespace(), RouterScenarios.router(SPEAKER_ASN, null));
        LabSpeaker speaker = LabSpeaker.start(lab, lab.topology().nodeNamespace(1), "n1",
            RouterScenarios.peer4(SPEAKER_ASN, "") + "service 203.0.113.10\n")) {
      speaker.awaitEstablished("rtr4", 1, WAIT);
      frr.awaitRoutes(V4, 1, WAIT);
      SupervisedProcess bgpd = lab.supervisor().processes().stream()
          .filter(p -> p.name().startsWith("frr-rtr-bgpd") && p.isAlive()).reduce((first, second) -> second).orElseThrow();
      frr.vtysh("debug bgp updates in").orThrow();
      Pattern received = Pattern.compile(Pattern.quote(AddressPlan.nodeV4(1)) + ".* rcvd " + Pattern.quote(V4));
      long before = bgpd.log().lines().filter(l -> received.matcher(l).find()).count();
      frr.vtysh("clear bgp ipv4 unicast " + AddressPlan.nodeV4(1) + " soft in").orThrow();
      Await.until("the route received again", WAIT, () -> bgpd.log().lines().filter(l -> received.matcher(l).find()).count() > before);
      frr.awaitEstablished(AddressPlan.nodeV4(1), WAIT);
      assertThat(speaker.count("ESTABLISHED ACTIVE")).as("the session stayed up").isZero();
    }
  }

  @Test
  void twoSpeakersGiveAnEcmpRouteAlsoInTheKernel() {
    Lab lab = LAB.lab();
    String config = "peer rtr4 " + SPEAKER_ASN + " " + ROUTER_ASN + " " + AddressPlan.ROUTER_V4 + "\nservice 203.0.113.10\n";
    try (FrrDaemon frr = FrrDaemon.start(lab, lab.topology().routerNamespace(), RouterScenarios.router(SPEAKER_ASN, null));
        LabSpeaker n1 = LabSpeaker.start(lab, lab.topology().nodeNamespace(1), "n1", config);
        LabSpeaker n2 = LabSpeaker.start(lab, lab.topology().nodeNamespace(2), "n2", config)) {
      n1.awaitEstablished("rtr4", 1, WAIT);
      n2.awaitEstablished("rtr4", 1, WAIT);
      List<BgpRoute> paths = frr.awaitRoutes(V4, 2, WAIT);
      assertThat(paths).flatExtracting(BgpRoute::nextHops).contains(AddressPlan.nodeV4(1), AddressPlan.nodeV4(2));
      String ns = lab.topology().routerNamespace();
      Await.until("kernel ECMP route to " + V4, WAIT, () -> {
        String table = Commands.runIn(ns, "ip", "route", "show", "203.0.113.10").stdout();
        return table.contains("nexthop via " + AddressPlan.nodeV4(1)) && table.contains("nexthop via " + AddressPlan.nodeV4(2));
      });
    }
  }

  @Test
  void withdrawAndAggregation() {
    Lab lab = LAB.lab();
    String peer = "peer rtr4 " + SPEAKER_ASN + " " + ROUTER_ASN + " " + AddressPlan.ROUTER_V4 + "\n"
        + "peer rtr6 " + SPEAKER_ASN + " " + ROUTER_ASN + " " + AddressPlan.ROUTER_V6 + "\n";
    try (FrrDaemon frr = FrrDaemon.start(lab, lab.topology().routerNamespace(), RouterScenarios.router(SPEAKER_ASN, null));
        LabSpeaker speaker = LabSpeaker.start(lab, lab.topology().nodeNamespace(1), "n1", peer + RouterScenarios.SERVICE)) {
      frr.awaitRoutes(V4, 1, WAIT);
      frr.awaitRoutes(V6, 1, WAIT);
      speaker.configure(peer + "service 203.0.113.10,203.0.113.77,2001:db8:200::10 agg=24 agg6=64\n");
      frr.awaitRoutes("203.0.113.0/24", 1, WAIT);
      frr.awaitRoutes("2001:db8:200::/64", 1, WAIT);
      Await.until("host routes withdrawn", WAIT, () -> frr.routes(V4).isEmpty() && frr.routes(V6).isEmpty());
      speaker.configure(peer);
      Await.until("everything withdrawn", WAIT, () -> frr.routes("203.0.113.0/24").isEmpty()
          && frr.routes("2001:db8:200::/64").isEmpty());
      frr.awaitEstablished(AddressPlan.nodeV4(1), WAIT);
    }
  }

  @Test
  void frozenRouterEndsTheSessionByHoldTimerAndItComesBackAfterThaw() {
    RouterScenarios.frozenRouterEndsTheSessionByHoldTimerAndItComesBack(LAB.lab(), FrrDaemon::start, "frr-rtr-bgpd");
  }

  @Test
  void gracefulRestartKeepsRoutesWhileTheSpeakerRestarts() {
    RouterScenarios.gracefulRestartKeepsRoutesWhileTheSpeakerRestarts(LAB.lab(), FrrDaemon::start, router -> Await.until(
        "route refreshed, not stale", WAIT,
        () -> !((FrrDaemon) router).vtysh("show bgp ipv4 unicast " + V4 + " json").stdout().contains("\"stale\":true")));
  }

  @Test
  void withoutGracefulRestartACrashWithdrawsAtOnce() {
    Lab lab = LAB.lab();
    String config = "peer rtr4 " + SPEAKER_ASN + " " + ROUTER_ASN + " " + AddressPlan.ROUTER_V4 + "\nservice 203.0.113.10\n";
    try (FrrDaemon frr = FrrDaemon.start(lab, lab.topology().routerNamespace(), RouterScenarios.router(SPEAKER_ASN, null));
        LabSpeaker speaker = LabSpeaker.start(lab, lab.topology().nodeNamespace(1), "n1", config)) {
      frr.awaitRoutes(V4, 1, WAIT);
      speaker.crash();
      Await.until("route withdrawn", Duration.ofSeconds(10), () -> frr.routes(V4).isEmpty());
    }
  }
}
