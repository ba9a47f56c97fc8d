package io.metallb.speaker.layer2;

import static org.assertj.core.api.Assertions.assertThat;

import io.metallb.net.IpAddress;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class Layer2MetricsTest {
  @Test
  void exposedUnderMetalLbsExactNames() throws Exception {
    PrometheusRegistry registry = new PrometheusRegistry();
    Layer2Metrics metrics = new Layer2Metrics(registry);
    IpAddress ip = IpAddress.of("198.51.100.10");
    metrics.requestReceived(ip);
    metrics.requestReceived(ip);
    metrics.responseSent(ip);
    metrics.gratuitousSent(ip);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrometheusTextFormatWriter.create().write(out, registry.scrape());
    assertThat(out.toString(StandardCharsets.UTF_8)).contains(
        "metallb_layer2_requests_received{ip=\"198.51.100.10\"} 2.0",
        "metallb_layer2_responses_sent{ip=\"198.51.100.10\"} 1.0",
        "metallb_layer2_gratuitous_sent{ip=\"198.51.100.10\"} 1.0").doesNotContain("_total");
  }
}
