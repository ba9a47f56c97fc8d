package io.metallb.speaker.bfd;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * One BFD session in Asynchronous mode (RFC 5880 §6.2, §6.8), without Echo, Demand (we never ask
 * for it, but honour a peer's) or authentication. Pure: no clock, no socket, no thread. The shell
 * feeds it received packets ({@link #receive}) and the current time when the deadline it asked for
 * has come ({@link #tick}), sends the packets each {@link Outcome} lists, and arms one timer at
 * {@link #nextDeadline()}. Times are {@code System.nanoTime()}-style nanoseconds: only differences
 * matter, so they may wrap.
 *
 * <p>Behaviour, by RFC 5880 section:
 * <ul>
 *   <li>§6.8.6 reception: Your Discriminator must be ours when set; remote variables are taken
 *       from every accepted packet; AdminDown discards; Down→Init on Down, Down/Init→Up on
 *       Init/Up, Up→Down (diagnostic 3) on Down, any→Down (diagnostic 3) on AdminDown; a Poll
 *       is answered with a Final at once.</li>
 *   <li>§6.8.4 detection: remote Detect Mult × max(our RequiredMinRx in force, the peer's last
 *       Desired Min TX); when it passes without a packet, Init/Up go Down with diagnostic 1, and
 *       bfd.RemoteDiscr is cleared in any state (§6.8.1).</li>
 *   <li>§6.8.7 transmission: every max(DesiredMinTx in force, RemoteMinRx), less 0–25 % jitter
 *       (10–25 % when our Detect Mult is 1); nothing while Passive and the peer's discriminator is
 *       unknown (§6.1), nothing periodic while RemoteMinRx is 0 or the peer runs Demand mode. A
 *       state change is announced at once, without waiting for the timer; the next periodic packet
 *       is timed from it.</li>
 *   <li>§6.8.3 timers: DesiredMinTx is at least 1 s while not Up; a change of DesiredMinTx or
 *       RequiredMinRx starts a Poll Sequence (§6.5) carried on the periodic packets; while Up, a
 *       larger DesiredMinTx and a smaller RequiredMinRx take effect only when the Final arrives;
 *       a further change waits until a packet without F follows that Final (§6.8.3, third
 *       choice). A smaller RemoteMinRx is honoured at once.</li>
 * </ul>
 *
 * <p>Not thread-safe: one caller at a time (the session's event loop).
 */
public final class BfdSession {
  /** bfd.DesiredMinTxInterval floor while not Up: one second (RFC 5880 §6.8.3). */
  public static final long SLOW_TX_MICROS = 1_000_000;
  /** bfd.RemoteMinRxInterval before anything is received (RFC 5880 §6.8.1). */
  public static final long INITIAL_REMOTE_MIN_RX_MICROS = 1;

  private final long localDiscriminator;
  private final RandomGenerator random;
  private BfdParameters parameters;

  // RFC 5880 §6.8.1 state variables; intervals in µs
  private SessionState state = SessionState.DOWN;
  private SessionState remoteState = SessionState.DOWN;
  private long remoteDiscriminator;
  private Diagnostic localDiagnostic = Diagnostic.NONE;
  private long desiredMinTx; // as sent
  private long requiredMinRx; // as sent
  private long remoteMinRx = INITIAL_REMOTE_MIN_RX_MICROS;
  private boolean remoteDemand;
  private int remoteDetectMultiplier;
  private long remoteDesiredMinTx;

  // Poll Sequence (§6.5, §6.8.3)
  private boolean polling;
  private boolean pollAllowed = true; // false from a Final until the next packet without F
  private long txInUse; // DesiredMinTx our transmit interval uses
  private long rxInUse; // RequiredMinRx the detection time uses

  // timers, in nanoseconds
  private long nextTransmitAt;
  private long scheduledInterval; // µs: the transmit interval nextTransmitAt was drawn from
  private boolean detecting;
  private long detectionDeadline;

  // per call
  private boolean announce;
  private boolean answerPoll;

  /**
   * A Down session, its first packet due at {@code now} (unless Passive).
   *
   * @param localDiscriminator bfd.LocalDiscr: nonzero, unique on this system (RFC 5880 §6.8.1)
   * @param random the jitter source (§6.8.7); owned by the session's thread
   * @throws IllegalArgumentException if the discriminator is 0 or wider than 32 bits
   */
  public BfdSession(long localDiscriminator, BfdParameters parameters, RandomGenerator random, long now) {
    if (localDiscriminator < 1 || localDiscriminator > ControlPacket.MAX_UINT32) {
      throw new IllegalArgumentException("local discriminator must be 1 to 2^32-1: " + localDiscriminator);
    }
    this.localDiscriminator = localDiscriminator;
    this.random = random;
    this.parameters = parameters;
    desiredMinTx = Math.max(parameters.desiredMinTxMicros(), SLOW_TX_MICROS);
    requiredMinRx = parameters.requiredMinRxMicros();
    txInUse = desiredMinTx;
    rxInUse = requiredMinRx;
    scheduledInterval = transmitIntervalMicros();
    nextTransmitAt = now;
  }

  /**
   * Handles a packet that passed {@link ControlPacketCodec#decode} and was selected for this
   * session (RFC 5880 §6.8.6 from "If Your Discriminator field is nonzero" on).
   */
  public Outcome receive(ControlPacket packet, long now) {
    if (packet.yourDiscriminator() != 0 && packet.yourDiscriminator() != localDiscriminator) {
      return Outcome.dropped(DropReason.NO_SESSION);
    }
    remoteDiscriminator = packet.myDiscriminator();
    remoteState = packet.state();
    remoteDemand = packet.demandBit();
    remoteMinRx = packet.requiredMinRxMicros();
    remoteDetectMultiplier = packet.detectMultiplier();
    remoteDesiredMinTx = packet.desiredMinTxMicros();
    if (packet.finalBit()) {
      if (polling) {
        polling = false;
        pollAllowed = false;
        txInUse = desiredMinTx;
        rxInUse = requiredMinRx;
      }
    } else {
      pollAllowed = true;
    }
    if (state == SessionState.ADMIN_DOWN) {
      return Outcome.dropped(DropReason.LOCAL_ADMIN_DOWN);
    }
    detecting = true;
    detectionDeadline = now + detectionTimeMicros() * 1000;
    StateChange change = null;
    if (packet.state() == SessionState.ADMIN_DOWN) {
      if (state != SessionState.DOWN) {
        change = transition(SessionState.DOWN, Diagnostic.NEIGHBOR_SIGNALED_SESSION_DOWN, true);
      }
    } else {
      change = switch (state) {
        case DOWN -> packet.state() == SessionState.DOWN ? transition(SessionState.INIT, Diagnostic.NONE, false)
            : packet.state() == SessionState.INIT ? transition(SessionState.UP, Diagnostic.NONE, false) : null;
        case INIT -> packet.state() == SessionState.INIT || packet.state() == SessionState.UP
            ? transition(SessionState.UP, Diagnostic.NONE, false) : null;
        case UP -> packet.state() == SessionState.DOWN ? transition(SessionState.DOWN, Diagnostic.NEIGHBOR_SIGNALED_SESSION_DOWN, false) : null;
        case ADMIN_DOWN -> null;
      };
    }
    reconcileTimers();
    answerPoll = packet.pollBit();
    return finish(now, change);
  }

  /**
   * Runs the timers due at {@code now}: detection expiry (RFC 5880 §6.8.4) and periodic
   * transmission (§6.8.7). Harmless when nothing is due.
   */
  public Outcome tick(long now) {
    StateChange change = null;
    if (detecting && !before(now, detectionDeadline)) {
      detecting = false;
      remoteDiscriminator = 0;
      if (state == SessionState.INIT || state == SessionState.UP) {
        change = transition(SessionState.DOWN, Diagnostic.CONTROL_DETECTION_TIME_EXPIRED, false);
        reconcileTimers();
      }
    }
    return finish(now, change);
  }

  /**
   * New timers or role (a changed BFDProfile). Interval changes go out in a Poll Sequence (RFC
   * 5880 §6.8.3); a new Detect Mult goes out with the next packet without one (§6.8.12).
   */
  public Outcome configure(BfdParameters newParameters, long now) {
    parameters = newParameters;
    reconcileTimers();
    return finish(now, null);
  }

  /**
   * Takes the session AdminDown with diagnostic 7 and announces it at once (RFC 5880 §6.8.16):
   * the peer goes Down without treating it as a failure (RFC 5882 §3.2). Used before the session
   * is thrown away; an AdminDown session discards what it receives and detects nothing.
   */
  public Outcome adminDown(long now) {
    if (state == SessionState.ADMIN_DOWN) {
      return Outcome.NOTHING;
    }
    detecting = false;
    StateChange change = transition(SessionState.ADMIN_DOWN, Diagnostic.ADMINISTRATIVELY_DOWN, false);
    reconcileTimers();
    return finish(now, change);
  }

  /** When {@link #tick} should next run: the earlier of the transmit and detection deadlines (nanoseconds). */
  public long nextDeadline() {
    return detecting && before(detectionDeadline, nextTransmitAt) ? detectionDeadline : nextTransmitAt;
  }

  /** bfd.SessionState. */
  public SessionState state() {
    return state;
  }

  /** bfd.RemoteSessionState: the state in the peer's last packet. */
  public SessionState remoteState() {
    return remoteState;
  }

  /** bfd.LocalDiag. */
  public Diagnostic localDiagnostic() {
    return localDiagnostic;
  }

  /** bfd.LocalDiscr. */
  public long localDiscriminator() {
    return localDiscriminator;
  }

  /** bfd.RemoteDiscr: 0 until the peer is heard, and again after a Detection Time of silence. */
  public long remoteDiscriminator() {
    return remoteDiscriminator;
  }

  /** The configured timers and role. */
  public BfdParameters parameters() {
    return parameters;
  }

  /** Whether a Poll Sequence is running (our packets carry P). */
  public boolean polling() {
    return polling;
  }

  /** bfd.DesiredMinTxInterval as sent, µs. */
  public long desiredMinTxMicros() {
    return desiredMinTx;
  }

  /** bfd.RequiredMinRxInterval as sent, µs. */
  public long requiredMinRxMicros() {
    return requiredMinRx;
  }

  /** The interval periodic packets are jittered from (RFC 5880 §6.8.7). */
  public Duration transmitInterval() {
    return Duration.ofNanos(transmitIntervalMicros() * 1000);
  }

  /** The Detection Time (RFC 5880 §6.8.4), once a packet has been received. */
  public Optional<Duration> detectionTime() {
    return remoteDetectMultiplier == 0 ? Optional.empty() : Optional.of(Duration.ofNanos(detectionTimeMicros() * 1000));
  }

  private StateChange transition(SessionState to, Diagnostic diagnostic, boolean remoteAdminDown) {
    StateChange change = new StateChange(state, to, diagnostic, remoteAdminDown);
    state = to;
    localDiagnostic = diagnostic;
    announce = true;
    return change;
  }

  /** Moves the sent intervals toward the configured ones (RFC 5880 §6.8.3), starting a Poll Sequence. */
  private void reconcileTimers() {
    boolean up = state == SessionState.UP;
    long targetTx = up ? parameters.desiredMinTxMicros() : Math.max(parameters.desiredMinTxMicros(), SLOW_TX_MICROS);
    long targetRx = parameters.requiredMinRxMicros();
    if (targetTx == desiredMinTx && targetRx == requiredMinRx) {
      return;
    }
    boolean slowStart = !up && desiredMinTx < SLOW_TX_MICROS; // a MUST that does not wait for a Poll to settle
    if ((polling || !pollAllowed) && !slowStart) {
      return;
    }
    if (!(up && targetTx > desiredMinTx)) {
      txInUse = targetTx;
    }
    if (!(up && targetRx < requiredMinRx)) {
      rxInUse = targetRx;
    }
    desiredMinTx = targetTx;
    requiredMinRx = targetRx;
    polling = true;
  }

  private Outcome finish(long now, StateChange change) {
    List<ControlPacket> out = new ArrayList<>(2);
    long interval = transmitIntervalMicros();
    if (interval < scheduledInterval) { // a shorter interval is honoured at once (§6.8.3)
      long candidate = now + jitterNanos(interval);
      if (before(candidate, nextTransmitAt)) {
        nextTransmitAt = candidate;
      }
      scheduledInterval = interval;
    }
    boolean periodicDue = announce || !before(now, nextTransmitAt);
    if (answerPoll) {
      out.add(packet(false, true)); // §6.8.6: a Final, regardless of the transmit timer
    }
    if (periodicDue) {
      if (mayTransmitPeriodically() && !(answerPoll && !polling)) {
        out.add(packet(polling, false));
      }
      scheduledInterval = interval;
      nextTransmitAt = now + jitterNanos(interval);
    }
    announce = false;
    answerPoll = false;
    return new Outcome(out, Optional.ofNullable(change), Optional.empty());
  }

  /** RFC 5880 §6.8.7: Passive waits for the peer; RemoteMinRx 0 or the peer's Demand mode silence periodic packets. */
  private boolean mayTransmitPeriodically() {
    if (parameters.passive() && remoteDiscriminator == 0) {
      return false;
    }
    if (remoteMinRx == 0) {
      return false;
    }
    return !(remoteDemand && state == SessionState.UP && remoteState == SessionState.UP && !polling);
  }

  private ControlPacket packet(boolean poll, boolean fin) {
    return new ControlPacket(localDiagnostic.code(), state, poll, fin, false, false, parameters.detectMultiplier(), localDiscriminator,
        remoteDiscriminator, desiredMinTx, requiredMinRx, 0);
  }

  /** max(DesiredMinTx in force, RemoteMinRx) in µs (§6.8.7); RemoteMinRx 0 stops periodic packets, not the timer. */
  private long transmitIntervalMicros() {
    return Math.max(txInUse, remoteMinRx);
  }

  /** Remote Detect Mult × max(RequiredMinRx in force, last received Desired Min TX), µs (§6.8.4). */
  private long detectionTimeMicros() {
    return remoteDetectMultiplier * Math.max(rxInUse, remoteDesiredMinTx);
  }

  /** 75–100 % of the interval, or 75–90 % when our Detect Mult is 1 (§6.8.7). */
  private long jitterNanos(long intervalMicros) {
    long nanos = intervalMicros * 1000;
    long min = nanos / 4 * 3;
    long max = parameters.detectMultiplier() == 1 ? nanos / 10 * 9 : nanos;
    return min + random.nextLong(max - min + 1);
  }

  private static boolean before(long a, long b) {
    return a - b < 0;
  }
}
