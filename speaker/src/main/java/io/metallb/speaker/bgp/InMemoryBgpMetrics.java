package io.metallb.speaker.bgp;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/** {@link BgpMetrics} kept in memory; {@link #snapshot()} gives {@code name{peer="…"} -> value}. Thread-safe. */
public final class InMemoryBgpMetrics implements BgpMetrics {
  private final Map<String, Map<String, Long>> series = new ConcurrentHashMap<>(); // peer -> metric name -> value

  @Override
  public void sessionCreated(String peer) {
    Map<String, Long> values = new ConcurrentHashMap<>();
    values.put(SESSION_UP, 0L);
    values.put(UPDATES_TOTAL, 0L);
    values.put(ANNOUNCED_PREFIXES_TOTAL, 0L);
    values.put(PENDING_PREFIXES_TOTAL, 0L);
    series.put(peer, values);
  }

  @Override
  public void sessionUp(String peer, boolean up) {
    of(peer).put(SESSION_UP, up ? 1L : 0L);
  }

  @Override
  public void updatesSent(String peer, int count) {
    of(peer).merge(UPDATES_TOTAL, (long) count, Long::sum);
  }

  @Override
  public void prefixes(String peer, int announced, int pending) {
    Map<String, Long> values = of(peer);
    values.put(ANNOUNCED_PREFIXES_TOTAL, (long) announced);
    values.put(PENDING_PREFIXES_TOTAL, (long) pending);
  }

  @Override
  public void sessionDeleted(String peer) {
    series.remove(peer);
  }

  /** One value, or null when the series does not exist. */
  public Long value(String name, String peer) {
    Map<String, Long> values = series.get(peer);
    return values == null ? null : values.get(name);
  }

  /** Every series as {@code name{peer="…"}} to its value, sorted. */
  public Map<String, Long> snapshot() {
    Map<String, Long> out = new TreeMap<>();
    series.forEach((peer, values) -> values.forEach((name, v) -> out.put(name + "{peer=\"" + peer + "\"}", v)));
    return out;
  }

  private Map<String, Long> of(String peer) {
    return series.computeIfAbsent(peer, p -> new ConcurrentHashMap<>());
  }
}
