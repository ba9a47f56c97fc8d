package io.metallb.speaker.bgp.lab;

import static org.assertj.core.api.Assertions.assertThat;

import io.metallb.lab.Lab;
import io.metallb.lab.bgp.BgpDaemon;
import io.metallb.lab.bgp.BgpRoute;
import io.metallb.lab.bgp.Neighbor;
import io.metallb.lab.bgp.RouterConfig;
import io.metallb.lab.net.AddressPlan;
import io.metallb.lab.process.Await;
import io.metallb.lab.process.SupervisedProcess;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/**
 * Lab scenarios every router must pass against our speaker (FRR, BIRD, GoBGP): the router, AS
 * {@value #ROUTER_ASN}, takes passive sessions from nodes 1 and 2 over IPv4 and from node 1 over
 * IPv6; node 1 runs a {@link LabSpeaker}.
 */
final class RouterScenarios {
  static final Duration WAIT = Duration.ofSeconds(40);
  static final long ROUTER_ASN = 64500;
  static final long SPEAKER_ASN = 64512;
  static final String V4 = "203.0.113.10/32";
  static final String V6 = "2001:db8:200::10/128";
  /** One Service with an IPv4 and an IPv6 address, LOCAL_PREF 200, a standard and a large community. */
  static final String SERVICE = "service 203.0.113.10,2001:db8:200::10 localpref=200 communities=64512:100,large:64512:1:100\n";

  /** Starts a router daemon. */
  interface RouterStarter {
    BgpDaemon start(Lab lab, String namespace, RouterConfig config);
  }

  private RouterScenarios() {}

  /** The router's configuration: passive neighbours n1 (v4, v6) and n2 (v4) in AS {@code speakerAsn}. */
  static RouterConfig router(long speakerAsn, String password) {
    RouterConfig config = RouterConfig.of("rtr", ROUTER_ASN, AddressPlan.ROUTER_V4);
    for (String address : List.of(AddressPlan.nodeV4(1), AddressPlan.nodeV6(1), AddressPlan.nodeV4(2))) {
      Neighbor n = Neighbor.of(address, speakerAsn).asPassive();
      config = config.withNeighbor(password == null ? n : n.withMd5(password));
    }
    return config;
  }

  /** Control text: peer {@code rtr4} over IPv4 and {@code rtr6} over IPv6, both with {@code options}. */
  static String peers(long asn, String options) {
    return peer4(asn, options) + "peer rtr6 " + asn + " " + ROUTER_ASN + " " + AddressPlan.ROUTER_V6 + " " + options + "\n";
  }

  /** Control text: peer {@code rtr4} over IPv4 with {@code options}. */
  static String peer4(long asn, String options) {
    return "peer rtr4 " + asn + " " + ROUTER_ASN + " " + AddressPlan.ROUTER_V4 + " " + options + "\n";
  }

  /**
   * Sessions over IPv4 and IPv6 reach Established and the Service's routes arrive with our next
   * hops, communities and large communities; over iBGP with LOCAL_PREF 200 and an empty AS_PATH,
   * over eBGP with AS_PATH [64512].
   */
  static void serviceRoutesArriveWithTheirAttributes(Lab lab, RouterStarter starter, boolean internal) {
    long asn = internal ? ROUTER_ASN : SPEAKER_ASN;
    try (BgpDaemon router = starter.start(lab, lab.topology().routerNamespace(), router(asn, null));
        LabSpeaker speaker = LabSpeaker.start(lab, lab.topology().nodeNamespace(1), "n1", peers(asn, "hold=9") + SERVICE)) {
      speaker.awaitEstablished("rtr4", 1, WAIT);
      speaker.awaitEstablished("rtr6", 1, WAIT);
      router.awaitEstablished(AddressPlan.nodeV4(1), WAIT);
      router.awaitEstablished(AddressPlan.nodeV6(1), WAIT);
      BgpRoute v4 = router.awaitRoutes(V4, 1, WAIT).getFirst();
      BgpRoute v6 = router.awaitRoutes(V6, 1, WAIT).getFirst();
      assertThat(v4.nextHops()).contains(AddressPlan.nodeV4(1));
      assertThat(v6.nextHops()).contains(AddressPlan.nodeV6(1));
      for (BgpRoute r : List.of(v4, v6)) {
        assertThat(r.origin()).as("%s", r).isEqualTo("IGP");
        assertThat(r.communities()).as("%s", r).containsExactly("64512:100");
        assertThat(r.largeCommunities()).as("%s", r).containsExactly("64512:1:100");
        if (internal) {
          assertThat(r.localPref()).as("%s", r).hasValue(200);
          assertThat(r.asPath()).as("%s", r).isEmpty();
        } else {
          assertThat(r.asPath()).as("%s", r).containsExactly(SPEAKER_ASN);
        }
      }
    }
  }

  /**
   * With MD5 on the router, node 1 with the right password (and an explicit {@code sourceAddress})
   * gets its route in; node 2 with a wrong one never connects.
   */
  static void rightMd5PasswordWorksAndAWrongOneDoesNot(Lab lab, RouterStarter starter) {
    String service = "service 203.0.113.10\n";
    try (BgpDaemon router = starter.start(lab, lab.topology().routerNamespace(), router(SPEAKER_ASN, "s3cr3t"));
        LabSpeaker good = LabSpeaker.start(lab, lab.topology().nodeNamespace(1), "n1", peer4(SPEAKER_ASN, "password=s3cr3t source=" + AddressPlan.nodeV4(1)) + service);
        LabSpeaker bad = LabSpeaker.start(lab, lab.topology().nodeNamespace(2), "n2", peer4(SPEAKER_ASN, "password=wrong connect=2") + service)) {
      good.awaitEstablished("rtr4", 1, WAIT);
      router.awaitEstablished(AddressPlan.nodeV4(1), WAIT);
      assertThat(router.awaitRoutes(V4, 1, WAIT)).singleElement()
          .satisfies(r -> assertThat(r.nextHops()).contains(AddressPlan.nodeV4(1)));
      bad.awaitCount("^STATE rtr4 CONNECT ACTIVE", 3, WAIT); // every attempt fails: the SYN goes unanswered or is reset
      assertThat(bad.count("ESTABLISHED")).isZero();
      assertThat(router.sessions()).filteredOn(s -> s.neighbor().equals(AddressPlan.nodeV4(2))).noneMatch(s -> s.established());
      assertThat(router.routes(V4)).hasSize(1);
    }
  }

  /**
   * Freezing the router's process (SIGSTOP) ends our session by our hold timer (6 s); after
   * SIGCONT the session comes back and the route is there again.
   *
   * @param process the name of the router's BGP process in the lab's supervisor, without the
   *     {@code -N} suffix of a restart
   */
  static void frozenRouterEndsTheSessionByHoldTimerAndItComesBack(Lab lab, RouterStarter starter, String process) {
    try (BgpDaemon router = starter.start(lab, lab.topology().routerNamespace(), router(SPEAKER_ASN, null));
        LabSpeaker speaker = LabSpeaker.start(lab, lab.topology().nodeNamespace(1), "n1", peer4(SPEAKER_ASN, "hold=6") + "service 203.0.113.10\n")) {
      speaker.awaitEstablished("rtr4", 1, WAIT);
      router.awaitRoutes(V4, 1, WAIT);
      SupervisedProcess daemon = lab.supervisor().processes().stream()
          .filter(p -> p.name().startsWith(process) && p.isAlive()).reduce((first, second) -> second).orElseThrow();
      daemon.freeze();
      try {
        speaker.awaitCount("^STATE rtr4 ESTABLISHED ACTIVE hold timer expired", 1, Duration.ofSeconds(15));
      } finally {
        daemon.thaw();
      }
      speaker.awaitEstablished("rtr4", 2, Duration.ofSeconds(60));
      router.awaitEstablished(AddressPlan.nodeV4(1), WAIT);
      router.awaitRoutes(V4, 1, WAIT);
    }
  }

  /**
   * With graceful restart (RFC 4724) a crashed speaker's route stays at the router while it is
   * gone; the restarted speaker (R bit set) re-establishes and its route is there.
   *
   * @param refreshed checks, after the restart, that the router no longer holds the route as stale
   */
  static void gracefulRestartKeepsRoutesWhileTheSpeakerRestarts(Lab lab, RouterStarter starter, Consumer<BgpDaemon> refreshed) {
    try (BgpDaemon router = starter.start(lab, lab.topology().routerNamespace(), router(SPEAKER_ASN, null));
        LabSpeaker speaker = LabSpeaker.start(lab, lab.topology().nodeNamespace(1), "n1", peer4(SPEAKER_ASN, "gr") + "service 203.0.113.10\n")) {
      router.awaitRoutes(V4, 1, WAIT);
      speaker.crash();
      Await.until("the router notices the speaker is gone", WAIT,
          () -> router.sessions().stream().noneMatch(s -> s.neighbor().equals(AddressPlan.nodeV4(1)) && s.established()));
      for (int i = 0; i < 5; i++) {
        assertThat(router.routes(V4)).as("route kept while the speaker restarts").hasSize(1);
        sleep(Duration.ofSeconds(1));
      }
      speaker.restart();
      speaker.awaitEstablished("rtr4", 1, WAIT);
      router.awaitEstablished(AddressPlan.nodeV4(1), WAIT);
      refreshed.accept(router);
      assertThat(router.routes(V4)).hasSize(1);
    }
  }

  static void sleep(Duration d) {
    try {
      Thread.sleep(d);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
