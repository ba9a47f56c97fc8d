package io.metallb.speaker.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import io.metallb.speaker.bfd.DropReason;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import org.junit.jupiter.api.Test;

/** {@link PrometheusBfdMetrics}: spec §13.3 names exactly (no {@code _total} suffix), {@code peer} label, series removed with the session. */
class BfdPrometheusMetricsTest {
  @Test
  void seriesCarryMetallbsNamesAndPeerLabel() throws Exception {
    PrometheusRegistry registry = new PrometheusRegistry();
    PrometheusBfdMetrics metrics = new PrometheusBfdMetrics(registry);
    metrics.sessionCreated("198.51.100.1");
    assertThat(PrometheusBgpMetricsTest.scrape(registry)).contains("metallb_bfd_session_up{peer=\"198.51.100.1\"} 0.0");
    metrics.sessionUp("198.51.100.1", true);
    metrics.sessionEvent("198.51.100.1", true);
    metrics.sessionEvent("198.51.100.1", false);
    metrics.packetReceived("198.51.100.1");
    metrics.packetSent("198.51.100.1");
    metrics.packetSent("198.51.100.1");
    metrics.packetDropped(DropReason.BAD_VERSION);
    String text = PrometheusBgpMetricsTest.scrape(registry);
    assertThat(text)
        .contains("metallb_bfd_session_up{peer=\"198.51.100.1\"} 1.0")
        .contains("metallb_bfd_control_packet_input{peer=\"198.51.100.1\"} 1.0")
        .contains("metallb_bfd_control_packet_output{peer=\"198.51.100.1\"} 2.0")
        .contains("metallb_bfd_session_up_events{peer=\"198.51.100.1\"} 1.0")
        .contains("metallb_bfd_session_down_events{peer=\"198.51.100.1\"} 1.0")
        .contains("metallb_bfd_control_packet_dropped_total{reason=\"bad_version\"} 1.0");
    metrics.sessionDeleted("198.51.100.1");
    assertThat(PrometheusBgpMetricsTest.scrape(registry)).doesNotContain("peer=\"198.51.100.1\"");
  }
}
