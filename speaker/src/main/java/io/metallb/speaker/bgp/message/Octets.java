package io.metallb.speaker.bgp.message;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * An immutable byte string, so that message records holding raw bytes keep value semantics.
 *
 * @param bytes the bytes; copied on the way in and out
 */
public record Octets(byte[] bytes) {
  /** No bytes. */
  public static final Octets EMPTY = new Octets(new byte[0]);

  /** Copies {@code bytes}. */
  public Octets {
    bytes = bytes.clone();
  }

  /** Wraps a copy of {@code bytes}. */
  public static Octets of(byte... bytes) {
    return new Octets(bytes);
  }

  /** A copy of the bytes. */
  @Override
  public byte[] bytes() {
    return bytes.clone();
  }

  /** The number of bytes. */
  public int length() {
    return bytes.length;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Octets other && Arrays.equals(bytes, other.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    return HexFormat.of().formatHex(bytes);
  }
}
