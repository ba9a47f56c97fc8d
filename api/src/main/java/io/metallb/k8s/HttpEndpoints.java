package io.metallb.k8s;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

/**
 * The health probes ({@code /healthz}, {@code /readyz}, plain HTTP) and the Prometheus endpoint
 * ({@code /metrics}): HTTPS with bearer-token authentication and authorization (spec §13.1) when
 * given a {@link Security}, else plain HTTP (tests). The JDK's built-in server is enough for
 * three fixed endpoints. A null address turns an endpoint off. Requests are served on the
 * servers' own threads; the reviews block one of them while the API server answers.
 */
public final class HttpEndpoints implements AutoCloseable {
  private final HttpServer health;
  private final HttpServer metrics;

  /** How {@code /metrics} is protected: TLS with these protocols, and who may read it. */
  public record Security(SSLContext tls, String[] protocols, String[] cipherSuites, String[] namedGroups, MetricsAccess.Reviews reviews) {
    /**
     * As MetalLB's binaries: the certificate of {@code certDir} or a self-signed one, the
     * protocols of {@code tlsMinVersion}, the {@code --tls-cipher-suites} and
     * {@code --tls-curve-preferences}, and readers checked by {@code client}'s API server.
     *
     * @throws IllegalArgumentException for an unknown TLS flag value
     */
    public static Security of(KubernetesClient client, String certDir, String tlsMinVersion, String cipherSuites, String curves,
        String component) throws IOException {
      String[] protocols = MetricsTls.protocols(tlsMinVersion);
      return new Security(MetricsTls.serverContext(certDir, "metallb-" + component + "-metrics"), protocols,
          MetricsTls.cipherSuites(cipherSuites, protocols), MetricsTls.namedGroups(curves), MetricsAccess.kubernetes(client));
    }
  }

  /** Plain-HTTP metrics, readable by anyone (tests). */
  public HttpEndpoints(InetSocketAddress healthAddress, InetSocketAddress metricsAddress, PrometheusRegistry registry) throws IOException {
    this(healthAddress, metricsAddress, registry, null);
  }

  /** HTTPS metrics behind {@code security} (null: plain HTTP, readable by anyone). */
  public HttpEndpoints(InetSocketAddress healthAddress, InetSocketAddress metricsAddress, PrometheusRegistry registry, Security security)
      throws IOException {
    health = healthAddress == null ? null : HttpServer.create(healthAddress, 0);
    if (health != null) {
      health.createContext("/healthz", ex -> reply(ex, "text/plain", "ok".getBytes(StandardCharsets.UTF_8)));
      health.createContext("/readyz", ex -> reply(ex, "text/plain", "ok".getBytes(StandardCharsets.UTF_8)));
      health.start();
    }
    metrics = metricsAddress == null ? null : security == null ? HttpServer.create(metricsAddress, 0) : https(metricsAddress, security);
    if (metrics != null) {
      metrics.createContext("/metrics", ex -> {
        if (security != null) {
          MetricsAccess.Decision decision = MetricsAccess.decide(ex.getRequestHeaders().getFirst("Authorization"), "/metrics", security.reviews());
          if (!decision.allowed()) {
            byte[] body = (decision.body() + "\n").getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
            ex.sendResponseHeaders(decision.status(), body.length);
            try (OutputStream out = ex.getResponseBody()) {
              out.write(body);
            }
            return;
          }
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        PrometheusTextFormatWriter.create().write(body, registry.scrape());
        reply(ex, PrometheusTextFormatWriter.CONTENT_TYPE, body.toByteArray());
      });
      metrics.start();
    }
  }

  private static HttpsServer https(InetSocketAddress address, Security security) throws IOException {
    HttpsServer server = HttpsServer.create(address, 0);
    server.setHttpsConfigurator(new HttpsConfigurator(security.tls()) {
      @Override
      public void configure(HttpsParameters params) {
        SSLParameters ssl = security.tls().getDefaultSSLParameters();
        ssl.setProtocols(security.protocols());
        if (security.cipherSuites().length > 0) {
          ssl.setCipherSuites(security.cipherSuites());
        }
        if (security.namedGroups().length > 0) {
          ssl.setNamedGroups(security.namedGroups());
        }
        params.setSSLParameters(ssl);
      }
    });
    // Four threads, so that a slow review does not hold up the next scrape.
    server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(4, r -> {
      Thread t = new Thread(r, "metallb-metrics");
      t.setDaemon(true);
      return t;
    }));
    return server;
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
