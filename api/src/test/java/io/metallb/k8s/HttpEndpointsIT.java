package io.metallb.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.StringWriter;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Date;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** /metrics over HTTPS on loopback: bearer tokens reviewed, TLS 1.3 by default, a certificate directory honoured. */
class HttpEndpointsIT {
  @TempDir Path dir;

  static PrometheusRegistry registry() {
    PrometheusRegistry registry = new PrometheusRegistry();
    Gauge.builder().name("metallb_k8s_client_config_loaded_bool").help("loaded").register(registry).set(1);
    return registry;
  }

  /** Trusts any server certificate: the test checks the server's behaviour, not the PKI. */
  static HttpClient client(String... protocols) throws Exception {
    SSLContext trustAll = SSLContext.getInstance("TLS");
    // An X509ExtendedTrustManager, so that the JDK does not add its host-name check either.
    trustAll.init(null, new TrustManager[] {new X509ExtendedTrustManager() {
      @Override
      public void checkClientTrusted(X509Certificate[] chain, String authType) { }

      @Override
      public void checkServerTrusted(X509Certificate[] chain, String authType) { }

      @Override
      public void checkClientTrusted(X509Certificate[] chain, String authType, java.net.Socket socket) { }

      @Override
      public void checkServerTrusted(X509Certificate[] chain, String authType, java.net.Socket socket) { }

      @Override
      public void checkClientTrusted(X509Certificate[] chain, String authType, javax.net.ssl.SSLEngine engine) { }

      @Override
      public void checkServerTrusted(X509Certificate[] chain, String authType, javax.net.ssl.SSLEngine engine) { }

      @Override
      public X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[0];
      }
    }}, null);
    SSLParameters params = new SSLParameters();
    params.setProtocols(protocols);
    return HttpClient.newBuilder().sslContext(trustAll).sslParameters(params).build();
  }

  static HttpResponse<String> get(HttpClient http, int port, String token) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + port + "/metrics"));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void metricsNeedAnAuthorizedTokenOverTls13() throws Exception {
    HttpEndpoints.Security security = new HttpEndpoints.Security(MetricsTls.serverContext("", "metallb-test-metrics"),
        MetricsTls.protocols(""), new String[0], new String[0], MetricsAccessTest.REVIEWS);
    try (HttpEndpoints endpoints = new HttpEndpoints(null, new InetSocketAddress("127.0.0.1", 0), registry(), security)) {
      HttpClient http = client("TLSv1.3", "TLSv1.2");
      assertThat(get(http, endpoints.metricsPort(), null).statusCode()).isEqualTo(401);
      assertThat(get(http, endpoints.metricsPort(), "other").statusCode()).isEqualTo(403);
      HttpResponse<String> ok = get(http, endpoints.metricsPort(), "good");
      assertThat(ok.statusCode()).isEqualTo(200);
      assertThat(ok.body()).contains("metallb_k8s_client_config_loaded_bool 1.0");
      assertThatThrownBy(() -> get(client("TLSv1.2"), endpoints.metricsPort(), "good")).isInstanceOf(SSLHandshakeException.class);
    }
  }

  @Test
  void aCertificateDirectoryIsServed() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    KeyPair pair = generator.generateKeyPair();
    X500Name name = new X500Name("CN=metrics.example");
    X509Certificate cert = new JcaX509CertificateConverter().getCertificate(new JcaX509v3CertificateBuilder(name, BigInteger.ONE,
        Date.from(Instant.now().minusSeconds(60)), Date.from(Instant.now().plusSeconds(3600)), name, pair.getPublic())
        .build(new JcaContentSignerBuilder("SHA256withRSA").build(pair.getPrivate())));
    Files.writeString(dir.resolve("tls.crt"), pem(cert));
    Files.writeString(dir.resolve("tls.key"), pem(pair.getPrivate()));
    HttpEndpoints.Security security = new HttpEndpoints.Security(MetricsTls.serverContext(dir.toString(), "unused"),
        MetricsTls.protocols("VersionTLS12"), new String[0], new String[0], MetricsAccessTest.REVIEWS);
    try (HttpEndpoints endpoints = new HttpEndpoints(null, new InetSocketAddress("127.0.0.1", 0), registry(), security)) {
      HttpResponse<String> ok = get(client("TLSv1.2"), endpoints.metricsPort(), "good");
      assertThat(ok.statusCode()).isEqualTo(200);
      X509Certificate served = (X509Certificate) ok.sslSession().orElseThrow().getPeerCertificates()[0];
      assertThat(served).isEqualTo(cert);
    }
  }

  private static String pem(Object o) throws Exception {
    StringWriter out = new StringWriter();
    try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
      writer.writeObject(o);
    }
    return out.toString();
  }
}
