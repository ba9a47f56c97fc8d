package io.metallb.speaker.memberlist.wire;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The AES keys a node accepts, the first being the primary one it encrypts with (memberlist
 * {@code keyring.go}). Keys are 16, 24 or 32 bytes (AES-128/192/256). Immutable and thread-safe.
 */
public final class Keyring {
  /** AES-256 key length, what MetalLB uses. */
  public static final int METALLB_KEY_LENGTH = 32;

  private final List<byte[]> keys;

  private Keyring(List<byte[]> keys) {
    this.keys = keys;
  }

  /**
   * A keyring with {@code primary} first and then the other accepted keys (memberlist
   * {@code NewKeyring}).
   *
   * @throws IllegalArgumentException when a key is not 16, 24 or 32 bytes long
   */
  public static Keyring of(byte[] primary, byte[]... others) {
    List<byte[]> keys = new ArrayList<>();
    for (byte[] key : concat(primary, others)) {
      if (key.length != 16 && key.length != 24 && key.length != 32) {
        throw new IllegalArgumentException("key size must be 16, 24 or 32 bytes, not " + key.length);
      }
      keys.add(key.clone());
    }
    return new Keyring(List.copyOf(keys));
  }

  private static List<byte[]> concat(byte[] primary, byte[][] others) {
    List<byte[]> all = new ArrayList<>();
    all.add(primary);
    all.addAll(Arrays.asList(others));
    return all;
  }

  /**
   * The key MetalLB's speaker derives from its memberlist secret (spec §8.5, §19.3; speakerlist.go
   * {@code sha256.New().Sum([]byte(secret))[:32]}): {@code Sum} appends SHA-256 of the empty input
   * to the secret, so the key is the first 32 bytes of {@code secret ‖ SHA-256("")}.
   */
  public static byte[] metallbKey(byte[] secret) {
    byte[] emptyDigest;
    try {
      emptyDigest = MessageDigest.getInstance("SHA-256").digest(new byte[0]);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
    byte[] joined = Arrays.copyOf(secret, secret.length + emptyDigest.length);
    System.arraycopy(emptyDigest, 0, joined, secret.length, emptyDigest.length);
    return Arrays.copyOf(joined, METALLB_KEY_LENGTH);
  }

  /** {@link #metallbKey(byte[])} of a secret file's text content, as UTF-8. */
  public static byte[] metallbKey(String secret) {
    return metallbKey(secret.getBytes(StandardCharsets.UTF_8));
  }

  /** A copy of the key used to encrypt. */
  public byte[] primary() {
    return keys.getFirst().clone();
  }

  List<byte[]> keys() {
    return keys;
  }
}
