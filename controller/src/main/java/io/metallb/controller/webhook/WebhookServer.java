package io.metallb.controller.webhook;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.security.GeneralSecurityException;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import tools.jackson.databind.JsonNode;

/**
 * The HTTPS endpoint of MetalLB's validating webhooks and of the BGPPeer conversion webhook, at
 * MetalLB's paths. The JDK's HTTPS server is enough for a few JSON POST endpoints and speaks
 * HTTP/1.1 only, which is what MetalLB serves unless {@code --webhook-http2}. Certificates come
 * from a {@link ReloadingKeyManager}, so rotation needs no restart.
 */
public final class WebhookServer implements AutoCloseable {
  /** Path → the kind it validates. */
  public static final Map<String, String> VALIDATION_PATHS = Map.of(
      "/validate-metallb-io-v1beta1-ipaddresspool", "IPAddressPool",
      "/validate-metallb-io-v1beta1-l2advertisement", "L2Advertisement",
      "/validate-metallb-io-v1beta1-bgpadvertisement", "BGPAdvertisement",
      "/validate-metallb-io-v1beta1-community", "Community",
      "/validate-metallb-io-v1beta2-bgppeer", "BGPPeer",
      "/validate-metallb-io-v1beta1-bfdprofile", "BFDProfile");
  public static final String CONVERSION_PATH = "/convert";

  private final HttpsServer server;

  /**
   * @param tlsMinVersion {@code VersionTLS12} (default when empty) or {@code VersionTLS13}
   * @param existing lists the objects of MetalLB's namespace, uncached, for each request
   */
  public WebhookServer(InetSocketAddress address, ReloadingKeyManager keys, String tlsMinVersion, AdmissionValidator validator,
      Supplier<AdmissionValidator.Existing> existing) throws IOException, GeneralSecurityException {
    SSLContext tls = SSLContext.getInstance("TLS");
    tls.init(new KeyManager[] {keys}, null, null);
    List<String> protocols = switch (tlsMinVersion) {
      case "", "VersionTLS12" -> List.of("TLSv1.3", "TLSv1.2");
      case "VersionTLS13" -> List.of("TLSv1.3");
      default -> throw new IllegalArgumentException("unknown TLS version " + tlsMinVersion + " (VersionTLS12 or VersionTLS13)");
    };
    server = HttpsServer.create(address, 0);
    server.setHttpsConfigurator(new HttpsConfigurator(tls) {
      @Override
      public void configure(HttpsParameters params) {
        SSLParameters p = tls.getDefaultSSLParameters();
        p.setProtocols(protocols.toArray(String[]::new));
        p.setApplicationProtocols(new String[] {"http/1.1"});
        params.setSSLParameters(p);
      }
    });
    VALIDATION_PATHS.keySet().forEach(path -> server.createContext(path,
        ex -> respond(ex, review -> Reviews.admissionResponse(review, (kind, op, object) -> validator.validate(kind, op, object, existing.get())))));
    server.createContext(CONVERSION_PATH, ex -> respond(ex, Reviews::conversionResponse));
    server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(2, r -> {
      Thread t = new Thread(r, "metallb-webhook");
      t.setDaemon(true);
      return t;
    }));
    server.start();
  }

  public int port() {
    return server.getAddress().getPort();
  }

  private static void respond(HttpExchange ex, java.util.function.Function<JsonNode, JsonNode> handler) throws IOException {
    byte[] body;
    int code;
    try (InputStream in = ex.getRequestBody()) {
      if (!ex.getRequestMethod().equals("POST")) {
        code = 405;
        body = new byte[0];
      } else {
        body = Reviews.JSON.writeValueAsBytes(handler.apply(Reviews.JSON.readTree(in)));
        code = 200;
      }
    } catch (RuntimeException e) {
      code = 400;
      body = ("cannot read the review: " + e.getMessage()).getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }
    ex.getResponseHeaders().set("Content-Type", code == 200 ? "application/json" : "text/plain");
    ex.sendResponseHeaders(code, body.length == 0 ? -1 : body.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(body);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
