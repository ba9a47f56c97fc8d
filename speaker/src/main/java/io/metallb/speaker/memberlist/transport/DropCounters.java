package io.metallb.speaker.memberlist.transport;

import io.metallb.speaker.memberlist.wire.DropReason;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Inbound packets and streams dropped, by reason: the metric behind "wrong secret" and garbage
 * traffic. Thread-safe: counted on the event loop, read from anywhere.
 */
public final class DropCounters {
  private final AtomicLongArray counts = new AtomicLongArray(DropReason.values().length);

  /** Counts one drop. */
  public void count(DropReason reason) {
    counts.incrementAndGet(reason.ordinal());
  }

  /** The count for {@code reason}. */
  public long get(DropReason reason) {
    return counts.get(reason.ordinal());
  }

  /** A snapshot of every non-zero count. */
  public Map<DropReason, Long> snapshot() {
    Map<DropReason, Long> map = new EnumMap<>(DropReason.class);
    for (DropReason reason : DropReason.values()) {
      long n = counts.get(reason.ordinal());
      if (n > 0) {
        map.put(reason, n);
      }
    }
    return map;
  }
}
