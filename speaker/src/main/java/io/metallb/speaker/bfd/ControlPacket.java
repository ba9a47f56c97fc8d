package io.metallb.speaker.bfd;

import java.util.Optional;

/**
 * The mandatory section of a BFD Control packet (RFC 5880 §4.1), without authentication. Immutable;
 * the Version (always 1), Length (always 24), A and M bits are the codec's business: a packet that
 * gets this far has none of the optional parts. Intervals are in microseconds, as on the wire;
 * 32-bit unsigned fields are held in {@code long}s.
 *
 * @param diagnostic the Diag code, 0–31 (see {@link Diagnostic}; 9–31 are reserved but valid)
 * @param state the sender's session state
 * @param pollBit P: the sender asks for a Final (a Poll Sequence, §6.5)
 * @param finalBit F: the sender answers a Poll
 * @param controlPlaneIndependentBit C: the sender's BFD does not share fate with its control plane
 * @param demandBit D: the sender wishes to run in Demand mode
 * @param detectMultiplier Detect Mult, 1–255
 * @param myDiscriminator the sender's discriminator, nonzero
 * @param yourDiscriminator the discriminator of the receiver's session, or 0 when unknown
 * @param desiredMinTxMicros Desired Min TX Interval
 * @param requiredMinRxMicros Required Min RX Interval
 * @param requiredMinEchoRxMicros Required Min Echo RX Interval; 0 means no Echo support
 */
public record ControlPacket(
    int diagnostic,
    SessionState state,
    boolean pollBit,
    boolean finalBit,
    boolean controlPlaneIndependentBit,
    boolean demandBit,
    int detectMultiplier,
    long myDiscriminator,
    long yourDiscriminator,
    long desiredMinTxMicros,
    long requiredMinRxMicros,
    long requiredMinEchoRxMicros) {
  /** Largest value of a 32-bit unsigned field. */
  public static final long MAX_UINT32 = 0xffff_ffffL;

  /**
   * Checks ranges. A packet with both P and F set is representable (the receive rules of §6.8.6 do
   * not discard it), but {@link BfdSession} never sends one (§6.5).
   *
   * @throws IllegalArgumentException for a field out of range, or a zero Detect Mult or My
   *     Discriminator (such packets are discarded by the codec, never built)
   */
  public ControlPacket {
    if (diagnostic < 0 || diagnostic > 31) {
      throw new IllegalArgumentException("diagnostic is 5 bits: " + diagnostic);
    }
    if (detectMultiplier < 1 || detectMultiplier > 255) {
      throw new IllegalArgumentException("detect multiplier must be 1-255: " + detectMultiplier);
    }
    if (myDiscriminator == 0) {
      throw new IllegalArgumentException("my discriminator must be nonzero");
    }
    for (long v : new long[] {myDiscriminator, yourDiscriminator, desiredMinTxMicros, requiredMinRxMicros, requiredMinEchoRxMicros}) {
      if (v < 0 || v > MAX_UINT32) {
        throw new IllegalArgumentException("32-bit field out of range: " + v);
      }
    }
  }

  /** The diagnostic, if its code is defined. */
  public Optional<Diagnostic> knownDiagnostic() {
    return Diagnostic.of(diagnostic);
  }
}
