package io.metallb.speaker.k8s;

import io.metallb.speaker.bfd.BfdMetrics;
import io.metallb.speaker.bfd.DropReason;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.Locale;

/**
 * The BFD sessions' metrics under the names of MetalLB's FRR-mode exporter (spec §13.3), label
 * {@code peer} = the peer's IP address (the exporter's {@code vrf} label is left out: sessions run
 * in the default VRF only). Series of a removed session are deleted. Thread-safe (the Prometheus
 * client is).
 *
 * <p>The exporter's counters are exposed as monotonically increasing gauges: the Java client would
 * rename a {@code Counter} to {@code <name>_total}, which MetalLB's Go exporter does not, and the
 * name is what dashboards and alerts select on. Our own drop counter is a real counter.
 */
public final class PrometheusBfdMetrics implements BfdMetrics {
  private final Gauge sessionUp;
  private final Gauge input;
  private final Gauge output;
  private final Gauge upEvents;
  private final Gauge downEvents;
  private final Counter dropped;

  public PrometheusBfdMetrics(PrometheusRegistry registry) {
    sessionUp = Gauge.builder().name(SESSION_UP).help("BFD session state (1 is up, 0 is down)").labelNames("peer").register(registry);
    input = Gauge.builder().name(CONTROL_PACKET_INPUT).help("Number of received BFD control packets").labelNames("peer")
        .register(registry);
    output = Gauge.builder().name(CONTROL_PACKET_OUTPUT).help("Number of sent BFD control packets").labelNames("peer")
        .register(registry);
    upEvents = Gauge.builder().name(SESSION_UP_EVENTS).help("Number of BFD session up events").labelNames("peer").register(registry);
    downEvents = Gauge.builder().name(SESSION_DOWN_EVENTS).help("Number of BFD session down events").labelNames("peer")
        .register(registry);
    dropped = Counter.builder().name(CONTROL_PACKET_DROPPED).help("Number of received BFD datagrams discarded, by reason (RFC 5880 6.8.6)")
        .labelNames("reason").register(registry);
  }

  @Override
  public void sessionCreated(String peer) {
    sessionUp.labelValues(peer).set(0);
    input.labelValues(peer).set(0);
    output.labelValues(peer).set(0);
    upEvents.labelValues(peer).set(0);
    downEvents.labelValues(peer).set(0);
  }

  @Override
  public void sessionUp(String peer, boolean up) {
    sessionUp.labelValues(peer).set(up ? 1 : 0);
  }

  @Override
  public void sessionEvent(String peer, boolean up) {
    (up ? upEvents : downEvents).labelValues(peer).inc();
  }

  @Override
  public void packetReceived(String peer) {
    input.labelValues(peer).inc();
  }

  @Override
  public void packetSent(String peer) {
    output.labelValues(peer).inc();
  }

  @Override
  public void packetDropped(DropReason reason) {
    dropped.labelValues(reason.name().toLowerCase(Locale.ROOT)).inc();
  }

  @Override
  public void sessionDeleted(String peer) {
    sessionUp.remove(peer);
    input.remove(peer);
    output.remove(peer);
    upEvents.remove(peer);
    downEvents.remove(peer);
  }
}
