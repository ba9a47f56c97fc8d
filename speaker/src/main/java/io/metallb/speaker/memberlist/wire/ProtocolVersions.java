package io.metallb.speaker.memberlist.wire;

/**
 * The six version bytes every alive message and node state carries (memberlist {@code Vsn}, in
 * this order: pmin, pmax, pcur, dmin, dmax, dcur). Go encodes them as a 6-byte msgpack raw string.
 */
public record ProtocolVersions(int protocolMin, int protocolMax, int protocolCurrent, int delegateMin,
    int delegateMax, int delegateCurrent) {
  /** memberlist {@code ProtocolVersionMin} (net.go). */
  public static final int PROTOCOL_VERSION_MIN = 1;
  /** memberlist {@code ProtocolVersionMax} (net.go), the same in 0.2.2 and 0.5.x. */
  public static final int PROTOCOL_VERSION_MAX = 5;
  /** memberlist {@code ProtocolVersion2Compatible}: what DefaultLANConfig speaks. */
  public static final int PROTOCOL_VERSION_2_COMPATIBLE = 2;

  /** What a node with {@code DefaultLANConfig} and no delegate advertises: 1, 5, 2, 0, 0, 0. */
  public static final ProtocolVersions DEFAULT = speaking(PROTOCOL_VERSION_2_COMPATIBLE);

  /** Validates every byte is 0–255. */
  public ProtocolVersions {
    for (int v : new int[] {protocolMin, protocolMax, protocolCurrent, delegateMin, delegateMax, delegateCurrent}) {
      if (v < 0 || v > 255) {
        throw new IllegalArgumentException("version byte out of range: " + v);
      }
    }
  }

  /** The versions of a node that speaks protocol {@code current} and has no delegate. */
  public static ProtocolVersions speaking(int current) {
    return new ProtocolVersions(PROTOCOL_VERSION_MIN, PROTOCOL_VERSION_MAX, current, 0, 0, 0);
  }

  /** From the wire form; missing bytes are zero (memberlist treats an empty Vsn as version 0). */
  public static ProtocolVersions fromBytes(byte[] vsn) {
    int[] v = new int[6];
    for (int i = 0; i < Math.min(6, vsn.length); i++) {
      v[i] = vsn[i] & 0xff;
    }
    return new ProtocolVersions(v[0], v[1], v[2], v[3], v[4], v[5]);
  }

  /** The wire form, 6 bytes. */
  public byte[] toBytes() {
    return new byte[] {(byte) protocolMin, (byte) protocolMax, (byte) protocolCurrent, (byte) delegateMin,
        (byte) delegateMax, (byte) delegateCurrent};
  }
}
