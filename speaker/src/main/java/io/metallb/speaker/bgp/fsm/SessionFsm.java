package io.metallb.speaker.bgp.fsm;

import io.metallb.net.IpAddress;
import io.metallb.speaker.bgp.message.BgpError;
import io.metallb.speaker.bgp.message.BgpMessage;
import io.metallb.speaker.bgp.message.Capability;
import io.metallb.speaker.bgp.message.Family;
import io.metallb.speaker.bgp.message.Keepalive;
import io.metallb.speaker.bgp.message.Notification;
import io.metallb.speaker.bgp.message.Open;
import io.metallb.speaker.bgp.message.RouteRefresh;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The RFC 4271 §8 state machine of one outbound session. Pure: it reads no clock and touches no
 * socket; the shell feeds it {@link Event}s and carries out the returned {@link Action}s in order,
 * including arming the timers. Timers are honoured both ways: our KEEPALIVEs go out every keepalive
 * period, and a peer silent for the negotiated hold time is dropped with NOTIFICATION 4/0.
 *
 * <p>Not thread-safe: one event at a time (the session's event loop).
 */
public final class SessionFsm {
  /** The hold timer while waiting for the peer's OPEN: "a large value", 4 minutes (RFC 4271 §8.2.2). */
  public static final Duration OPEN_HOLD_TIME = Duration.ofMinutes(4);

  private final SessionSettings settings;
  private final Backoff backoff = new Backoff();
  private State state = State.IDLE;
  private IpAddress localAddress;
  private Optional<IpAddress> otherFamilyNextHop = Optional.empty();
  private long localIdentifier;
  private NegotiatedSession negotiated;

  /** A stopped session with {@code settings}. */
  public SessionFsm(SessionSettings settings) {
    this.settings = settings;
  }

  /** The current state. */
  public State state() {
    return state;
  }

  /** What was negotiated, while OpenConfirm or Established. */
  public Optional<NegotiatedSession> negotiated() {
    return Optional.ofNullable(negotiated);
  }

  /** The OPEN this session sends with {@code bgpIdentifier}. */
  public Open open(long bgpIdentifier) {
    List<Capability> capabilities = new ArrayList<>();
    for (Family f : Family.values()) {
      if (settings.families().contains(f)) {
        capabilities.add(Capability.Multiprotocol.of(f));
      }
    }
    if (settings.extendedNextHop()) {
      capabilities.add(Capability.ExtendedNextHop.ipv4OverIpv6());
    }
    capabilities.add(new Capability.FourOctetAs(settings.localAsn()));
    capabilities.add(new Capability.RouteRefreshSupport());
    settings.gracefulRestart().ifPresent(gr -> capabilities.add(new Capability.GracefulRestart(gr.restarting(),
        (int) Math.min(gr.restartTime().toSeconds(), 0xfff),
        settings.families().stream().sorted().map(f -> new Capability.GracefulRestartFamily(f.afi(), f.safi(), true)).toList())));
    return new Open(Open.VERSION, Open.twoOctetAs(settings.localAsn()), (int) settings.holdTime().toSeconds(),
        bgpIdentifier, capabilities);
  }

  /** Applies {@code event}; returns the actions to carry out, in order. Ignores events stale for the state. */
  public List<Action> handle(Event event) {
    List<Action> out = new ArrayList<>();
    switch (event) {
      case Event.Start s -> {
        if (state == State.IDLE) {
          state = State.CONNECT;
          out.add(new Action.Connect());
        }
      }
      case Event.Stop s -> stop(s.notification(), out);
      case Event.TcpConnected c -> {
        if (state == State.CONNECT) {
          localAddress = c.localAddress();
          otherFamilyNextHop = c.otherFamilyNextHop();
          localIdentifier = c.bgpIdentifier();
          out.add(new Action.Send(open(c.bgpIdentifier())));
          out.add(new Action.ArmTimer(Timer.HOLD, OPEN_HOLD_TIME));
          state = State.OPEN_SENT;
        }
      }
      case Event.TcpFailed f -> {
        if (state != State.IDLE && state != State.ACTIVE) {
          fail(f.reason(), out);
        }
      }
      case Event.TimerExpired t -> timerExpired(t.timer(), out);
      case Event.Malformed m -> {
        if (connected()) {
          out.add(new Action.Send(m.notification()));
          fail("malformed message from peer: " + m.notification().describe(), out);
        }
      }
      case Event.Received r -> {
        if (connected()) {
          received(r.message(), out);
        }
      }
      case Event.BfdDown b -> {
        if (connected()) {
          out.add(new Action.Send(BgpError.CEASE_BFD_DOWN.notification()));
          fail("BFD down", out);
        }
      }
    }
    return out;
  }

  private boolean connected() {
    return state == State.OPEN_SENT || state == State.OPEN_CONFIRM || state == State.ESTABLISHED;
  }

  private void timerExpired(Timer timer, List<Action> out) {
    switch (timer) {
      case CONNECT_RETRY -> {
        if (state == State.ACTIVE) {
          state = State.CONNECT;
          out.add(new Action.Connect());
        }
      }
      case HOLD -> {
        if (connected()) {
          out.add(new Action.Send(BgpError.HOLD_TIMER_EXPIRED.notification()));
          fail("hold timer expired", out);
        }
      }
      case KEEPALIVE -> {
        if ((state == State.OPEN_CONFIRM || state == State.ESTABLISHED) && !negotiated.keepaliveTime().isZero()) {
          out.add(new Action.Send(Keepalive.INSTANCE));
          out.add(new Action.ArmTimer(Timer.KEEPALIVE, negotiated.keepaliveTime()));
        }
      }
    }
  }

  private void received(BgpMessage message, List<Action> out) {
    if (message instanceof Notification n) {
      fail("peer sent notification: " + n.describe(), out);
      return;
    }
    switch (state) {
      case OPEN_SENT -> {
        if (message instanceof Open open) {
          acceptOpen(open, out);
        } else {
          unexpected(BgpError.FSM_UNEXPECTED_IN_OPEN_SENT, message, out);
        }
      }
      case OPEN_CONFIRM -> {
        if (message instanceof Keepalive) {
          state = State.ESTABLISHED;
          backoff.reset();
          rearmHold(out);
          out.add(new Action.Established(negotiated));
        } else {
          unexpected(BgpError.FSM_UNEXPECTED_IN_OPEN_CONFIRM, message, out);
        }
      }
      case ESTABLISHED -> {
        switch (message) {
          case Open o -> unexpected(BgpError.FSM_UNEXPECTED_IN_ESTABLISHED, message, out);
          case RouteRefresh r -> {
            rearmHold(out);
            Family.of(r.afi(), r.safi()).filter(negotiated.families()::contains)
                .ifPresent(f -> out.add(new Action.Resend(f)));
          }
          default -> rearmHold(out); // announce-only: received UPDATEs are discarded
        }
      }
      default -> { }
    }
  }

  private void unexpected(BgpError error, BgpMessage message, List<Action> out) {
    out.add(new Action.Send(error.notification()));
    fail("unexpected " + message.type() + " in " + state, out);
  }

  private void acceptOpen(Open open, List<Action> out) {
    Optional<Notification> refusal = refusal(open);
    if (refusal.isPresent()) {
      out.add(new Action.Send(refusal.get()));
      fail("refused peer's OPEN: " + refusal.get().describe(), out);
      return;
    }
    long hold = Math.min(settings.holdTime().toSeconds(), open.holdTimeSeconds());
    Duration holdTime = Duration.ofSeconds(hold);
    Duration keepalive = Duration.ZERO;
    if (hold > 0) {
      Duration third = Duration.ofSeconds(Math.max(1, hold / 3));
      keepalive = settings.keepaliveTime().filter(k -> !k.isZero() && k.compareTo(third) < 0)
          .map(k -> Duration.ofSeconds(Math.max(1, k.toSeconds()))).orElse(third);
    }
    Set<Family> families = EnumSet.noneOf(Family.class);
    families.addAll(settings.families());
    families.retainAll(open.families());
    negotiated = new NegotiatedSession(localAddress, settings.localAsn(), open.asn(), open.fourOctetAs().isPresent(),
        holdTime, keepalive, families, open.gracefulRestart().isPresent(), open.bgpIdentifier(), otherFamilyNextHop,
        settings.extendedNextHop() && open.ipv4UnicastOverIpv6());
    out.add(new Action.Send(Keepalive.INSTANCE));
    state = State.OPEN_CONFIRM;
    rearmHold(out);
    if (!keepalive.isZero()) {
      out.add(new Action.ArmTimer(Timer.KEEPALIVE, keepalive));
    }
  }

  /** Why the peer's OPEN is refused (RFC 4271 §6.2, RFC 6793 §4), or empty. */
  private Optional<Notification> refusal(Open open) {
    long peerAsn = open.asn();
    boolean asnOk = switch (settings.dynamicAsn()) {
      case "internal" -> peerAsn == settings.localAsn();
      case "external" -> peerAsn != settings.localAsn();
      default -> peerAsn == settings.peerAsn();
    };
    if (!asnOk) {
      return Optional.of(BgpError.BAD_PEER_AS.notification((byte) (open.myAs() >> 8), (byte) open.myAs()));
    }
    if (settings.localAsn() > 0xffff && open.fourOctetAs().isEmpty()) {
      long asn = settings.localAsn();
      return Optional.of(BgpError.UNSUPPORTED_CAPABILITY.notification((byte) Capability.FOUR_OCTET_AS, (byte) 4,
          (byte) (asn >> 24), (byte) (asn >> 16), (byte) (asn >> 8), (byte) asn));
    }
    if (open.bgpIdentifier() == localIdentifier && peerAsn == settings.localAsn()) {
      return Optional.of(BgpError.BAD_BGP_IDENTIFIER.notification()); // RFC 6286 §2.2
    }
    return Optional.empty();
  }

  private void rearmHold(List<Action> out) {
    Duration hold = negotiated.holdTime();
    out.add(hold.isZero() ? new Action.CancelTimer(Timer.HOLD) : new Action.ArmTimer(Timer.HOLD, hold));
  }

  private void stop(Optional<Notification> notification, List<Action> out) {
    if (state == State.IDLE) {
      return;
    }
    boolean wasConnected = connected();
    boolean wasEstablished = state == State.ESTABLISHED;
    if (wasConnected) {
      notification.ifPresent(n -> out.add(new Action.Send(n)));
    }
    out.add(new Action.Disconnect());
    for (Timer t : Timer.values()) {
      out.add(new Action.CancelTimer(t));
    }
    out.add(new Action.Down("stopped", wasEstablished));
    state = State.IDLE;
    negotiated = null;
  }

  private void fail(String reason, List<Action> out) {
    boolean wasEstablished = state == State.ESTABLISHED;
    out.add(new Action.Disconnect());
    out.add(new Action.CancelTimer(Timer.HOLD));
    out.add(new Action.CancelTimer(Timer.KEEPALIVE));
    out.add(new Action.ArmTimer(Timer.CONNECT_RETRY, settings.connectRetryTime().orElseGet(backoff::next)));
    out.add(new Action.Down(reason, wasEstablished));
    state = State.ACTIVE;
    negotiated = null;
  }
}
