package io.metallb.speaker.memberlist.wire;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * An immutable byte string, so that message records compare by content. Copies on the way in and
 * on the way out.
 */
public final class Bytes {
  /** The empty byte string; memberlist sends it as msgpack nil. */
  public static final Bytes EMPTY = new Bytes(new byte[0]);

  private final byte[] value;

  private Bytes(byte[] value) {
    this.value = value;
  }

  /** A copy of {@code value}; null gives {@link #EMPTY}. */
  public static Bytes of(byte[] value) {
    return value == null || value.length == 0 ? EMPTY : new Bytes(value.clone());
  }

  /** Parses hex digits (whitespace ignored). */
  public static Bytes ofHex(String hex) {
    return of(HexFormat.of().parseHex(hex.replaceAll("\\s", "")));
  }

  /** A fresh copy of the bytes. */
  public byte[] toArray() {
    return value.clone();
  }

  /** The number of bytes. */
  public int length() {
    return value.length;
  }

  /** True when there are no bytes. */
  public boolean isEmpty() {
    return value.length == 0;
  }

  byte[] unsafeArray() {
    return value;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Bytes bytes && Arrays.equals(value, bytes.value);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(value);
  }

  @Override
  public String toString() {
    return HexFormat.of().formatHex(value);
  }
}
