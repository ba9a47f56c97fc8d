package io.metallb.lab.memberlist;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/** The memberlist encryption key MetalLB derives from its secret. Pure. */
public final class MemberlistKey {
  /** AES-256 key length in bytes. */
  public static final int LENGTH = 32;

  private MemberlistKey() {}

  /**
   * MetalLB's key for {@code secret} (speakerlist.go {@code sha256.New().Sum(secret)[:32]}):
   * {@code Sum} appends SHA-256 of the empty input to the secret, so the key is the first 32 bytes
   * of {@code secret ‖ SHA-256("")}, not the hash of the secret.
   */
  public static byte[] fromMetallbSecret(String secret) {
    byte[] secretBytes = secret.getBytes(StandardCharsets.UTF_8);
    byte[] emptyDigest;
    try {
      emptyDigest = MessageDigest.getInstance("SHA-256").digest(new byte[0]);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
    byte[] joined = Arrays.copyOf(secretBytes, secretBytes.length + emptyDigest.length);
    System.arraycopy(emptyDigest, 0, joined, secretBytes.length, emptyDigest.length);
    return Arrays.copyOf(joined, LENGTH);
  }
}
