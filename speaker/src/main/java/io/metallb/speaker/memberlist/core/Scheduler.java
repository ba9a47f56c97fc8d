package io.metallb.speaker.memberlist.core;

import java.time.Duration;

/**
 * Runs tasks later on the core's single thread: an event loop in production, a virtual-time event
 * queue in simulations. Implementations must run every task on the same thread that calls the
 * core, never concurrently with another call into it.
 */
public interface Scheduler {
  /** Runs {@code task} after {@code delay}; the handle cancels it if it has not run yet. */
  Cancellable schedule(Duration delay, Runnable task);

  /** A scheduled task that can still be cancelled. */
  @FunctionalInterface
  interface Cancellable {
    /** Cancels the task; no effect once it ran. */
    void cancel();
  }
}
