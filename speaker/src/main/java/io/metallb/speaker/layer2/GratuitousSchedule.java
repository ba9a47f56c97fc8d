package io.metallb.speaker.layer2;

import io.metallb.net.IpAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * When gratuitous ARP / unsolicited NA rounds go out (spec §9.4): a queued address is announced at
 * once, then on every tick of a {@value #TICK_MILLIS} ms ticker until {@value #WINDOW_MILLIS} ms after
 * its last queueing — rounds at ≈ 0, 1.1, 2.2, 3.3 and 4.4 s. Pure; not thread-safe (one scheduler
 * thread owns it). Time comes from the caller.
 */
public final class GratuitousSchedule {
  /** The ticker period of MetalLB's announce loop, milliseconds. */
  public static final long TICK_MILLIS = 1100;
  /** How long after its last queueing an address keeps being announced, milliseconds. */
  public static final long WINDOW_MILLIS = 5000;

  /**
   * The result of queueing.
   *
   * @param announceNow the address was not pending: announce it immediately
   * @param startTicker nothing was pending before: (re)start the ticker
   */
  public record Queued(boolean announceNow, boolean startTicker) {}

  private final Map<IpAddress, Instant> until = new LinkedHashMap<>();

  /** Queues {@code ip} at {@code now}, extending its window if it is already pending. */
  public Queued queue(IpAddress ip, Instant now) {
    boolean wasIdle = until.isEmpty();
    boolean pending = until.containsKey(ip);
    until.put(ip, now.plus(Duration.ofMillis(WINDOW_MILLIS)));
    return new Queued(!pending, wasIdle);
  }

  /** One tick at {@code now}: drops expired addresses and returns the ones to announce, in queue order. */
  public List<IpAddress> tick(Instant now) {
    List<IpAddress> announce = new ArrayList<>();
    for (Iterator<Map.Entry<IpAddress, Instant>> it = until.entrySet().iterator(); it.hasNext(); ) {
      Map.Entry<IpAddress, Instant> entry = it.next();
      if (now.isAfter(entry.getValue())) {
        it.remove();
      } else {
        announce.add(entry.getKey());
      }
    }
    return announce;
  }

  /** Whether nothing is pending (the ticker may stop). */
  public boolean isIdle() {
    return until.isEmpty();
  }
}
