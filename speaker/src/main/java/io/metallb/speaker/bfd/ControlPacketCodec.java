package io.metallb.speaker.bfd;

/**
 * Pure encoder and decoder of BFD Control packets (RFC 5880 §4.1) carried in UDP (RFC 5881, 5883).
 * Stateless and thread-safe. The decoder never throws: a datagram the RFC says to discard comes
 * back as {@link Decoded.Dropped} with its reason.
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |Vers |  Diag   |Sta|P|F|C|A|D|M|  Detect Mult  |    Length     |
 * |                       My Discriminator                        |
 * |                      Your Discriminator                       |
 * |                    Desired Min TX Interval                    |
 * |                   Required Min RX Interval                    |
 * |                 Required Min Echo RX Interval                 |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 */
public final class ControlPacketCodec {
  /** The protocol version (RFC 5880 §4.1). */
  public static final int VERSION = 1;
  /** Length of the mandatory section: the whole packet without authentication (RFC 5880 §4.1). */
  public static final int MINIMUM_LENGTH = 24;
  /** Minimum Length when the A bit is set: the mandatory section plus a 2-byte auth header (RFC 5880 §6.8.6). */
  public static final int MINIMUM_LENGTH_WITH_AUTH = 26;

  private static final int POLL = 0x20;
  private static final int FINAL = 0x10;
  private static final int CONTROL_PLANE_INDEPENDENT = 0x08;
  private static final int AUTH_PRESENT = 0x04;
  private static final int DEMAND = 0x02;
  private static final int MULTIPOINT = 0x01;

  private ControlPacketCodec() {}

  /** The 24 bytes of {@code packet}: version 1, A and M clear. Returns a new array owned by the caller. */
  public static byte[] encode(ControlPacket packet) {
    byte[] out = new byte[MINIMUM_LENGTH];
    out[0] = (byte) (VERSION << 5 | packet.diagnostic());
    int flags = packet.state().code() << 6;
    flags |= packet.pollBit() ? POLL : 0;
    flags |= packet.finalBit() ? FINAL : 0;
    flags |= packet.controlPlaneIndependentBit() ? CONTROL_PLANE_INDEPENDENT : 0;
    flags |= packet.demandBit() ? DEMAND : 0;
    out[1] = (byte) flags;
    out[2] = (byte) packet.detectMultiplier();
    out[3] = (byte) MINIMUM_LENGTH;
    putUint32(out, 4, packet.myDiscriminator());
    putUint32(out, 8, packet.yourDiscriminator());
    putUint32(out, 12, packet.desiredMinTxMicros());
    putUint32(out, 16, packet.requiredMinRxMicros());
    putUint32(out, 20, packet.requiredMinEchoRxMicros());
    return out;
  }

  /**
   * Decodes one UDP payload, applying the packet-level discard rules of RFC 5880 §6.8.6 in order
   * (version, length, the A bit since we run no authentication, Detect Mult, M bit, My
   * Discriminator, Your Discriminator against State). Bytes past the Length field are ignored.
   * Session-level rules (selection by discriminator, AdminDown) are {@link BfdSession}'s and the
   * caller's. Does not keep {@code datagram}.
   */
  public static Decoded decode(byte[] datagram) {
    return decode(datagram, datagram.length);
  }

  /** As {@link #decode(byte[])} for the first {@code length} bytes of {@code datagram}. */
  public static Decoded decode(byte[] datagram, int length) {
    if (length < 1 || (datagram[0] & 0xff) >>> 5 != VERSION) {
      return new Decoded.Dropped(length < 1 ? DropReason.BAD_LENGTH : DropReason.BAD_VERSION);
    }
    if (length < 4) {
      return new Decoded.Dropped(DropReason.BAD_LENGTH);
    }
    int flags = datagram[1] & 0xff;
    boolean auth = (flags & AUTH_PRESENT) != 0;
    int declared = datagram[3] & 0xff;
    if (declared < (auth ? MINIMUM_LENGTH_WITH_AUTH : MINIMUM_LENGTH) || declared > length) {
      return new Decoded.Dropped(DropReason.BAD_LENGTH);
    }
    if (auth) {
      return new Decoded.Dropped(DropReason.AUTHENTICATION);
    }
    int detectMultiplier = datagram[2] & 0xff;
    if (detectMultiplier == 0) {
      return new Decoded.Dropped(DropReason.ZERO_DETECT_MULTIPLIER);
    }
    if ((flags & MULTIPOINT) != 0) {
      return new Decoded.Dropped(DropReason.MULTIPOINT);
    }
    long my = uint32(datagram, 4);
    if (my == 0) {
      return new Decoded.Dropped(DropReason.ZERO_MY_DISCRIMINATOR);
    }
    long your = uint32(datagram, 8);
    SessionState state = SessionState.of(flags >>> 6);
    if (your == 0 && state != SessionState.DOWN && state != SessionState.ADMIN_DOWN) {
      return new Decoded.Dropped(DropReason.ZERO_YOUR_DISCRIMINATOR);
    }
    return new Decoded.Packet(new ControlPacket(datagram[0] & 0x1f, state, (flags & POLL) != 0, (flags & FINAL) != 0,
        (flags & CONTROL_PLANE_INDEPENDENT) != 0, (flags & DEMAND) != 0, detectMultiplier, my, your,
        uint32(datagram, 12), uint32(datagram, 16), uint32(datagram, 20)));
  }

  private static void putUint32(byte[] out, int offset, long value) {
    out[offset] = (byte) (value >>> 24);
    out[offset + 1] = (byte) (value >>> 16);
    out[offset + 2] = (byte) (value >>> 8);
    out[offset + 3] = (byte) value;
  }

  private static long uint32(byte[] in, int offset) {
    return (in[offset] & 0xffL) << 24 | (in[offset + 1] & 0xffL) << 16 | (in[offset + 2] & 0xffL) << 8 | (in[offset + 3] & 0xffL);
  }
}
