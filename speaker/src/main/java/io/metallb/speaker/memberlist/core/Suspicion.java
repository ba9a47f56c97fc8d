package io.metallb.speaker.memberlist.core;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;

/**
 * One suspicion of a member (memberlist {@code suspicion.go}): it starts at {@code max} when
 * {@code k} independent confirmations are expected (else at {@code min}) and shrinks with each
 * new confirmer. Holds no timer: the core asks {@link #deadline()} and reschedules. Not
 * thread-safe: owned by one core.
 */
public final class Suspicion {
  private final int k;
  private final Duration min;
  private final Duration max;
  private final Instant start;
  private final Set<String> confirmations = new HashSet<>();
  private int n;
  private Instant deadline;

  /** A suspicion raised by {@code from} at {@code start}; {@code from} does not count as a confirmation. */
  public Suspicion(String from, int k, Duration min, Duration max, Instant start) {
    this.k = k;
    this.min = min;
    this.max = max;
    this.start = start;
    confirmations.add(from);
    deadline = start.plus(k < 1 ? min : max);
  }

  /**
   * memberlist {@code Confirm}: records an independent confirmation and shortens the deadline.
   *
   * @return true when {@code from} was new and counted (the suspect message is then re-gossiped)
   */
  public boolean confirm(String from, Instant now) {
    if (n >= k || !confirmations.add(from)) {
      return false;
    }
    n++;
    Duration remaining = SwimMath.remainingSuspicionTime(n, k, Duration.between(start, now), min, max);
    deadline = now.plus(remaining.isNegative() ? Duration.ZERO : remaining);
    return true;
  }

  /** When the member is to be declared dead. */
  public Instant deadline() {
    return deadline;
  }

  /** Confirmations counted so far. */
  public int confirmations() {
    return n;
  }
}
