package io.metallb.speaker.memberlist.wire;

import java.security.GeneralSecurityException;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * memberlist's AES-GCM envelope (security.go): {@code [version][12-byte nonce][ciphertext+16-byte
 * tag]}. Version 0 pads the plaintext PKCS#7 to 16 bytes first (protocol version 1 speakers);
 * version 1 does not pad (protocol ≥ 2). The additional data is the label for packets and the
 * 5-byte stream header (plus label) for streams. Pure and thread-safe.
 */
public final class Encryption {
  /** Encryption version byte values. Append only — values are part of the wire protocol. */
  public static final int VERSION_0_PADDED = 0;
  /** See {@link #VERSION_0_PADDED}. */
  public static final int VERSION_1 = 1;

  static final int VERSION_SIZE = 1;
  static final int NONCE_SIZE = 12;
  static final int TAG_SIZE = 16;
  static final int BLOCK_SIZE = 16;

  private Encryption() {}

  /** memberlist {@code encryptionVersion()}: version 0 for protocol version 1, else 1. */
  public static int versionFor(int protocolVersion) {
    return protocolVersion == 1 ? VERSION_0_PADDED : VERSION_1;
  }

  /** memberlist {@code encryptOverhead}: the bytes encryption adds at most (45 for v0, 29 for v1). */
  public static int overhead(int version) {
    return version == VERSION_0_PADDED ? VERSION_SIZE + NONCE_SIZE + BLOCK_SIZE + TAG_SIZE
        : VERSION_SIZE + NONCE_SIZE + TAG_SIZE;
  }

  /** memberlist {@code encryptedLength}: the envelope size for {@code plainLength} bytes. */
  public static int encryptedLength(int version, int plainLength) {
    if (version >= VERSION_1) {
      return VERSION_SIZE + NONCE_SIZE + plainLength + TAG_SIZE;
    }
    return VERSION_SIZE + NONCE_SIZE + plainLength + (BLOCK_SIZE - plainLength % BLOCK_SIZE) + TAG_SIZE;
  }

  /**
   * Encrypts {@code plain} with {@code key} into a new envelope.
   *
   * @param nonce 12 fresh random bytes (callers take them from a SecureRandom)
   */
  public static byte[] encrypt(int version, byte[] key, byte[] nonce, byte[] plain, byte[] additionalData) {
    if (nonce.length != NONCE_SIZE) {
      throw new IllegalArgumentException("nonce must be 12 bytes");
    }
    byte[] src = plain;
    if (version == VERSION_0_PADDED) {
      int pad = BLOCK_SIZE - plain.length % BLOCK_SIZE;
      src = Arrays.copyOf(plain, plain.length + pad);
      Arrays.fill(src, plain.length, src.length, (byte) pad);
    } else if (version != VERSION_1) {
      throw new IllegalArgumentException("unsupported encryption version " + version);
    }
    try {
      Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
      gcm.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG_SIZE * 8, nonce));
      if (additionalData.length > 0) {
        gcm.updateAAD(additionalData);
      }
      byte[] sealed = gcm.doFinal(src);
      byte[] out = new byte[VERSION_SIZE + NONCE_SIZE + sealed.length];
      out[0] = (byte) version;
      System.arraycopy(nonce, 0, out, VERSION_SIZE, NONCE_SIZE);
      System.arraycopy(sealed, 0, out, VERSION_SIZE + NONCE_SIZE, sealed.length);
      return out;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM unavailable or bad key", e);
    }
  }

  /**
   * Decrypts an envelope with the first key of {@code keyring} that opens it (memberlist
   * {@code decryptPayload}).
   *
   * @throws WireFormatException {@link DropReason#DECRYPT_FAILED} when no key opens it ("No
   *     installed keys could decrypt the message"), {@link DropReason#TRUNCATED} when too short
   */
  public static byte[] decrypt(Keyring keyring, byte[] envelope, int offset, int length, byte[] additionalData)
      throws WireFormatException {
    if (length < 1) {
      throw new WireFormatException(DropReason.TRUNCATED, "cannot decrypt empty payload");
    }
    int version = envelope[offset] & 0xff;
    if (version > VERSION_1) {
      throw new WireFormatException(DropReason.DECRYPT_FAILED, "unsupported encryption version " + version);
    }
    if (length < encryptedLength(version, 0)) {
      throw new WireFormatException(DropReason.TRUNCATED, "payload is too small to decrypt: " + length);
    }
    GCMParameterSpec spec = new GCMParameterSpec(TAG_SIZE * 8, envelope, offset + VERSION_SIZE, NONCE_SIZE);
    for (byte[] key : keyring.keys()) {
      try {
        Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
        gcm.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"), spec);
        if (additionalData.length > 0) {
          gcm.updateAAD(additionalData);
        }
        byte[] plain = gcm.doFinal(envelope, offset + VERSION_SIZE + NONCE_SIZE, length - VERSION_SIZE - NONCE_SIZE);
        if (version == VERSION_0_PADDED) {
          int pad = plain.length == 0 ? 0 : plain[plain.length - 1] & 0xff;
          if (pad == 0 || pad > plain.length) {
            throw new WireFormatException(DropReason.DECRYPT_FAILED, "bad PKCS#7 padding");
          }
          return Arrays.copyOf(plain, plain.length - pad);
        }
        return plain;
      } catch (javax.crypto.AEADBadTagException e) {
        // try the next key
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException("AES-GCM unavailable", e);
      }
    }
    throw new WireFormatException(DropReason.DECRYPT_FAILED, "No installed keys could decrypt the message");
  }
}
