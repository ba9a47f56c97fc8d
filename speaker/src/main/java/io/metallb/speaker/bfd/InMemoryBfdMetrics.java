package io.metallb.speaker.bfd;

import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/** {@link BfdMetrics} kept in memory; {@link #value} reads one series. Thread-safe. */
public final class InMemoryBfdMetrics implements BfdMetrics {
  private final Map<String, Map<String, Long>> series = new ConcurrentHashMap<>(); // peer -> metric name -> value
  private final Map<DropReason, Long> dropped = new EnumMap<>(DropReason.class);

  @Override
  public void sessionCreated(String peer) {
    Map<String, Long> values = new ConcurrentHashMap<>();
    for (String name : new String[] {SESSION_UP, CONTROL_PACKET_INPUT, CONTROL_PACKET_OUTPUT, SESSION_UP_EVENTS, SESSION_DOWN_EVENTS}) {
      values.put(name, 0L);
    }
    series.put(peer, values);
  }

  @Override
  public void sessionUp(String peer, boolean up) {
    of(peer).put(SESSION_UP, up ? 1L : 0L);
  }

  @Override
  public void sessionEvent(String peer, boolean up) {
    of(peer).merge(up ? SESSION_UP_EVENTS : SESSION_DOWN_EVENTS, 1L, Long::sum);
  }

  @Override
  public void packetReceived(String peer) {
    of(peer).merge(CONTROL_PACKET_INPUT, 1L, Long::sum);
  }

  @Override
  public void packetSent(String peer) {
    of(peer).merge(CONTROL_PACKET_OUTPUT, 1L, Long::sum);
  }

  @Override
  public synchronized void packetDropped(DropReason reason) {
    dropped.merge(reason, 1L, Long::sum);
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

  /** Drops so far, by reason. */
  public synchronized Map<DropReason, Long> dropped() {
    return new TreeMap<>(dropped);
  }

  private Map<String, Long> of(String peer) {
    return series.computeIfAbsent(peer, p -> new ConcurrentHashMap<>());
  }
}
