package io.metallb.speaker.memberlist.core;

import java.time.Duration;

/**
 * memberlist's timing formulas, each a pure function (memberlist {@code util.go},
 * {@code suspicion.go}). Durations are exact to the nanosecond as Go's {@code time.Duration}.
 */
public final class SwimMath {
  /** memberlist {@code pushPullScaleThreshold} (util.go): push-pull slows down above 32 nodes. */
  public static final int PUSH_PULL_SCALE_THRESHOLD = 32;

  private SwimMath() {}

  /**
   * memberlist {@code suspicionTimeout}: {@code mult × max(1, log10(max(1, n))) × interval}, with
   * the node scale kept to three decimals as Go does.
   */
  public static Duration suspicionTimeout(int suspicionMult, int n, Duration interval) {
    double nodeScale = Math.max(1.0, Math.log10(Math.max(1.0, n)));
    long scaleMillis = (long) (nodeScale * 1000);
    return Duration.ofNanos(suspicionMult * scaleMillis * interval.toNanos() / 1000);
  }

  /** memberlist {@code retransmitLimit}: {@code mult × ceil(log10(n + 1))}. */
  public static int retransmitLimit(int retransmitMult, int n) {
    return retransmitMult * (int) Math.ceil(Math.log10(n + 1));
  }

  /**
   * memberlist {@code pushPullScale}: the interval unchanged up to 32 nodes, then multiplied by
   * {@code ceil(log2(n) - log2(32)) + 1}.
   */
  public static Duration pushPullScale(Duration interval, int n) {
    if (n <= PUSH_PULL_SCALE_THRESHOLD) {
      return interval;
    }
    double multiplier = Math.ceil(log2(n) - log2(PUSH_PULL_SCALE_THRESHOLD)) + 1.0;
    return interval.multipliedBy((long) multiplier);
  }

  private static double log2(double x) {
    return Math.log(x) / Math.log(2);
  }

  /**
   * memberlist {@code remainingSuspicionTime}: with {@code n} of {@code k} expected confirmations
   * the timeout falls logarithmically from {@code max} towards {@code min}, floored to the
   * millisecond and never below {@code min}; the time already {@code elapsed} is subtracted (the
   * result may be negative).
   */
  public static Duration remainingSuspicionTime(int n, int k, Duration elapsed, Duration min, Duration max) {
    double frac = Math.log(n + 1.0) / Math.log(k + 1.0);
    double raw = seconds(max) - frac * (seconds(max) - seconds(min));
    Duration timeout = Duration.ofMillis((long) Math.floor(1000.0 * raw));
    if (timeout.compareTo(min) < 0) {
      timeout = min;
    }
    return timeout.minus(elapsed);
  }

  private static double seconds(Duration d) {
    return d.toNanos() / 1e9;
  }

  /**
   * An upper bound on the time from a member's death to every survivor of an {@code n}-member
   * cluster holding it dead, with healthy awareness: at most two shuffled probe rounds
   * ({@code 2n} probe intervals) until a survivor probes it, one probe interval for that probe to
   * fail, the suspicion timeout (its max when confirmations are expected, else its min), and the
   * dead message's retransmissions ({@code retransmitLimit} gossip intervals).
   */
  public static Duration detectionBound(MemberlistConfig config, int n) {
    Duration min = suspicionTimeout(config.suspicionMult(), n, config.probeInterval());
    int k = config.suspicionMult() - 2;
    Duration suspicion = n - 2 < k ? min : min.multipliedBy(config.suspicionMaxTimeoutMult());
    return config.probeInterval().multipliedBy(2L * n + 1).plus(suspicion)
        .plus(config.gossipInterval().multipliedBy(retransmitLimit(config.retransmitMult(), n)));
  }
}
