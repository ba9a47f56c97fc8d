package io.metallb.speaker.k8s;

import io.metallb.speaker.bgp.BgpMetrics;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

/**
 * The BGP engine's metrics exported under MetalLB's names and {@code peer} label (spec §13.2), so
 * that existing dashboards and the chart's {@code MetalLBBGPSessionDown} alert keep working.
 * Thread-safe (the Prometheus client is).
 */
public final class PrometheusBgpMetrics implements BgpMetrics {
  private final Gauge sessionUp;
  private final Counter updates;
  private final Gauge announced;
  private final Gauge pending;

  public PrometheusBgpMetrics(PrometheusRegistry registry) {
    sessionUp = Gauge.builder().name(SESSION_UP).help("BGP session state (1 is up, 0 is down)").labelNames("peer").register(registry);
    updates = Counter.builder().name(UPDATES_TOTAL).help("Number of BGP UPDATE messages sent").labelNames("peer").register(registry);
    announced = Gauge.builder().name(ANNOUNCED_PREFIXES_TOTAL).help("Number of prefixes currently being advertised on the BGP session")
        .labelNames("peer").register(registry);
    pending = Gauge.builder().name(PENDING_PREFIXES_TOTAL).help("Number of prefixes that should be advertised on the BGP session")
        .labelNames("peer").register(registry);
  }

  @Override
  public void sessionCreated(String peer) {
    sessionUp.labelValues(peer).set(0);
    updates.labelValues(peer);
    announced.labelValues(peer).set(0);
    pending.labelValues(peer).set(0);
  }

  @Override
  public void sessionUp(String peer, boolean up) {
    sessionUp.labelValues(peer).set(up ? 1 : 0);
  }

  @Override
  public void updatesSent(String peer, int count) {
    updates.labelValues(peer).inc(count);
  }

  @Override
  public void prefixes(String peer, int announcedPrefixes, int pendingPrefixes) {
    announced.labelValues(peer).set(announcedPrefixes);
    pending.labelValues(peer).set(pendingPrefixes);
  }

  @Override
  public void sessionDeleted(String peer) {
    sessionUp.remove(peer);
    updates.remove(peer);
    announced.remove(peer);
    pending.remove(peer);
  }
}
