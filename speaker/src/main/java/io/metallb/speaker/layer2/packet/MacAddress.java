package io.metallb.speaker.layer2.packet;

import java.util.Arrays;
import java.util.HexFormat;

/** A 48-bit Ethernet address. Immutable. */
public final class MacAddress {
  public static final MacAddress BROADCAST = new MacAddress(new byte[] {-1, -1, -1, -1, -1, -1});
  public static final MacAddress ZERO = new MacAddress(new byte[6]);

  private final byte[] bytes;

  private MacAddress(byte[] bytes) {
    this.bytes = bytes;
  }

  /** Copies six bytes. */
  public static MacAddress of(byte[] raw) {
    if (raw.length != 6) {
      throw new IllegalArgumentException("a MAC address has 6 bytes, not " + raw.length);
    }
    return new MacAddress(raw.clone());
  }

  /** {@code aa:bb:cc:dd:ee:ff}. */
  public static MacAddress parse(String text) {
    return of(HexFormat.ofDelimiter(":").parseHex(text));
  }

  static MacAddress read(byte[] frame, int offset) {
    return new MacAddress(Arrays.copyOfRange(frame, offset, offset + 6));
  }

  void write(byte[] frame, int offset) {
    System.arraycopy(bytes, 0, frame, offset, 6);
  }

  public byte[] toBytes() {
    return bytes.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof MacAddress m && Arrays.equals(bytes, m.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    return HexFormat.ofDelimiter(":").formatHex(bytes);
  }
}
