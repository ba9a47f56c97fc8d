package io.metallb.speaker.memberlist.core;

import java.time.Duration;

/**
 * Lifeguard's local health score (memberlist {@code awareness.go}): 0 is healthy, up to
 * {@code max - 1}; timeouts scale by {@code score + 1}. Not thread-safe: owned by one core.
 */
public final class Awareness {
  private final int max;
  private int score;

  /** A healthy score bounded by {@code max} (memberlist {@code AwarenessMaxMultiplier}; 0 acts as 1). */
  public Awareness(int max) {
    this.max = Math.max(1, max);
  }

  /** memberlist {@code ApplyDelta}: adds {@code delta}, clamped to [0, max - 1]. */
  public void applyDelta(int delta) {
    score = Math.max(0, Math.min(max - 1, score + delta));
  }

  /** The current score, 0 being healthy. */
  public int score() {
    return score;
  }

  /** memberlist {@code ScaleTimeout}: {@code timeout × (score + 1)}. */
  public Duration scaleTimeout(Duration timeout) {
    return timeout.multipliedBy(score + 1L);
  }
}
