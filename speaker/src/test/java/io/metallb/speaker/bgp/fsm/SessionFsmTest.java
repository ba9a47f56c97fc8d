package io.metallb.speaker.bgp.fsm;

import static org.assertj.core.api.Assertions.assertThat;

import io.metallb.net.IpAddress;
import io.metallb.speaker.bgp.RouterIds;
import io.metallb.speaker.bgp.message.BgpError;
import io.metallb.speaker.bgp.message.Capability;
import io.metallb.speaker.bgp.message.Family;
import io.metallb.speaker.bgp.message.Keepalive;
import io.metallb.speaker.bgp.message.Open;
import io.metallb.speaker.bgp.message.RouteRefresh;
import io.metallb.speaker.bgp.message.Update;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The pure RFC 4271 §8 machine: events in, actions out, no clock. */
class SessionFsmTest {
  private static final IpAddress LOCAL = IpAddress.of("198.51.100.11");
  private static final long LOCAL_ID = RouterIds.toLong(LOCAL);
  private static final long PEER_ID = RouterIds.toLong(IpAddress.of("198.51.100.1"));

  static SessionSettings settings(long localAsn, long peerAsn, Duration hold) {
    return new SessionSettings(localAsn, peerAsn, "", hold, Optional.empty(), Optional.empty(),
        EnumSet.allOf(Family.class), Optional.empty());
  }

  static Open peerOpen(long asn, int hold) {
    return new Open(4, Open.twoOctetAs(asn), hold, PEER_ID, List.of(Capability.Multiprotocol.of(Family.IPV4_UNICAST),
        new Capability.FourOctetAs(asn), new Capability.RouteRefreshSupport()));
  }

  private static SessionFsm openSent(SessionSettings settings) {
    SessionFsm fsm = new SessionFsm(settings);
    assertThat(fsm.handle(new Event.Start())).containsExactly(new Action.Connect());
    List<Action> actions = fsm.handle(new Event.TcpConnected(LOCAL, LOCAL_ID));
    assertThat(actions).containsExactly(new Action.Send(fsm.open(LOCAL_ID)), new Action.ArmTimer(Timer.HOLD, SessionFsm.OPEN_HOLD_TIME));
    assertThat(fsm.state()).isEqualTo(State.OPEN_SENT);
    return fsm;
  }

  private static SessionFsm established(SessionSettings settings, Open peer) {
    SessionFsm fsm = openSent(settings);
    fsm.handle(new Event.Received(peer));
    List<Action> actions = fsm.handle(new Event.Received(Keepalive.INSTANCE));
    assertThat(actions).last().isInstanceOf(Action.Established.class);
    assertThat(fsm.state()).isEqualTo(State.ESTABLISHED);
    return fsm;
  }

  @Test
  void openCarriesCapabilitiesAndAsTransForFourOctetAsn() {
    SessionFsm fsm = new SessionFsm(new SessionSettings(4_200_000_000L, 64500, "", Duration.ofSeconds(90), Optional.empty(),
        Optional.empty(), EnumSet.allOf(Family.class),
        Optional.of(new SessionSettings.GracefulRestartSettings(Duration.ofSeconds(120), true))));
    Open open = fsm.open(LOCAL_ID);
    assertThat(open.myAs()).isEqualTo(Open.AS_TRANS);
    assertThat(open.holdTimeSeconds()).isEqualTo(90);
    assertThat(open.capabilities()).containsExactly(Capability.Multiprotocol.of(Family.IPV4_UNICAST),
        Capability.Multiprotocol.of(Family.IPV6_UNICAST), new Capability.FourOctetAs(4_200_000_000L),
        new Capability.RouteRefreshSupport(), new Capability.GracefulRestart(true, 120, List.of(
            new Capability.GracefulRestartFamily(1, 1, true), new Capability.GracefulRestartFamily(2, 1, true))));
  }

  @Test
  void peerOpenIsAnsweredWithKeepaliveAndNegotiatesTheSmallerHoldTime() {
    SessionFsm fsm = openSent(settings(64512, 64500, Duration.ofSeconds(90)));
    List<Action> actions = fsm.handle(new Event.Received(peerOpen(64500, 9)));
    assertThat(actions).containsExactly(new Action.Send(Keepalive.INSTANCE), new Action.ArmTimer(Timer.HOLD, Duration.ofSeconds(9)),
        new Action.ArmTimer(Timer.KEEPALIVE, Duration.ofSeconds(3)));
    assertThat(fsm.state()).isEqualTo(State.OPEN_CONFIRM);
    NegotiatedSession session = fsm.negotiated().orElseThrow();
    assertThat(session.families()).containsExactly(Family.IPV4_UNICAST);
    assertThat(session.internal()).isFalse();
    assertThat(session.fourOctetAs()).isTrue();
  }

  @Test
  void extendedNextHopIsOfferedWhenSetAndNegotiatedOnlyIfThePeerOffersItToo() {
    SessionSettings unnumbered = new SessionSettings(64512, 64500, "", Duration.ofSeconds(90), Optional.empty(), Optional.empty(),
        EnumSet.allOf(Family.class), Optional.empty(), true);
    assertThat(new SessionFsm(unnumbered).open(LOCAL_ID).capabilities()).contains(Capability.ExtendedNextHop.ipv4OverIpv6());
    assertThat(new SessionFsm(settings(64512, 64500, Duration.ofSeconds(90))).open(LOCAL_ID).capabilities())
        .noneMatch(Capability.ExtendedNextHop.class::isInstance);

    SessionFsm plainPeer = openSent(unnumbered);
    plainPeer.handle(new Event.Received(peerOpen(64500, 90)));
    assertThat(plainPeer.negotiated().orElseThrow().ipv4OverIpv6()).isFalse();

    SessionFsm enhe = openSent(unnumbered);
    Open peer = peerOpen(64500, 90);
    List<Capability> caps = new java.util.ArrayList<>(peer.capabilities());
    caps.add(Capability.ExtendedNextHop.ipv4OverIpv6());
    enhe.handle(new Event.Received(new Open(4, peer.myAs(), 90, PEER_ID, caps)));
    assertThat(enhe.negotiated().orElseThrow().ipv4OverIpv6()).isTrue();
  }

  @Test
  void configuredKeepaliveShorterThanAThirdIsUsed() {
    SessionFsm fsm = openSent(new SessionSettings(64512, 64500, "", Duration.ofSeconds(90), Optional.of(Duration.ofSeconds(5)),
        Optional.empty(), EnumSet.allOf(Family.class), Optional.empty()));
    fsm.handle(new Event.Received(peerOpen(64500, 90)));
    assertThat(fsm.negotiated().orElseThrow().keepaliveTime()).isEqualTo(Duration.ofSeconds(5));
  }

  @Test
  void zeroHoldTimeOfTheV1beta1QuirkMeansNoTimers() {
    SessionFsm fsm = openSent(settings(64512, 64500, Duration.ZERO));
    assertThat(fsm.open(LOCAL_ID).holdTimeSeconds()).isZero();
    List<Action> actions = fsm.handle(new Event.Received(peerOpen(64500, 90)));
    assertThat(actions).containsExactly(new Action.Send(Keepalive.INSTANCE), new Action.CancelTimer(Timer.HOLD));
    assertThat(fsm.handle(new Event.TimerExpired(Timer.KEEPALIVE))).isEmpty();
  }

  @Test
  void firstKeepaliveEstablishesAndEveryMessageRestartsTheHoldTimer() {
    SessionFsm fsm = established(settings(64512, 64500, Duration.ofSeconds(90)), peerOpen(64500, 90));
    assertThat(fsm.handle(new Event.Received(Keepalive.INSTANCE))).containsExactly(new Action.ArmTimer(Timer.HOLD, Duration.ofSeconds(90)));
    assertThat(fsm.handle(new Event.Received(Update.endOfRib(Family.IPV4_UNICAST))))
        .containsExactly(new Action.ArmTimer(Timer.HOLD, Duration.ofSeconds(90)));
  }

  @Test
  void keepaliveTimerSendsAndRearms() {
    SessionFsm fsm = established(settings(64512, 64500, Duration.ofSeconds(9)), peerOpen(64500, 90));
    assertThat(fsm.handle(new Event.TimerExpired(Timer.KEEPALIVE)))
        .containsExactly(new Action.Send(Keepalive.INSTANCE), new Action.ArmTimer(Timer.KEEPALIVE, Duration.ofSeconds(3)));
  }

  @Test
  void holdTimerExpirySendsNotificationAndRetriesWithBackoff() {
    SessionFsm fsm = established(settings(64512, 64500, Duration.ofSeconds(9)), peerOpen(64500, 9));
    List<Action> actions = fsm.handle(new Event.TimerExpired(Timer.HOLD));
    assertThat(actions).containsExactly(new Action.Send(BgpError.HOLD_TIMER_EXPIRED.notification()), new Action.Disconnect(),
        new Action.CancelTimer(Timer.HOLD), new Action.CancelTimer(Timer.KEEPALIVE),
        new Action.ArmTimer(Timer.CONNECT_RETRY, Duration.ofSeconds(1)), new Action.Down("hold timer expired", true));
    assertThat(fsm.state()).isEqualTo(State.ACTIVE);
    assertThat(fsm.handle(new Event.TimerExpired(Timer.CONNECT_RETRY))).containsExactly(new Action.Connect());
    assertThat(fsm.handle(new Event.TcpFailed("refused"))).contains(new Action.ArmTimer(Timer.CONNECT_RETRY, Duration.ofSeconds(2)));
  }

  @Test
  void backoffDoublesToTwoMinutesAndResetsOnEstablished() {
    Backoff backoff = new Backoff();
    List<Long> seconds = java.util.stream.IntStream.range(0, 10).mapToObj(i -> backoff.next().toSeconds()).toList();
    assertThat(seconds).containsExactly(1L, 2L, 4L, 8L, 16L, 32L, 64L, 120L, 120L, 120L);
    backoff.reset();
    assertThat(backoff.next()).isEqualTo(Duration.ofSeconds(1));
  }

  @Test
  void connectTimeReplacesTheBackoff() {
    SessionFsm fsm = new SessionFsm(new SessionSettings(64512, 64500, "", Duration.ofSeconds(90), Optional.empty(),
        Optional.of(Duration.ofSeconds(5)), EnumSet.allOf(Family.class), Optional.empty()));
    fsm.handle(new Event.Start());
    assertThat(fsm.handle(new Event.TcpFailed("refused"))).contains(new Action.ArmTimer(Timer.CONNECT_RETRY, Duration.ofSeconds(5)));
  }

  @Test
  void wrongPeerAsnIsRefusedWithBadPeerAs() {
    SessionFsm fsm = openSent(settings(64512, 64500, Duration.ofSeconds(90)));
    List<Action> actions = fsm.handle(new Event.Received(peerOpen(64501, 90)));
    assertThat(actions.getFirst()).isEqualTo(new Action.Send(BgpError.BAD_PEER_AS.notification((byte) 0xfb, (byte) 0xf5)));
    assertThat(fsm.state()).isEqualTo(State.ACTIVE);
  }

  @Test
  void dynamicAsnAcceptsByKind() {
    SessionFsm internal = openSent(new SessionSettings(64512, 0, "internal", Duration.ofSeconds(90), Optional.empty(),
        Optional.empty(), EnumSet.allOf(Family.class), Optional.empty()));
    internal.handle(new Event.Received(peerOpen(64512, 90)));
    assertThat(internal.state()).isEqualTo(State.OPEN_CONFIRM);
    SessionFsm external = openSent(new SessionSettings(64512, 0, "external", Duration.ofSeconds(90), Optional.empty(),
        Optional.empty(), EnumSet.allOf(Family.class), Optional.empty()));
    external.handle(new Event.Received(peerOpen(64512, 90)));
    assertThat(external.state()).isEqualTo(State.ACTIVE);
  }

  @Test
  void fourOctetLocalAsnNeedsThePeersSupport() {
    SessionFsm fsm = openSent(settings(4_200_000_000L, 64500, Duration.ofSeconds(90)));
    Open legacy = new Open(4, 64500, 90, PEER_ID, List.of());
    List<Action> actions = fsm.handle(new Event.Received(legacy));
    assertThat(actions.getFirst()).isInstanceOfSatisfying(Action.Send.class,
        s -> assertThat(s.message()).hasFieldOrPropertyWithValue("subcode", BgpError.UNSUPPORTED_CAPABILITY.subcode()));
  }

  @Test
  void unexpectedMessagesGiveFsmErrors() {
    SessionFsm openSent = openSent(settings(64512, 64500, Duration.ofSeconds(90)));
    assertThat(openSent.handle(new Event.Received(Keepalive.INSTANCE)).getFirst())
        .isEqualTo(new Action.Send(BgpError.FSM_UNEXPECTED_IN_OPEN_SENT.notification()));
    SessionFsm established = established(settings(64512, 64500, Duration.ofSeconds(90)), peerOpen(64500, 90));
    assertThat(established.handle(new Event.Received(peerOpen(64500, 90))).getFirst())
        .isEqualTo(new Action.Send(BgpError.FSM_UNEXPECTED_IN_ESTABLISHED.notification()));
  }

  @Test
  void notificationFromPeerClosesWithoutAnswer() {
    SessionFsm fsm = established(settings(64512, 64500, Duration.ofSeconds(90)), peerOpen(64500, 90));
    List<Action> actions = fsm.handle(new Event.Received(BgpError.CEASE_ADMINISTRATIVE_SHUTDOWN.notification()));
    assertThat(actions).noneMatch(Action.Send.class::isInstance).contains(new Action.Disconnect());
    assertThat(actions.getLast()).isEqualTo(new Action.Down("peer sent notification: Administrative Shutdown (6/2)", true));
  }

  /**
   * This speaker never listens, so it never has two connections to resolve (RFC 4271 §6.8); the peer
   * may still resolve a collision on its side and tell us with Cease 6/7: we go back to retrying.
   */
  @Test
  void collisionResolutionCeaseFromThePeerLeadsToARetry() {
    SessionFsm fsm = openSent(settings(64512, 64500, Duration.ofSeconds(90)));
    List<Action> actions = fsm.handle(new Event.Received(BgpError.CEASE_CONNECTION_COLLISION_RESOLUTION.notification()));
    assertThat(actions).contains(new Action.ArmTimer(Timer.CONNECT_RETRY, Duration.ofSeconds(1)));
    assertThat(fsm.state()).isEqualTo(State.ACTIVE);
  }

  @Test
  void malformedInputIsAnsweredWithItsNotification() {
    SessionFsm fsm = established(settings(64512, 64500, Duration.ofSeconds(90)), peerOpen(64500, 90));
    var notification = BgpError.MALFORMED_AS_PATH.notification();
    List<Action> actions = fsm.handle(new Event.Malformed(notification));
    assertThat(actions.getFirst()).isEqualTo(new Action.Send(notification));
    assertThat(actions).contains(new Action.Disconnect());
  }

  @Test
  void routeRefreshResendsNegotiatedFamiliesOnly() {
    SessionFsm fsm = established(settings(64512, 64500, Duration.ofSeconds(90)), peerOpen(64500, 90));
    assertThat(fsm.handle(new Event.Received(RouteRefresh.of(Family.IPV4_UNICAST)))).contains(new Action.Resend(Family.IPV4_UNICAST));
    assertThat(fsm.handle(new Event.Received(RouteRefresh.of(Family.IPV6_UNICAST)))).noneMatch(Action.Resend.class::isInstance);
  }

  @Test
  void stopWithCeaseFromEstablishedAndStaleTimersIgnored() {
    SessionFsm fsm = established(settings(64512, 64500, Duration.ofSeconds(90)), peerOpen(64500, 90));
    var cease = BgpError.CEASE_PEER_DECONFIGURED.notification();
    List<Action> actions = fsm.handle(new Event.Stop(Optional.of(cease)));
    assertThat(actions.getFirst()).isEqualTo(new Action.Send(cease));
    assertThat(actions.getLast()).isEqualTo(new Action.Down("stopped", true));
    assertThat(fsm.state()).isEqualTo(State.IDLE);
    assertThat(fsm.handle(new Event.TimerExpired(Timer.HOLD))).isEmpty();
    assertThat(fsm.handle(new Event.TimerExpired(Timer.CONNECT_RETRY))).isEmpty();
  }
}
