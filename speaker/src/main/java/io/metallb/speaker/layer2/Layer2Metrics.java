package io.metallb.speaker.layer2;

import io.metallb.net.IpAddress;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

/**
 * MetalLB's layer 2 counters (spec §13.2), label {@code ip}, under their exact names. They are
 * monotonically increasing gauges: the Java client would expose a {@code Counter} as
 * {@code <name>_total}, which MetalLB's Go client does not, and dashboards and alerts select on
 * the name. Thread-safe (the Prometheus client is).
 */
final class Layer2Metrics {
  static final String REQUESTS_RECEIVED = "metallb_layer2_requests_received";
  static final String RESPONSES_SENT = "metallb_layer2_responses_sent";
  static final String GRATUITOUS_SENT = "metallb_layer2_gratuitous_sent";

  private final Gauge requestsReceived;
  private final Gauge responsesSent;
  private final Gauge gratuitousSent;

  Layer2Metrics(PrometheusRegistry registry) {
    requestsReceived = Gauge.builder().name(REQUESTS_RECEIVED).help("Number of layer2 requests received for owned IPs")
        .labelNames("ip").register(registry);
    responsesSent = Gauge.builder().name(RESPONSES_SENT).help("Number of layer2 responses sent for owned IPs in response to requests")
        .labelNames("ip").register(registry);
    gratuitousSent = Gauge.builder().name(GRATUITOUS_SENT).help("Number of gratuitous layer2 packets sent for owned IPs as a result of failovers")
        .labelNames("ip").register(registry);
  }

  void requestReceived(IpAddress ip) {
    requestsReceived.labelValues(ip.toString()).inc();
  }

  void responseSent(IpAddress ip) {
    responsesSent.labelValues(ip.toString()).inc();
  }

  void gratuitousSent(IpAddress ip) {
    gratuitousSent.labelValues(ip.toString()).inc();
  }
}
