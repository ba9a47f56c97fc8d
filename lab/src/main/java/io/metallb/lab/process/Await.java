package io.metallb.lab.process;

import io.metallb.lab.LabException;
import java.time.Duration;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Polls a condition against the wall clock until it holds or a timeout passes.
 *
 * <p>For lab and end-to-end code only: it sleeps between polls, so unit tests must not use it.
 */
public final class Await {
  /** How long to sleep between two polls. */
  public static final Duration POLL_INTERVAL = Duration.ofMillis(100);

  private Await() {}

  /**
   * Blocks until {@code condition} returns true.
   *
   * @param what a description of the awaited state, used in the timeout message
   * @throws LabException if {@code timeout} passes first
   */
  public static void until(String what, Duration timeout, BooleanSupplier condition) {
    value(what, timeout, () -> condition.getAsBoolean() ? Optional.of(Boolean.TRUE) : Optional.empty());
  }

  /**
   * Blocks until {@code probe} returns a present value, and returns it.
   *
   * @param what a description of the awaited value, used in the timeout message
   * @throws LabException if {@code timeout} passes first; the message carries the last failure
   *     thrown by {@code probe}, if any
   */
  public static <T> T value(String what, Duration timeout, Supplier<Optional<T>> probe) {
    long deadline = System.nanoTime() + timeout.toNanos();
    RuntimeException lastFailure = null;
    while (true) {
      try {
        Optional<T> result = probe.get();
        if (result.isPresent()) {
          return result.get();
        }
      } catch (RuntimeException e) {
        lastFailure = e;
      }
      if (System.nanoTime() - deadline > 0) {
        String cause = lastFailure == null ? "" : " (last error: " + lastFailure.getMessage() + ")";
        throw new LabException("timed out after " + timeout + " waiting for " + what + cause, lastFailure);
      }
      try {
        Thread.sleep(POLL_INTERVAL);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new LabException("interrupted while waiting for " + what, e);
      }
    }
  }
}
