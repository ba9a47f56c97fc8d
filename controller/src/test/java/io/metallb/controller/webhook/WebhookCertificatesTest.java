package io.metallb.controller.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class WebhookCertificatesTest {
  static final Instant NOW = Instant.parse("2026-11-27T00:00:00Z");
  static final String DNS = "metallb-webhook-service.metallb-system.svc";

  @Test
  void freshCertificatesServeAndAreRenewedWellBeforeExpiry() throws Exception {
    WebhookCertificates c = WebhookCertificates.generate(DNS, NOW, new SecureRandom(new byte[] {1}));
    assertThat(c.renewalReason(DNS, NOW)).isEmpty();
    assertThat(c.caCertificate().getSubjectX500Principal().getName()).isEqualTo("CN=cert,O=metallb");
    assertThat(c.servingCertificate().getSubjectAlternativeNames()).anySatisfy(n -> assertThat(n.get(1)).isEqualTo(DNS));
    c.servingCertificate().verify(c.caCertificate().getPublicKey());
    Instant renewal = NOW.plus(WebhookCertificates.CERT_VALIDITY).minus(WebhookCertificates.RENEW_BEFORE);
    assertThat(c.renewalReason(DNS, renewal.minus(Duration.ofDays(1)))).isEmpty();
    assertThat(c.renewalReason(DNS, renewal.plus(Duration.ofDays(1)))).hasValue("the certificates expire within 90 days");
    assertThat(c.renewalReason("other.metallb-system.svc", NOW)).hasValue("the certificate is not for other.metallb-system.svc");
    assertThat(new WebhookCertificates("junk", c.caKey(), c.cert(), c.key()).renewalReason(DNS, NOW)).get().asString().startsWith("the certificates cannot be read");
  }
}
