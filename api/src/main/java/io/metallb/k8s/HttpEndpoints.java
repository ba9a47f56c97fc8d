package io.metallb.k8s;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * The health probes ({@code /healthz}, {@code /readyz}) and the Prometheus endpoint
 * ({@code /metrics}). We use the JDK's built-in HTTP server: three fixed plain-text endpoints need
 * no framework. A null address turns an endpoint off.
 */
public final class HttpEndpoints implements AutoCloseable {
  private final HttpServer health;
  private final HttpServer metrics;

  public HttpEndpoints(InetSocketAddress healthAddress, InetSocketAddress metricsAddress, PrometheusRegistry registry) throws IOException {
    health = healthAddress == null ? null : HttpServer.create(healthAddress, 0);
    if (health != null) {
      health.createContext("/healthz", ex -> reply(ex, "text/plain", "ok".getBytes(StandardCharsets.UTF_8)));
      health.createContext("/readyz", ex -> reply(ex, "text/plain", "ok".getBytes(StandardCharsets.UTF_8)));
      health.start();
    }
    metrics = metricsAddress == null ? null : HttpServer.create(metricsAddress, 0);
    if (metrics != null) {
      metrics.createContext("/metrics", ex -> {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        PrometheusTextFormatWriter.create().write(body, registry.scrape());
        reply(ex, PrometheusTextFormatWriter.CONTENT_TYPE, body.toByteArray());
      });
      metrics.start();
    }
  }

  public int healthPort() {
    return health.getAddress().getPort();
  }

  public int metricsPort() {
    return metrics.getAddress().getPort();
  }

  private static void reply(HttpExchange ex, String type, byte[] body) throws IOException {
    ex.getResponseHeaders().set("Content-Type", type);
    ex.sendResponseHeaders(200, body.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(body);
    }
  }

  @Override
  public void close() {
    if (health != null) {
      health.stop(0);
    }
    if (metrics != null) {
      metrics.stop(0);
    }
  }
}
