package io.metallb.k8s;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The metrics endpoint's TLS (spec §13.1): the certificate of {@code --metrics-cert-dir}
 * ({@code tls.crt}, {@code tls.key}, read at start-up) or else a self-signed one made at start-up,
 * as controller-runtime does; {@code --tls-min-version} {@code VersionTLS12} or {@code VersionTLS13}
 * (the default). Bouncy Castle writes the certificate and reads PEM keys; the JDK does the rest.
 */
public final class MetricsTls {
  /** How long the self-signed certificate is valid. */
  public static final Duration SELF_SIGNED_VALIDITY = Duration.ofDays(365);

  private MetricsTls() {}

  /** The protocols {@code --tls-min-version} allows; metrics default to TLS 1.3 only. */
  public static String[] protocols(String tlsMinVersion) {
    return switch (tlsMinVersion == null ? "" : tlsMinVersion) {
      case "", "VersionTLS13" -> new String[] {"TLSv1.3"};
      case "VersionTLS12" -> new String[] {"TLSv1.3", "TLSv1.2"};
      default -> throw new IllegalArgumentException("invalid --tls-min-version " + tlsMinVersion + ": VersionTLS12 or VersionTLS13");
    };
  }

  /**
   * A server context with the key and certificate of {@code certDir}, or a self-signed
   * certificate for {@code commonName} when {@code certDir} is empty.
   *
   * @throws IOException when {@code certDir}'s files cannot be read or parsed
   */
  public static SSLContext serverContext(String certDir, String commonName) throws IOException {
    try {
      PrivateKey key;
      List<Certificate> chain;
      if (certDir == null || certDir.isEmpty()) {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(256, new SecureRandom());
        KeyPair pair = generator.generateKeyPair();
        Instant now = Instant.now();
        X500Name name = new X500Name("CN=" + commonName);
        X509Certificate cert = new JcaX509CertificateConverter().getCertificate(new JcaX509v3CertificateBuilder(name,
            new BigInteger(128, new SecureRandom()), Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(SELF_SIGNED_VALIDITY)),
            name, pair.getPublic()).build(new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate())));
        key = pair.getPrivate();
        chain = List.of(cert);
      } else {
        Path dir = Path.of(certDir);
        key = Pem.privateKey(Files.readString(dir.resolve("tls.key")));
        chain = List.copyOf(CertificateFactory.getInstance("X.509").generateCertificates(Files.newInputStream(dir.resolve("tls.crt"))));
      }
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      store.setKeyEntry("metrics", key, new char[0], chain.toArray(Certificate[]::new));
      KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      keys.init(store, new char[0]);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(keys.getKeyManagers(), null, null);
      return context;
    } catch (GeneralSecurityException | org.bouncycastle.operator.OperatorCreationException e) {
      throw new IOException("cannot set up the metrics TLS: " + e.getMessage(), e);
    }
  }

  /**
   * {@code --tls-cipher-suites}: Go's names, which are the IANA names the JDK uses too (TLS 1.2
   * only; TLS 1.3 keeps its suites). Empty: the JDK's defaults.
   */
  public static String[] cipherSuites(String flag, String[] protocols) {
    if (flag == null || flag.isBlank()) {
      return new String[0];
    }
    if (protocols.length == 1) {
      throw new IllegalArgumentException("--tls-cipher-suites cannot be combined with TLS 1.3 as the minimum version");
    }
    List<String> suites = new java.util.ArrayList<>(List.of("TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256"));
    for (String s : flag.split(",")) {
      suites.add(s.strip());
    }
    return suites.toArray(String[]::new);
  }

  /** {@code --tls-curve-preferences}: Go's numeric CurveIDs as the JDK's named groups. Empty: the defaults. */
  public static String[] namedGroups(String flag) {
    if (flag == null || flag.isBlank()) {
      return new String[0];
    }
    return java.util.Arrays.stream(flag.split(",")).map(String::strip).map(id -> switch (id) {
      case "23" -> "secp256r1";
      case "24" -> "secp384r1";
      case "25" -> "secp521r1";
      case "29" -> "x25519";
      case "4588" -> "X25519MLKEM768";
      default -> throw new IllegalArgumentException("unsupported --tls-curve-preferences value " + id);
    }).toArray(String[]::new);
  }
}
