package io.metallb.speaker.bfd;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

/** The pure RFC 5880 session: packets and frozen time in, packets and state changes out. */
class BfdSessionTest {
  private static final long MS = 1_000_000; // nanoseconds
  private static final long LOCAL = 0x1111;
  private static final long REMOTE = 0x2222;
  private static final BfdParameters FAST = new BfdParameters(Duration.ofMillis(100), Duration.ofMillis(100), 3, false);
  /** Always the shortest jitter: 75 % of the interval. */
  private static final RandomGenerator LOW = () -> 0L;

  private static BfdSession session(BfdParameters parameters) {
    return new BfdSession(LOCAL, parameters, LOW, 0);
  }

  /** A packet from the peer. */
  private static ControlPacket from(SessionState state, long your, boolean poll, boolean fin, long txMicros, long rxMicros) {
    return new ControlPacket(0, state, poll, fin, false, false, 3, REMOTE, your, txMicros, rxMicros, 0);
  }

  private static ControlPacket from(SessionState state, long your) {
    return from(state, your, false, false, 100_000, 100_000);
  }

  /** Brings a session Up as FRR does: our Down, its Init, our Up with a Poll, its Final. */
  private static BfdSession up(BfdParameters parameters) {
    BfdSession s = session(parameters);
    s.tick(0);
    s.receive(from(SessionState.INIT, LOCAL), 10 * MS);
    assertThat(s.state()).isEqualTo(SessionState.UP);
    s.receive(from(SessionState.UP, LOCAL, false, true, 100_000, 100_000), 11 * MS);
    s.receive(from(SessionState.UP, LOCAL), 12 * MS);
    assertThat(s.polling()).isFalse();
    return s;
  }

  @Test
  void aNewSessionSendsDownAtOnceThenOnceASecondWhileNotUp() {
    BfdSession s = session(FAST);
    assertThat(s.nextDeadline()).isZero();
    Outcome first = s.tick(0);
    assertThat(first.transmit()).containsExactly(new ControlPacket(0, SessionState.DOWN, false, false, false, false, 3, LOCAL, 0,
        BfdSession.SLOW_TX_MICROS, 100_000, 0));
    assertThat(first.stateChange()).isEmpty();
    assertThat(s.nextDeadline()).as("75 %% of 1 s").isEqualTo(750 * MS);
    assertThat(s.tick(749 * MS).transmit()).isEmpty();
    assertThat(s.tick(750 * MS).transmit()).hasSize(1);
    assertThat(s.nextDeadline()).isEqualTo(1500 * MS);
  }

  @Test
  void jitterKeepsEveryIntervalBetween75And100PercentOr90WithMultiplierOne() {
    for (int multiplier : new int[] {1, 3}) {
      BfdSession s = new BfdSession(LOCAL, new BfdParameters(Duration.ofMillis(100), Duration.ofMillis(100), multiplier, false),
          new SplittableRandom(7), 0);
      long now = 0;
      s.tick(now);
      long min = Long.MAX_VALUE;
      long max = 0;
      for (int i = 0; i < 2000; i++) {
        long next = s.nextDeadline();
        min = Math.min(min, next - now);
        max = Math.max(max, next - now);
        now = next;
        assertThat(s.tick(now).transmit()).hasSize(1);
      }
      assertThat(min).as("multiplier %d", multiplier).isGreaterThanOrEqualTo(750 * MS).isLessThan(760 * MS);
      assertThat(max).as("multiplier %d", multiplier).isLessThanOrEqualTo(multiplier == 1 ? 900 * MS : 1000 * MS)
          .isGreaterThan(multiplier == 1 ? 890 * MS : 990 * MS);
    }
  }

  @Test
  void passiveSendsNothingUntilThePeerSpeaksAndStopsAgainWhenItFallsSilent() {
    BfdSession s = session(new BfdParameters(Duration.ofMillis(100), Duration.ofMillis(100), 3, true));
    assertThat(s.tick(0).transmit()).isEmpty();
    assertThat(s.tick(s.nextDeadline()).transmit()).isEmpty();
    Outcome heard = s.receive(from(SessionState.DOWN, 0, false, false, 1_000_000, 1_000_000), 2000 * MS);
    assertThat(heard.stateChange()).contains(new StateChange(SessionState.DOWN, SessionState.INIT, Diagnostic.NONE, false));
    assertThat(heard.transmit()).singleElement().satisfies(p -> {
      assertThat(p.state()).isEqualTo(SessionState.INIT);
      assertThat(p.yourDiscriminator()).isEqualTo(REMOTE);
    });
    Outcome silent = s.tick(2000 * MS + 3000 * MS);
    assertThat(s.remoteDiscriminator()).as("cleared after a Detection Time (§6.8.1)").isZero();
    assertThat(silent.stateChange()).contains(new StateChange(SessionState.INIT, SessionState.DOWN,
        Diagnostic.CONTROL_DETECTION_TIME_EXPIRED, false));
    assertThat(silent.transmit()).as("passive again").isEmpty();
  }

  @Test
  void threeWayHandshakeThenAPollMovesToTheProfileTimers() {
    BfdSession s = session(FAST);
    s.tick(0);
    Outcome init = s.receive(from(SessionState.DOWN, 0, false, false, 1_000_000, 1_000_000), 10 * MS);
    assertThat(init.stateChange()).contains(new StateChange(SessionState.DOWN, SessionState.INIT, Diagnostic.NONE, false));
    assertThat(init.transmit()).singleElement().satisfies(p -> {
      assertThat(p.state()).isEqualTo(SessionState.INIT);
      assertThat(p.pollBit()).isFalse();
      assertThat(p.desiredMinTxMicros()).isEqualTo(BfdSession.SLOW_TX_MICROS);
    });
    assertThat(s.detectionTime()).contains(Duration.ofSeconds(3));

    Outcome up = s.receive(from(SessionState.UP, LOCAL, false, false, 1_000_000, 1_000_000), 20 * MS);
    assertThat(up.stateChange()).contains(new StateChange(SessionState.INIT, SessionState.UP, Diagnostic.NONE, false));
    assertThat(up.transmit()).containsExactly(new ControlPacket(0, SessionState.UP, true, false, false, false, 3, LOCAL, REMOTE,
        100_000, 100_000, 0));
    assertThat(s.transmitInterval()).as("a decrease applies at once; the peer still asks for 1 s").isEqualTo(Duration.ofSeconds(1));

    Outcome fin = s.receive(from(SessionState.UP, LOCAL, false, true, 100_000, 100_000), 21 * MS);
    assertThat(s.polling()).isFalse();
    assertThat(fin.transmit()).isEmpty();
    assertThat(s.transmitInterval()).isEqualTo(Duration.ofMillis(100));
    Outcome poll = s.receive(from(SessionState.UP, LOCAL, true, false, 100_000, 100_000), 22 * MS);
    assertThat(poll.transmit()).as("the peer's own Poll is answered at once, with F alone")
        .containsExactly(new ControlPacket(0, SessionState.UP, false, true, false, false, 3, LOCAL, REMOTE, 100_000, 100_000, 0));
    assertThat(s.detectionTime()).contains(Duration.ofMillis(300));
    assertThat(s.nextDeadline()).as("the smaller remote RX is honoured at once").isEqualTo(21 * MS + 75 * MS);
    assertThat(s.tick(96 * MS).transmit()).singleElement().satisfies(p -> assertThat(p.pollBit()).isFalse());
  }

  @Test
  void silenceForTheDetectionTimeTakesUpDownWithDiagnosticOneAndThatIsAFailure() {
    BfdSession s = up(FAST);
    long last = 12 * MS;
    assertThat(s.detectionTime()).contains(Duration.ofMillis(300));
    long now = last;
    while (s.nextDeadline() - (last + 300 * MS) < 0) {
      now = s.nextDeadline();
      assertThat(s.tick(now).stateChange()).isEmpty();
    }
    assertThat(s.nextDeadline()).isEqualTo(last + 300 * MS);
    Outcome expired = s.tick(last + 300 * MS);
    StateChange change = expired.stateChange().orElseThrow();
    assertThat(change).isEqualTo(new StateChange(SessionState.UP, SessionState.DOWN, Diagnostic.CONTROL_DETECTION_TIME_EXPIRED, false));
    assertThat(change.signalsFailure()).isTrue();
    assertThat(expired.transmit()).singleElement().satisfies(p -> {
      assertThat(p.state()).isEqualTo(SessionState.DOWN);
      assertThat(p.diagnostic()).isEqualTo(1);
      assertThat(p.yourDiscriminator()).isZero();
      assertThat(p.desiredMinTxMicros()).as("slow start again").isEqualTo(BfdSession.SLOW_TX_MICROS);
    });
    assertThat(s.transmitInterval()).isEqualTo(Duration.ofSeconds(1));
  }

  @Test
  void peerSignallingDownIsAFailureButAdminDownIsNot() {
    BfdSession s = up(FAST);
    StateChange down = s.receive(from(SessionState.DOWN, LOCAL), 50 * MS).stateChange().orElseThrow();
    assertThat(down).isEqualTo(new StateChange(SessionState.UP, SessionState.DOWN, Diagnostic.NEIGHBOR_SIGNALED_SESSION_DOWN, false));
    assertThat(down.signalsFailure()).isTrue();

    BfdSession t = up(FAST);
    StateChange admin = t.receive(from(SessionState.ADMIN_DOWN, LOCAL), 50 * MS).stateChange().orElseThrow();
    assertThat(admin).isEqualTo(new StateChange(SessionState.UP, SessionState.DOWN, Diagnostic.NEIGHBOR_SIGNALED_SESSION_DOWN, true));
    assertThat(admin.signalsFailure()).as("RFC 5882 §3.2").isFalse();
    assertThat(t.receive(from(SessionState.ADMIN_DOWN, LOCAL), 60 * MS).stateChange()).as("already Down").isEmpty();
  }

  @Test
  void receptionTableOfSection6_8_6() {
    record Row(SessionState local, SessionState received, SessionState after) {}
    List<Row> rows = List.of(
        new Row(SessionState.DOWN, SessionState.DOWN, SessionState.INIT),
        new Row(SessionState.DOWN, SessionState.INIT, SessionState.UP),
        new Row(SessionState.DOWN, SessionState.UP, SessionState.DOWN),
        new Row(SessionState.INIT, SessionState.DOWN, SessionState.INIT),
        new Row(SessionState.INIT, SessionState.INIT, SessionState.UP),
        new Row(SessionState.INIT, SessionState.UP, SessionState.UP),
        new Row(SessionState.UP, SessionState.INIT, SessionState.UP),
        new Row(SessionState.UP, SessionState.UP, SessionState.UP),
        new Row(SessionState.UP, SessionState.DOWN, SessionState.DOWN));
    for (Row row : rows) {
      BfdSession s = session(FAST);
      s.tick(0);
      if (row.local() != SessionState.DOWN) {
        s.receive(from(SessionState.DOWN, 0), MS);
      }
      if (row.local() == SessionState.UP) {
        s.receive(from(SessionState.UP, LOCAL), 2 * MS);
      }
      assertThat(s.state()).as("%s", row).isEqualTo(row.local());
      long your = row.received() == SessionState.DOWN ? 0 : LOCAL;
      s.receive(from(row.received(), your), 3 * MS);
      assertThat(s.state()).as("%s", row).isEqualTo(row.after());
    }
  }

  @Test
  void aPacketForAnotherDiscriminatorIsDropped() {
    BfdSession s = session(FAST);
    Outcome o = s.receive(from(SessionState.UP, LOCAL + 1), 0);
    assertThat(o.dropped()).contains(DropReason.NO_SESSION);
    assertThat(s.remoteDiscriminator()).isZero();
  }

  @Test
  void adminDownAnnouncesDiagnosticSevenThenDiscardsAndDetectsNothing() {
    BfdSession s = up(FAST);
    Outcome o = s.adminDown(30 * MS);
    assertThat(o.stateChange()).contains(new StateChange(SessionState.UP, SessionState.ADMIN_DOWN, Diagnostic.ADMINISTRATIVELY_DOWN, false));
    assertThat(o.stateChange().orElseThrow().signalsFailure()).isFalse();
    assertThat(o.transmit()).singleElement().satisfies(p -> {
      assertThat(p.state()).isEqualTo(SessionState.ADMIN_DOWN);
      assertThat(p.knownDiagnostic()).contains(Diagnostic.ADMINISTRATIVELY_DOWN);
    });
    assertThat(s.receive(from(SessionState.UP, LOCAL), 40 * MS).dropped()).contains(DropReason.LOCAL_ADMIN_DOWN);
    assertThat(s.tick(10_000 * MS).stateChange()).isEmpty();
    assertThat(s.adminDown(10_001 * MS)).isEqualTo(Outcome.NOTHING);
  }

  @Test
  void aLargerTransmitIntervalWaitsForTheFinalWhileUp() {
    BfdSession s = up(FAST);
    Outcome o = s.configure(new BfdParameters(Duration.ofMillis(500), Duration.ofMillis(100), 3, false), 20 * MS);
    assertThat(o.transmit()).as("the Poll rides on periodic packets: no extra one").isEmpty();
    assertThat(s.polling()).isTrue();
    assertThat(s.desiredMinTxMicros()).isEqualTo(500_000);
    assertThat(s.transmitInterval()).as("§6.8.3: unchanged until the Poll ends").isEqualTo(Duration.ofMillis(100));
    Outcome periodic = s.tick(s.nextDeadline());
    assertThat(periodic.transmit()).singleElement().satisfies(p -> {
      assertThat(p.pollBit()).isTrue();
      assertThat(p.desiredMinTxMicros()).isEqualTo(500_000);
    });
    s.receive(from(SessionState.UP, LOCAL, false, true, 100_000, 100_000), 100 * MS);
    assertThat(s.polling()).isFalse();
    assertThat(s.transmitInterval()).isEqualTo(Duration.ofMillis(500));
  }

  @Test
  void aSmallerReceiveIntervalKeepsTheOldDetectionTimeUntilTheFinal() {
    BfdSession s = up(new BfdParameters(Duration.ofMillis(100), Duration.ofMillis(300), 3, false));
    s.receive(from(SessionState.UP, LOCAL), 20 * MS);
    assertThat(s.detectionTime()).contains(Duration.ofMillis(900));
    s.configure(FAST, 21 * MS);
    assertThat(s.requiredMinRxMicros()).isEqualTo(100_000);
    s.receive(from(SessionState.UP, LOCAL), 22 * MS);
    assertThat(s.detectionTime()).as("§6.8.3: the previous RequiredMinRx until the Poll ends").contains(Duration.ofMillis(900));
    s.receive(from(SessionState.UP, LOCAL, false, true, 100_000, 100_000), 23 * MS);
    assertThat(s.detectionTime()).contains(Duration.ofMillis(300));
  }

  @Test
  void aSecondChangeWaitsForAPacketWithoutFinalAfterThePollEnds() {
    BfdSession s = up(FAST);
    s.configure(new BfdParameters(Duration.ofMillis(200), Duration.ofMillis(100), 3, false), 20 * MS);
    s.configure(new BfdParameters(Duration.ofMillis(300), Duration.ofMillis(100), 3, false), 21 * MS);
    assertThat(s.desiredMinTxMicros()).as("one Poll at a time").isEqualTo(200_000);
    s.receive(from(SessionState.UP, LOCAL, false, true, 100_000, 100_000), 22 * MS);
    assertThat(s.polling()).isFalse();
    assertThat(s.desiredMinTxMicros()).as("not right after the Final (§6.8.3 third choice)").isEqualTo(200_000);
    s.receive(from(SessionState.UP, LOCAL), 23 * MS);
    assertThat(s.polling()).isTrue();
    assertThat(s.desiredMinTxMicros()).isEqualTo(300_000);
  }

  @Test
  void aNewMultiplierGoesOutWithTheNextPacketWithoutAPoll() {
    BfdSession s = up(FAST);
    s.configure(new BfdParameters(Duration.ofMillis(100), Duration.ofMillis(100), 5, false), 20 * MS);
    assertThat(s.polling()).isFalse();
    assertThat(s.tick(s.nextDeadline()).transmit()).singleElement().satisfies(p -> assertThat(p.detectMultiplier()).isEqualTo(5));
  }

  @Test
  void noPeriodicPacketsWhileThePeerAsksForNoneOrRunsDemandModeButPollsAreAnswered() {
    BfdSession s = up(FAST);
    s.receive(from(SessionState.UP, LOCAL, false, false, 100_000, 0), 20 * MS);
    assertThat(s.tick(s.nextDeadline()).transmit()).as("RemoteMinRx 0").isEmpty();
    assertThat(s.receive(from(SessionState.UP, LOCAL, true, false, 100_000, 0), 30 * MS).transmit())
        .singleElement().satisfies(p -> assertThat(p.finalBit()).isTrue());

    BfdSession t = up(FAST);
    t.receive(new ControlPacket(0, SessionState.UP, false, false, false, true, 3, REMOTE, LOCAL, 100_000, 100_000, 0), 20 * MS);
    assertThat(t.tick(t.nextDeadline()).transmit()).as("the peer's Demand mode").isEmpty();
  }

  @Test
  void twoSessionsComeUpTalkToEachOtherAndDetectAOneWayCut() {
    Link link = new Link(new SplittableRandom(42));
    link.runUntil(500 * MS * 10, () -> link.a.state() == SessionState.UP && link.b.state() == SessionState.UP && !link.a.polling()
        && !link.b.polling());
    assertThat(link.now).as("up within two slow intervals").isLessThan(2500 * MS);
    assertThat(link.a.transmitInterval()).isEqualTo(Duration.ofMillis(100));
    link.runFor(5000 * MS);
    assertThat(link.changes).as("stays up").noneMatch(c -> c.to() == SessionState.DOWN);
    link.cutBToA = true;
    long cut = link.now;
    link.runUntil(2000 * MS, () -> link.a.state() == SessionState.DOWN);
    assertThat(link.now - cut).as("A detects the silence within its detection time").isBetween(200 * MS, 301 * MS);
    assertThat(link.a.localDiagnostic()).isEqualTo(Diagnostic.CONTROL_DETECTION_TIME_EXPIRED);
    link.runUntil(2000 * MS, () -> link.b.state() == SessionState.DOWN);
    assertThat(link.b.localDiagnostic()).as("B hears A's Down").isEqualTo(Diagnostic.NEIGHBOR_SIGNALED_SESSION_DOWN);
    link.cutBToA = false;
    link.runUntil(5000 * MS, () -> link.a.state() == SessionState.UP && link.b.state() == SessionState.UP);
  }

  /** Two sessions joined by a 1 ms link in virtual time, driven by their own deadlines. */
  private static final class Link {
    final BfdSession a;
    final BfdSession b;
    final List<StateChange> changes = new ArrayList<>();
    final List<long[]> inFlight = new ArrayList<>(); // {arrival, toA (1/0), index into packets}
    final List<ControlPacket> packets = new ArrayList<>();
    long now;
    boolean cutBToA;

    Link(RandomGenerator random) {
      a = new BfdSession(1, FAST, random, 0);
      b = new BfdSession(2, FAST, random, 3 * MS);
    }

    void runFor(long duration) {
      long end = now + duration;
      runUntil(duration, () -> now >= end);
    }

    void runUntil(long limit, java.util.function.BooleanSupplier done) {
      long end = now + limit;
      while (!done.getAsBoolean()) {
        assertThat(now).as("condition not met in time").isLessThanOrEqualTo(end);
        long next = Math.min(a.nextDeadline(), b.nextDeadline());
        long[] arrival = inFlight.stream().min((x, y) -> Long.compare(x[0], y[0])).orElse(null);
        if (arrival != null && arrival[0] <= next) {
          inFlight.remove(arrival);
          now = arrival[0];
          BfdSession to = arrival[1] == 1 ? a : b;
          apply(to, to.receive(packets.get((int) arrival[2]), now));
        } else {
          now = next;
          apply(a, a.tick(now));
          apply(b, b.tick(now));
        }
      }
    }

    private void apply(BfdSession from, Outcome outcome) {
      outcome.stateChange().ifPresent(changes::add);
      assertThat(outcome.dropped()).isEqualTo(Optional.empty());
      for (ControlPacket p : outcome.transmit()) {
        assertThat(p.pollBit() && p.finalBit()).as("never P and F (§6.5)").isFalse();
        boolean toA = from == b;
        if (toA && cutBToA) {
          continue;
        }
        packets.add(p);
        inFlight.add(new long[] {now + MS, toA ? 1 : 0, packets.size() - 1});
      }
    }
  }
}
