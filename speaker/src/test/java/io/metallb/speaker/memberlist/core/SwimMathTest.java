package io.metallb.speaker.memberlist.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Tables from memberlist's util_test.go and suspicion_test.go. */
class SwimMathTest {
  @ParameterizedTest(name = "n={0}")
  @CsvSource({"5, PT1S", "10, PT1S", "50, PT1.698S", "100, PT2S", "1000, PT3S"})
  void suspicionTimeoutScalesWithLog10(int n, Duration expected) {
    // util_test.go TestSuspicionTimeout: suspicionTimeout(3, n, time.Second) / 3
    assertThat(SwimMath.suspicionTimeout(3, n, Duration.ofSeconds(1)).dividedBy(3)).isEqualTo(expected);
  }

  @Test
  void retransmitLimitIsMultTimesCeilLog10() {
    // util_test.go TestRetransmitLimit
    assertThat(SwimMath.retransmitLimit(3, 0)).isZero();
    assertThat(SwimMath.retransmitLimit(3, 1)).isEqualTo(3);
    assertThat(SwimMath.retransmitLimit(3, 99)).isEqualTo(6);
  }

  @Test
  void pushPullSlowsDownAboveThirtyTwoNodes() {
    // util_test.go TestPushPullScale
    Duration sec = Duration.ofSeconds(1);
    for (int i = 0; i <= 32; i++) {
      assertThat(SwimMath.pushPullScale(sec, i)).isEqualTo(sec);
    }
    for (int i = 33; i <= 64; i++) {
      assertThat(SwimMath.pushPullScale(sec, i)).isEqualTo(sec.multipliedBy(2));
    }
    for (int i = 65; i <= 128; i++) {
      assertThat(SwimMath.pushPullScale(sec, i)).isEqualTo(sec.multipliedBy(3));
    }
  }

  @ParameterizedTest(name = "n={0} k={1} elapsed={2}")
  @CsvSource({"0, 3, PT0S, PT30S", "1, 3, PT2S, PT14S", "2, 3, PT3S, PT4.81S", "3, 3, PT4S, PT-2S",
      "4, 3, PT5S, PT-3S", "5, 3, PT10S, PT-8S"})
  void remainingSuspicionTimeFallsLogarithmically(int n, int k, Duration elapsed, Duration expected) {
    // suspicion_test.go TestSuspicion_remainingSuspicionTime, min 2s, max 30s
    assertThat(SwimMath.remainingSuspicionTime(n, k, elapsed, Duration.ofSeconds(2), Duration.ofSeconds(30)))
        .isEqualTo(expected);
  }

  @Test
  void suspicionStartsAtMaxWithConfirmationsExpectedAndShrinksPerNewConfirmer() {
    Instant t0 = Instant.EPOCH;
    Suspicion s = new Suspicion("a", 3, Duration.ofSeconds(2), Duration.ofSeconds(30), t0);
    assertThat(s.deadline()).isEqualTo(t0.plusSeconds(30));
    assertThat(s.confirm("a", t0)).as("the accuser does not confirm itself").isFalse();
    assertThat(s.confirm("b", t0.plusSeconds(2))).isTrue();
    assertThat(s.deadline()).isEqualTo(t0.plusSeconds(16));
    assertThat(s.confirm("b", t0.plusSeconds(3))).as("one confirmation per peer").isFalse();
    assertThat(s.confirm("c", t0.plusSeconds(3))).isTrue();
    assertThat(s.confirm("d", t0.plusSeconds(3))).isTrue();
    assertThat(s.deadline()).isEqualTo(t0.plusSeconds(3)).as("past due: now");
    assertThat(s.confirm("e", t0.plusSeconds(3))).as("k reached").isFalse();
    assertThat(new Suspicion("a", 0, Duration.ofSeconds(2), Duration.ofSeconds(30), t0).deadline())
        .isEqualTo(t0.plusSeconds(2));
  }

  @Test
  void awarenessScalesTimeoutsAndStaysInRange() {
    Awareness a = new Awareness(8);
    assertThat(a.scaleTimeout(Duration.ofSeconds(1))).isEqualTo(Duration.ofSeconds(1));
    a.applyDelta(-1);
    assertThat(a.score()).isZero();
    a.applyDelta(20);
    assertThat(a.score()).isEqualTo(7);
    assertThat(a.scaleTimeout(Duration.ofSeconds(1))).isEqualTo(Duration.ofSeconds(8));
  }

  @Test
  void presetsHaveMemberlistsDefaults() {
    MemberlistConfig lan = MemberlistConfig.lan();
    assertThat(lan.probeInterval()).isEqualTo(Duration.ofSeconds(1));
    assertThat(lan.probeTimeout()).isEqualTo(Duration.ofMillis(500));
    assertThat(lan.suspicionMult()).isEqualTo(4);
    assertThat(lan.gossipInterval()).isEqualTo(Duration.ofMillis(200));
    MemberlistConfig wan = MemberlistConfig.wan();
    assertThat(wan.probeInterval()).isEqualTo(Duration.ofSeconds(5));
    assertThat(wan.tcpTimeout()).isEqualTo(Duration.ofSeconds(30));
    assertThat(wan.gossipNodes()).isEqualTo(4);
    MemberlistConfig local = MemberlistConfig.local();
    assertThat(local.indirectChecks()).isEqualTo(1);
    assertThat(local.probeTimeout()).isEqualTo(Duration.ofMillis(200));
    // spec §8.5 / PEERS.md: 4 s suspicion for n = 3 at LAN defaults
    assertThat(SwimMath.suspicionTimeout(lan.suspicionMult(), 3, lan.probeInterval())).isEqualTo(Duration.ofSeconds(4));
  }
}
