package io.metallb.speaker.bgp.fsm;

import java.time.Duration;

/**
 * Delay between connection attempts: 1 s, doubling, capped at 120 s; back to 1 s after a session
 * reached Established (spec §10.1, MetalLB {@code native/backoff.go}). Pure, not thread-safe.
 */
public final class Backoff {
  /** First delay. */
  public static final Duration INITIAL = Duration.ofSeconds(1);
  /** Largest delay. */
  public static final Duration MAX = Duration.ofSeconds(120);

  private Duration next = INITIAL;

  /** The delay to wait now; the following one doubles it up to {@link #MAX}. */
  public Duration next() {
    Duration current = next;
    Duration doubled = next.multipliedBy(2);
    next = doubled.compareTo(MAX) > 0 ? MAX : doubled;
    return current;
  }

  /** Starts again from {@link #INITIAL}. */
  public void reset() {
    next = INITIAL;
  }
}
