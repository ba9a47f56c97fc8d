package io.metallb.controller.webhook;

import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * Serves whichever certificate was installed last: new TLS handshakes get the new one, connections
 * already open keep theirs. Thread-safe.
 */
public final class ReloadingKeyManager extends X509ExtendedKeyManager {
  private static final String ALIAS = "webhook";
  private final AtomicReference<WebhookCertificates> current = new AtomicReference<>();

  public void install(WebhookCertificates certificates) {
    current.set(certificates);
  }

  public WebhookCertificates installed() {
    return current.get();
  }

  @Override
  public String[] getClientAliases(String keyType, Principal[] issuers) {
    return null;
  }

  @Override
  public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
    return null;
  }

  @Override
  public String[] getServerAliases(String keyType, Principal[] issuers) {
    return current.get() == null ? null : new String[] {ALIAS};
  }

  @Override
  public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
    return current.get() == null ? null : ALIAS;
  }

  @Override
  public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
    return current.get() == null ? null : ALIAS;
  }

  @Override
  public X509Certificate[] getCertificateChain(String alias) {
    WebhookCertificates c = current.get();
    return c == null ? null : new X509Certificate[] {c.servingCertificate(), c.caCertificate()};
  }

  @Override
  public PrivateKey getPrivateKey(String alias) {
    WebhookCertificates c = current.get();
    return c == null ? null : c.servingKey();
  }
}
