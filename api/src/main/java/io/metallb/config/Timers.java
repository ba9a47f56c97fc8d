package io.metallb.config;

import java.time.Duration;

/** MetalLB's {@code parseTimers} (spec §4.3): fills the missing one of hold and keepalive, then checks. */
final class Timers {
  private static final Duration MIN_HOLD = Duration.ofSeconds(3);

  private Timers() {}

  /**
   * Returns {hold, keepalive}, both null when both are unset. Hold time truncated to whole seconds
   * must be 0 or at least 3 s; keepalive may not exceed hold. The values returned are not truncated.
   */
  static Duration[] resolve(Duration holdTime, Duration keepaliveTime) throws ParseFailure {
    if (holdTime == null && keepaliveTime == null) {
      return new Duration[] {null, null};
    }
    Duration hold = holdTime != null ? holdTime : keepaliveTime.multipliedBy(3);
    Duration keepalive = keepaliveTime != null ? keepaliveTime : holdTime.dividedBy(3);
    Duration rounded = Duration.ofSeconds(GoDuration.wholeSeconds(hold));
    if (!rounded.isZero() && rounded.compareTo(MIN_HOLD) < 0) {
      throw new ParseFailure("spec.holdTime", "invalid hold time " + quoted(holdTime) + ": must be 0 or >=3s");
    }
    if (keepalive.compareTo(hold) > 0) {
      throw new ParseFailure("spec.keepaliveTime", "invalid keepaliveTime " + quoted(keepaliveTime) + ", must be lower than holdTime " + quoted(holdTime));
    }
    return new Duration[] {hold, keepalive};
  }

  /** Go's {@code %q} of a {@code *metav1.Duration}: the quoted String(), or {@code <nil>}. */
  private static String quoted(Duration d) {
    return d == null ? "<nil>" : GoFormat.quote(GoDuration.format(d));
  }
}
