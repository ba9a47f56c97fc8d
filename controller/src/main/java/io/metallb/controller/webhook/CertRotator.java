package io.metallb.controller.webhook;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.InstantSource;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the webhook certificates valid (spec §16): in Secret {@code --webhook-secret}, renewed well
 * before expiry, written to {@code --cert-dir}, served through the {@link ReloadingKeyManager}, and
 * the CA injected into the ValidatingWebhookConfiguration and the BGPPeer CRD's conversion. Call
 * {@link #ensure()} at start and periodically; not thread-safe.
 */
public final class CertRotator {
  private static final Logger log = LoggerFactory.getLogger(CertRotator.class);
  public static final String WEBHOOK_CONFIGURATION = "metallb-webhook-configuration";
  public static final String BGPPEER_CRD = "bgppeers.metallb.io";

  private final KubernetesClient client;
  private final String namespace;
  private final String secretName;
  private final String dnsName;
  private final Path certDir;
  private final InstantSource clock;
  private final SecureRandom random;
  private final ReloadingKeyManager keys;

  public CertRotator(KubernetesClient client, String namespace, String secretName, String serviceName, Path certDir,
      InstantSource clock, SecureRandom random, ReloadingKeyManager keys) {
    this.client = client;
    this.namespace = namespace;
    this.secretName = secretName;
    this.dnsName = serviceName + "." + namespace + ".svc";
    this.certDir = certDir;
    this.clock = clock;
    this.random = random;
    this.keys = keys;
  }

  /** The name the serving certificate is for, {@code <service>.<namespace>.svc}. */
  public String dnsName() {
    return dnsName;
  }

  /** Renews when needed, serves the current certificates and injects their CA. */
  public WebhookCertificates ensure() {
    Secret secret = client.secrets().inNamespace(namespace).withName(secretName).get();
    WebhookCertificates current = secret == null ? null : fromSecret(secret);
    Optional<String> reason = current == null ? Optional.of("no certificates yet") : current.renewalReason(dnsName, clock.instant());
    if (reason.isPresent()) {
      WebhookCertificates fresh = WebhookCertificates.generate(dnsName, clock.instant(), random);
      Secret written = new SecretBuilder().withNewMetadata().withName(secretName).withNamespace(namespace).endMetadata()
          .withType("Opaque").withData(Map.of(
              "ca.crt", b64(fresh.caCert()), "ca.key", b64(fresh.caKey()), "tls.crt", b64(fresh.cert()), "tls.key", b64(fresh.key())))
          .build();
      client.secrets().inNamespace(namespace).resource(written).createOr(existing -> existing.update());
      log.atInfo().addKeyValue("op", "certRotation").addKeyValue("reason", reason.get()).log("webhook certificates renewed");
      current = fresh;
    }
    install(current);
    injectCaBundle(current.caCert());
    return current;
  }

  /** Serves {@code tls.crt}/{@code tls.key} (and {@code ca.crt}) from the cert dir; for --disable-cert-rotation. */
  public static WebhookCertificates fromCertDir(Path certDir, ReloadingKeyManager keys) throws IOException {
    String cert = Files.readString(certDir.resolve("tls.crt"));
    String key = Files.readString(certDir.resolve("tls.key"));
    Path ca = certDir.resolve("ca.crt");
    WebhookCertificates c = new WebhookCertificates(Files.exists(ca) ? Files.readString(ca) : cert, key, cert, key);
    keys.install(c);
    return c;
  }

  private void install(WebhookCertificates c) {
    if (c.equals(keys.installed())) {
      return;
    }
    keys.install(c);
    try {
      Files.createDirectories(certDir);
      Files.writeString(certDir.resolve("tls.crt"), c.cert());
      Files.writeString(certDir.resolve("tls.key"), c.key());
      Files.writeString(certDir.resolve("ca.crt"), c.caCert());
    } catch (IOException e) {
      // In a pod the cert dir is the Secret itself, mounted read-only (as MetalLB's manifests do):
      // the kubelet brings the files up to date, and the server already serves from memory.
      log.atDebug().addKeyValue("op", "certRotation").addKeyValue("dir", certDir.toString()).addKeyValue("error", e.toString())
          .log("cert dir not writable; serving the certificates from memory");
    }
  }

  private void injectCaBundle(String caPem) {
    String bundle = b64(caPem);
    try {
      var vwc = client.admissionRegistration().v1().validatingWebhookConfigurations().withName(WEBHOOK_CONFIGURATION);
      var current = vwc.get();
      if (current != null && current.getWebhooks().stream().anyMatch(w -> w.getClientConfig() == null || !bundle.equals(w.getClientConfig().getCaBundle()))) {
        vwc.edit(v -> {
          v.getWebhooks().forEach(w -> {
            if (w.getClientConfig() != null) {
              w.getClientConfig().setCaBundle(bundle);
            }
          });
          return v;
        });
      }
      var crd = client.apiextensions().v1().customResourceDefinitions().withName(BGPPEER_CRD);
      var definition = crd.get();
      if (definition != null && definition.getSpec().getConversion() != null && definition.getSpec().getConversion().getWebhook() != null
          && !Objects.equals(bundle, definition.getSpec().getConversion().getWebhook().getClientConfig().getCaBundle())) {
        crd.edit(d -> {
          d.getSpec().getConversion().getWebhook().getClientConfig().setCaBundle(bundle);
          return d;
        });
      }
    } catch (KubernetesClientException e) {
      log.atWarn().addKeyValue("op", "certRotation").addKeyValue("error", e.getMessage()).log("failed to inject the CA bundle");
    }
  }

  private static WebhookCertificates fromSecret(Secret s) {
    Map<String, String> d = s.getData() == null ? Map.of() : s.getData();
    if (!d.keySet().containsAll(java.util.List.of("ca.crt", "ca.key", "tls.crt", "tls.key"))) {
      return null;
    }
    return new WebhookCertificates(unb64(d.get("ca.crt")), unb64(d.get("ca.key")), unb64(d.get("tls.crt")), unb64(d.get("tls.key")));
  }

  private static String b64(String s) {
    return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.US_ASCII));
  }

  private static String unb64(String s) {
    return new String(Base64.getDecoder().decode(s.strip()), StandardCharsets.US_ASCII);
  }
}
