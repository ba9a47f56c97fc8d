package io.metallb.speaker.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PrometheusBgpMetricsTest {
  static String scrape(PrometheusRegistry registry) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrometheusTextFormatWriter.create().write(out, registry.scrape());
    return out.toString(StandardCharsets.UTF_8);
  }

  @Test
  void seriesCarryMetallbsNamesAndPeerLabel() throws Exception {
    PrometheusRegistry registry = new PrometheusRegistry();
    PrometheusBgpMetrics metrics = new PrometheusBgpMetrics(registry);
    metrics.sessionCreated("198.51.100.1:179");
    assertThat(scrape(registry)).contains("metallb_bgp_session_up{peer=\"198.51.100.1:179\"} 0.0");

    metrics.sessionUp("198.51.100.1:179", true);
    metrics.updatesSent("198.51.100.1:179", 3);
    metrics.prefixes("198.51.100.1:179", 2, 2);
    String text = scrape(registry);
    assertThat(text)
        .contains("metallb_bgp_session_up{peer=\"198.51.100.1:179\"} 1.0")
        .contains("metallb_bgp_updates_total{peer=\"198.51.100.1:179\"} 3.0")
        .contains("metallb_bgp_announced_prefixes_total{peer=\"198.51.100.1:179\"} 2.0")
        .contains("metallb_bgp_pending_prefixes_total{peer=\"198.51.100.1:179\"} 2.0");

    metrics.sessionDeleted("198.51.100.1:179");
    assertThat(scrape(registry)).doesNotContain("peer=\"198.51.100.1:179\"");
  }
}
