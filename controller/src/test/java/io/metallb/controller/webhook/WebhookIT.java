package io.metallb.controller.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhookBuilder;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhookConfigurationBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.metallb.api.v1beta1.IPAddressPool;
import io.metallb.api.v1beta1.IPAddressPoolSpec;
import io.metallb.config.BgpType;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Base64;
import java.util.List;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

/**
 * The webhooks over real HTTPS, with certificates kept by the rotator against the mock API
 * server: MetalLB's messages for refused objects, BGPPeer conversion, the CA bundle injected into
 * the ValidatingWebhookConfiguration and the CRD, renewal driven by a clock, a connection opened
 * before a renewal still answered after it, and HTTP/2 only with {@code --webhook-http2}.
 */
@EnableKubernetesMockClient(crud = true)
class WebhookIT {
  static final String NS = "metallb-system";
  KubernetesClient client;
  @TempDir Path certDir;
  WebhookServer server;

  /** A clock the test moves. */
  static final class TestClock implements InstantSource {
    Instant now = Instant.parse("2026-11-27T00:00:00Z");

    @Override
    public Instant instant() {
      return now;
    }
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  void installWebhookObjects() throws Exception {
    var hooks = WebhookServer.VALIDATION_PATHS.keySet().stream().sorted().map(path -> new ValidatingWebhookBuilder()
        .withName(path.substring(1) + ".metallb.io").withSideEffects("None").withAdmissionReviewVersions("v1")
        .withNewClientConfig().withNewService().withName("metallb-webhook-service").withNamespace(NS).withPath(path).endService().endClientConfig()
        .build()).toList();
    client.admissionRegistration().v1().validatingWebhookConfigurations()
        .resource(new ValidatingWebhookConfigurationBuilder().withNewMetadata().withName(CertRotator.WEBHOOK_CONFIGURATION).endMetadata().withWebhooks(hooks).build())
        .create();
    CustomResourceDefinition crd = client.getKubernetesSerialization().unmarshal(Files.readString(Path.of("..", "config", "crd", "metallb.io_bgppeers.yaml")), CustomResourceDefinition.class);
    client.apiextensions().v1().customResourceDefinitions().resource(crd).create();
  }

  static TrustManager[] caTrust(String caPem) throws Exception {
    X509Certificate ca = WebhookCertificates.certificate(caPem);
    KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
    store.load(null, null);
    store.setCertificateEntry("ca", ca);
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(store);
    return tmf.getTrustManagers();
  }

  static SSLContext trusting(String caPem) throws Exception {
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(null, caTrust(caPem), new SecureRandom());
    return ctx;
  }

  /**
   * Checks the server's chain against the CA but not its name, for java.net.http.HttpClient, which
   * always checks names: the certificate names the Service, the test dials 127.0.0.1.
   */
  static SSLContext trustingAnyName(String caPem) throws Exception {
    X509TrustManager ca = (X509TrustManager) caTrust(caPem)[0];
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(null, new TrustManager[] {new X509ExtendedTrustManager() {
      @Override
      public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        ca.checkServerTrusted(chain, authType);
      }

      @Override
      public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        ca.checkServerTrusted(chain, authType);
      }

      @Override
      public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        ca.checkServerTrusted(chain, authType);
      }

      @Override
      public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw new CertificateException("a client only");
      }

      @Override
      public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        throw new CertificateException("a client only");
      }

      @Override
      public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        throw new CertificateException("a client only");
      }

      @Override
      public X509Certificate[] getAcceptedIssuers() {
        return ca.getAcceptedIssuers();
      }
    }}, new SecureRandom());
    return ctx;
  }

  static SSLContext acceptingAnything() throws Exception {
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(null, new javax.net.ssl.TrustManager[] {new javax.net.ssl.X509TrustManager() {
      @Override
      public void checkClientTrusted(X509Certificate[] chain, String authType) {}

      @Override
      public void checkServerTrusted(X509Certificate[] chain, String authType) {}

      @Override
      public X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[0];
      }
    }}, new SecureRandom());
    return ctx;
  }

  JsonNode post(SSLContext tls, String path, String body) throws Exception {
    HttpsURLConnection c = (HttpsURLConnection) URI.create("https://127.0.0.1:" + server.port() + path).toURL().openConnection();
    c.setSSLSocketFactory(tls.getSocketFactory());
    c.setHostnameVerifier((host, session) -> true); // the certificate names the Service, the test dials 127.0.0.1
    c.setRequestMethod("POST");
    c.setDoOutput(true);
    c.setRequestProperty("Content-Type", "application/json");
    try (OutputStream out = c.getOutputStream()) {
      out.write(body.getBytes(StandardCharsets.UTF_8));
    }
    assertThat(c.getResponseCode()).isEqualTo(200);
    return Reviews.JSON.readTree(c.getInputStream());
  }

  static String review(String kind, String version, String operation, String object) {
    return "{\"apiVersion\":\"admission.k8s.io/v1\",\"kind\":\"AdmissionReview\",\"request\":{\"uid\":\"uid-1\",\"kind\":{\"group\":\"metallb.io\",\"version\":\""
        + version + "\",\"kind\":\"" + kind + "\"},\"operation\":\"" + operation + "\",\"" + (operation.equals("DELETE") ? "oldObject" : "object") + "\":" + object + "}}";
  }

  @Test
  void admissionAndConversionOverHttpsWithInjectedCa() throws Exception {
    installWebhookObjects();
    IPAddressPool existing = new IPAddressPool();
    existing.setMetadata(new io.fabric8.kubernetes.api.model.ObjectMetaBuilder().withName("a").withNamespace(NS).build());
    existing.setSpec(new IPAddressPoolSpec(List.of("198.51.100.0/24"), null, null, null));
    client.resources(IPAddressPool.class).inNamespace(NS).resource(existing).create();

    ReloadingKeyManager keys = new ReloadingKeyManager();
    CertRotator rotator = new CertRotator(client, NS, "metallb-webhook-cert", "metallb-webhook-service", certDir, new TestClock(), new SecureRandom(), keys);
    WebhookCertificates certs = rotator.ensure();
    assertThat(client.secrets().inNamespace(NS).withName("metallb-webhook-cert").get().getData()).containsKeys("ca.crt", "ca.key", "tls.crt", "tls.key");
    assertThat(Files.readString(certDir.resolve("tls.crt"))).isEqualTo(certs.cert());
    String bundle = Base64.getEncoder().encodeToString(certs.caCert().getBytes(StandardCharsets.US_ASCII));
    assertThat(client.admissionRegistration().v1().validatingWebhookConfigurations().withName(CertRotator.WEBHOOK_CONFIGURATION).get().getWebhooks())
        .allSatisfy(w -> assertThat(w.getClientConfig().getCaBundle()).isEqualTo(bundle));
    assertThat(client.apiextensions().v1().customResourceDefinitions().withName(CertRotator.BGPPEER_CRD).get()
        .getSpec().getConversion().getWebhook().getClientConfig().getCaBundle()).isEqualTo(bundle);

    server = new WebhookServer(new InetSocketAddress("127.0.0.1", 0), keys, "", new AdmissionValidator(NS, BgpType.NATIVE), ExistingObjects.lister(client, NS));
    SSLContext tls = trusting(certs.caCert());

    JsonNode denied = post(tls, "/validate-metallb-io-v1beta1-ipaddresspool", review("IPAddressPool", "v1beta1", "CREATE",
        "{\"apiVersion\":\"metallb.io/v1beta1\",\"kind\":\"IPAddressPool\",\"metadata\":{\"name\":\"b\",\"namespace\":\"metallb-system\"},\"spec\":{\"addresses\":[\"198.51.100.0/25\"]}}"));
    assertThat(denied.path("response").path("uid").asString()).isEqualTo("uid-1");
    assertThat(denied.path("response").path("allowed").asBoolean()).isFalse();
    assertThat(denied.path("response").path("status").path("message").asString())
        .isEqualTo("CIDR \"198.51.100.0/25\" in pool \"b\" overlaps with already defined CIDR \"198.51.100.0/24\"");

    JsonNode allowed = post(tls, "/validate-metallb-io-v1beta1-ipaddresspool", review("IPAddressPool", "v1beta1", "CREATE",
        "{\"apiVersion\":\"metallb.io/v1beta1\",\"kind\":\"IPAddressPool\",\"metadata\":{\"name\":\"b\",\"namespace\":\"metallb-system\"},\"spec\":{\"addresses\":[\"203.0.113.0/25\"]}}"));
    assertThat(allowed.path("response").path("allowed").asBoolean()).isTrue();

    JsonNode wrongNamespace = post(tls, "/validate-metallb-io-v1beta2-bgppeer", review("BGPPeer", "v1beta2", "CREATE",
        "{\"apiVersion\":\"metallb.io/v1beta2\",\"kind\":\"BGPPeer\",\"metadata\":{\"name\":\"p\",\"namespace\":\"default\"},\"spec\":{\"myASN\":64500,\"peerASN\":64501,\"peerAddress\":\"192.0.2.1\"}}"));
    assertThat(wrongNamespace.path("response").path("status").path("message").asString()).isEqualTo("resource must be created in metallb-system namespace");

    for (String path : List.of("/validate-metallb-io-v1beta1-l2advertisement", "/validate-metallb-io-v1beta1-bgpadvertisement", "/validate-metallb-io-v1beta1-community", "/validate-metallb-io-v1beta1-bfdprofile")) {
      String kind = WebhookServer.VALIDATION_PATHS.get(path);
      JsonNode r = post(tls, path, review(kind, "v1beta1", "CREATE",
          "{\"apiVersion\":\"metallb.io/v1beta1\",\"kind\":\"" + kind + "\",\"metadata\":{\"name\":\"x\",\"namespace\":\"metallb-system\"},\"spec\":{}}"));
      assertThat(r.path("response").path("allowed").asBoolean()).as(path).isTrue();
    }

    JsonNode conversion = post(tls, "/convert", "{\"apiVersion\":\"apiextensions.k8s.io/v1\",\"kind\":\"ConversionReview\",\"request\":{\"uid\":\"c\",\"desiredAPIVersion\":\"metallb.io/v1beta2\","
        + "\"objects\":[{\"apiVersion\":\"metallb.io/v1beta1\",\"kind\":\"BGPPeer\",\"metadata\":{\"name\":\"p\"},\"spec\":{\"myASN\":1,\"peerASN\":2,\"peerAddress\":\"192.0.2.1\"}}]}}");
    assertThat(conversion.path("response").path("convertedObjects").get(0).path("apiVersion").asString()).isEqualTo("metallb.io/v1beta2");
  }

  static HttpResponse<byte[]> send(HttpClient http, int port, String path, String body) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + port + path)).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  @ParameterizedTest(name = "--webhook-http2={0}")
  @ValueSource(booleans = {false, true})
  void http2OnlyWithTheFlag(boolean http2) throws Exception {
    installWebhookObjects();
    TestClock clock = new TestClock();
    ReloadingKeyManager keys = new ReloadingKeyManager();
    CertRotator rotator = new CertRotator(client, NS, "metallb-webhook-cert", "metallb-webhook-service", certDir, clock, new SecureRandom(), keys);
    WebhookCertificates certs = rotator.ensure();
    server = new WebhookServer(new InetSocketAddress("127.0.0.1", 0), keys, "", http2, new AdmissionValidator(NS, BgpType.NATIVE), ExistingObjects.lister(client, NS));
    HttpClient.Version expected = http2 ? HttpClient.Version.HTTP_2 : HttpClient.Version.HTTP_1_1;

    try (HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).sslContext(trustingAnyName(certs.caCert())).build()) {
      HttpResponse<byte[]> denied = send(http, server.port(), "/validate-metallb-io-v1beta2-bgppeer", review("BGPPeer", "v1beta2", "CREATE",
          "{\"apiVersion\":\"metallb.io/v1beta2\",\"kind\":\"BGPPeer\",\"metadata\":{\"name\":\"p\",\"namespace\":\"default\"},\"spec\":{\"myASN\":64500,\"peerASN\":64501,\"peerAddress\":\"192.0.2.1\"}}"));
      assertThat(denied.version()).isEqualTo(expected);
      assertThat(denied.statusCode()).isEqualTo(200);
      assertThat(denied.headers().firstValue("Content-Type")).hasValue("application/json");
      JsonNode deniedReview = Reviews.JSON.readTree(denied.body());
      assertThat(deniedReview.path("response").path("uid").asString()).isEqualTo("uid-1");
      assertThat(deniedReview.path("response").path("allowed").asBoolean()).isFalse();
      assertThat(deniedReview.path("response").path("status").path("message").asString()).isEqualTo("resource must be created in metallb-system namespace");

      // Larger than an HTTP/2 stream's initial window and than one TLS record.
      String note = "x".repeat(100 * 1024);
      String large = review("IPAddressPool", "v1beta1", "CREATE", "{\"apiVersion\":\"metallb.io/v1beta1\",\"kind\":\"IPAddressPool\",\"metadata\":{\"name\":\"big\",\"namespace\":\"metallb-system\","
          + "\"annotations\":{\"note\":\"" + note + "\"}},\"spec\":{\"addresses\":[\"203.0.113.0/25\"]}}");
      assertThat(large.length()).isGreaterThan(64 * 1024);
      HttpResponse<byte[]> allowed = send(http, server.port(), "/validate-metallb-io-v1beta1-ipaddresspool", large);
      assertThat(allowed.version()).isEqualTo(expected);
      JsonNode allowedReview = Reviews.JSON.readTree(allowed.body());
      assertThat(allowedReview.path("response").path("uid").asString()).isEqualTo("uid-1");
      assertThat(allowedReview.path("response").path("allowed").asBoolean()).isTrue();

      // The renewed certificate starts in the test clock's future, so only the open connection can answer.
      clock.now = clock.now.plus(WebhookCertificates.CERT_VALIDITY);
      assertThat(rotator.ensure()).isNotEqualTo(certs);
      HttpResponse<byte[]> conversion = send(http, server.port(), WebhookServer.CONVERSION_PATH,
          "{\"apiVersion\":\"apiextensions.k8s.io/v1\",\"kind\":\"ConversionReview\",\"request\":{\"uid\":\"c\",\"desiredAPIVersion\":\"metallb.io/v1beta2\",\"objects\":[]}}");
      assertThat(conversion.version()).isEqualTo(expected);
      assertThat(Reviews.JSON.readTree(conversion.body()).path("response").path("result").path("status").asString()).isEqualTo("Success");
    }
  }

  @Test
  void renewalBeforeExpiryKeepsOpenConnectionsWorking() throws Exception {
    installWebhookObjects();
    TestClock clock = new TestClock();
    ReloadingKeyManager keys = new ReloadingKeyManager();
    CertRotator rotator = new CertRotator(client, NS, "metallb-webhook-cert", "metallb-webhook-service", certDir, clock, new SecureRandom(), keys);
    WebhookCertificates first = rotator.ensure();
    server = new WebhookServer(new InetSocketAddress("127.0.0.1", 0), keys, "VersionTLS12", new AdmissionValidator(NS, BgpType.NATIVE), ExistingObjects.lister(client, NS));

    clock.now = clock.now.plus(Duration.ofDays(100));
    assertThat(rotator.ensure()).as("nothing to renew yet").isEqualTo(first);

    try (SSLSocket old = (SSLSocket) trusting(first.caCert()).getSocketFactory().createSocket("127.0.0.1", server.port())) {
      old.startHandshake();
      assertThat(((X509Certificate) old.getSession().getPeerCertificates()[0])).isEqualTo(first.servingCertificate());

      clock.now = clock.now.plus(WebhookCertificates.CERT_VALIDITY);
      WebhookCertificates second = rotator.ensure();
      assertThat(second).isNotEqualTo(first);
      assertThat(client.admissionRegistration().v1().validatingWebhookConfigurations().withName(CertRotator.WEBHOOK_CONFIGURATION).get().getWebhooks().get(0)
          .getClientConfig().getCaBundle()).isEqualTo(Base64.getEncoder().encodeToString(second.caCert().getBytes(StandardCharsets.US_ASCII)));

      String body = "{\"request\":{\"uid\":\"c\",\"desiredAPIVersion\":\"metallb.io/v1beta2\",\"objects\":[]}}";
      OutputStream out = old.getOutputStream();
      out.write(("POST /convert HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: " + body.length() + "\r\n\r\n" + body).getBytes(StandardCharsets.UTF_8));
      out.flush();
      BufferedReader in = new BufferedReader(new InputStreamReader(old.getInputStream(), StandardCharsets.UTF_8));
      assertThat(in.readLine()).as("the connection opened before the renewal still works").isEqualTo("HTTP/1.1 200 OK");

      // The renewed certificate starts in the test clock's future: accept it unverified, compare it.
      try (SSLSocket fresh = (SSLSocket) acceptingAnything().getSocketFactory().createSocket("127.0.0.1", server.port())) {
        fresh.startHandshake();
        assertThat(((X509Certificate) fresh.getSession().getPeerCertificates()[0])).isEqualTo(second.servingCertificate());
      }
    }
  }
}
