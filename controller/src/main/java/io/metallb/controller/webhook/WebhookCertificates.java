package io.metallb.controller.webhook;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The webhook's certificates, as MetalLB's certificate rotator makes them: a self-signed CA
 * (CN {@code cert}, O {@code metallb}) and a serving certificate for
 * {@code <service>.<namespace>.svc} signed by it, kept as PEM. Pure but for the randomness it is
 * given; times come from the caller.
 *
 * @param caCert PEM of the CA certificate (the bundle API servers trust)
 * @param caKey PEM of the CA's private key
 * @param cert PEM of the serving certificate
 * @param key PEM of the serving certificate's private key
 */
public record WebhookCertificates(String caCert, String caKey, String cert, String key) {
  /** How long a CA lives. */
  public static final Duration CA_VALIDITY = Duration.ofDays(3650);
  /** How long a serving certificate lives. */
  public static final Duration CERT_VALIDITY = Duration.ofDays(365);
  /** Certificates are renewed when less than this is left, well before they expire. */
  public static final Duration RENEW_BEFORE = Duration.ofDays(90);

  /** A new CA and serving certificate for {@code dnsName}, valid from {@code now}. */
  public static WebhookCertificates generate(String dnsName, Instant now, SecureRandom random) {
    try {
      KeyPair caKeys = keys(random);
      X500Name caName = new X500Name("O=metallb,CN=cert"); // Go's pkix.Name order: O, then CN
      JcaX509v3CertificateBuilder ca = new JcaX509v3CertificateBuilder(caName, serial(random), Date.from(now.minus(Duration.ofMinutes(5))),
          Date.from(now.plus(CA_VALIDITY)), caName, caKeys.getPublic());
      ca.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
      ca.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign | KeyUsage.digitalSignature));
      X509CertificateHolder caHolder = ca.build(signer(caKeys.getPrivate()));

      KeyPair serverKeys = keys(random);
      JcaX509v3CertificateBuilder server = new JcaX509v3CertificateBuilder(caName, serial(random), Date.from(now.minus(Duration.ofMinutes(5))),
          Date.from(now.plus(CERT_VALIDITY)), new X500Name("CN=" + dnsName), serverKeys.getPublic());
      server.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
      server.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
      server.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
      server.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName(GeneralName.dNSName, dnsName)));
      X509CertificateHolder serverHolder = server.build(signer(caKeys.getPrivate()));
      return new WebhookCertificates(pem(caHolder), pem(caKeys), pem(serverHolder), pem(serverKeys));
    } catch (GeneralSecurityException | OperatorCreationException | IOException e) {
      throw new IllegalStateException("cannot generate the webhook certificates", e);
    }
  }

  /**
   * Why these certificates must be replaced at {@code now} for {@code dnsName}, or empty when they
   * serve: unreadable, not for that name, not signed by the CA, or within {@link #RENEW_BEFORE}
   * of expiry.
   */
  public Optional<String> renewalReason(String dnsName, Instant now) {
    try {
      X509Certificate ca = certificate(caCert);
      X509Certificate serving = certificate(cert);
      privateKey(key);
      privateKey(caKey);
      serving.verify(ca.getPublicKey());
      List<String> names = serving.getSubjectAlternativeNames() == null ? List.of()
          : serving.getSubjectAlternativeNames().stream().map(n -> String.valueOf(n.get(1))).toList();
      if (!names.contains(dnsName)) {
        return Optional.of("the certificate is not for " + dnsName);
      }
      Instant renewAt = now.plus(RENEW_BEFORE);
      if (ca.getNotAfter().toInstant().isBefore(renewAt) || serving.getNotAfter().toInstant().isBefore(renewAt)) {
        return Optional.of("the certificates expire within " + RENEW_BEFORE.toDays() + " days");
      }
      return Optional.empty();
    } catch (GeneralSecurityException | IOException | RuntimeException e) {
      return Optional.of("the certificates cannot be read: " + e.getMessage());
    }
  }

  public X509Certificate servingCertificate() {
    return readOrFail(cert);
  }

  public X509Certificate caCertificate() {
    return readOrFail(caCert);
  }

  public PrivateKey servingKey() {
    try {
      return privateKey(key);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static X509Certificate readOrFail(String pem) {
    try {
      return certificate(pem);
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  static X509Certificate certificate(String pem) throws IOException, GeneralSecurityException {
    try (PEMParser parser = new PEMParser(new StringReader(pem))) {
      Object o = parser.readObject();
      if (!(o instanceof X509CertificateHolder holder)) {
        throw new IOException("not a PEM certificate");
      }
      return new JcaX509CertificateConverter().getCertificate(holder);
    }
  }

  static PrivateKey privateKey(String pem) throws IOException {
    return io.metallb.k8s.Pem.privateKey(pem);
  }

  private static KeyPair keys(SecureRandom random) throws GeneralSecurityException {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048, random);
    return generator.generateKeyPair();
  }

  private static BigInteger serial(SecureRandom random) {
    return new BigInteger(128, random);
  }

  private static ContentSigner signer(PrivateKey key) throws OperatorCreationException {
    return new JcaContentSignerBuilder("SHA256withRSA").build(key);
  }

  private static String pem(Object o) throws IOException {
    StringWriter out = new StringWriter();
    try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
      writer.writeObject(o instanceof KeyPair pair ? pair.getPrivate() : o);
    }
    return out.toString();
  }
}
