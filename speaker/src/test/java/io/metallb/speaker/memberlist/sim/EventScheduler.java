package io.metallb.speaker.memberlist.sim;

import io.metallb.speaker.memberlist.core.Scheduler;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.PriorityQueue;
import java.util.function.BooleanSupplier;

/**
 * Virtual time for simulations (Kafka's {@code EventScheduler} + {@code MockTime}): one queue of
 * events ordered by (deadline, sequence); running an event moves the clock to its deadline.
 * Single-threaded.
 */
final class EventScheduler implements Scheduler, InstantSource {
  private record Event(long atNanos, long seq, Runnable task, boolean[] cancelled) {}

  private final PriorityQueue<Event> queue = new PriorityQueue<>((a, b) -> a.atNanos != b.atNanos
      ? Long.compare(a.atNanos, b.atNanos) : Long.compare(a.seq, b.seq));
  private final Instant epoch = Instant.parse("2026-01-01T00:00:00Z");
  private long nowNanos;
  private long seq;
  private long executed;

  @Override
  public Cancellable schedule(Duration delay, Runnable task) {
    boolean[] cancelled = {false};
    queue.add(new Event(nowNanos + Math.max(0, delay.toNanos()), seq++, task, cancelled));
    return () -> cancelled[0] = true;
  }

  @Override
  public Instant instant() {
    return epoch.plusNanos(nowNanos);
  }

  /** Virtual time since the start. */
  Duration elapsed() {
    return Duration.ofNanos(nowNanos);
  }

  /** Events run so far. */
  long executed() {
    return executed;
  }

  /** Runs every event due within {@code duration}, then sets the clock to its end. */
  void runFor(Duration duration) {
    long end = nowNanos + duration.toNanos();
    while (!queue.isEmpty() && queue.peek().atNanos <= end) {
      Event e = queue.poll();
      nowNanos = e.atNanos;
      if (!e.cancelled[0]) {
        executed++;
        e.task.run();
      }
    }
    nowNanos = end;
  }

  /**
   * Runs in steps of {@code step} until {@code condition} holds (checked between steps) or
   * {@code max} passed.
   *
   * @return whether the condition held
   */
  boolean runUntil(BooleanSupplier condition, Duration step, Duration max) {
    long end = nowNanos + max.toNanos();
    while (nowNanos < end) {
      if (condition.getAsBoolean()) {
        return true;
      }
      runFor(step);
    }
    return condition.getAsBoolean();
  }
}
