package io.metallb.speaker.bfd;

import java.time.Duration;

/**
 * A session's configured timers and role (a BFDProfile's control-packet fields, spec §3.6).
 *
 * @param desiredMinTx bfd.DesiredMinTxInterval once Up (RFC 5880 §6.8.1): the profile's {@code transmitInterval}
 * @param requiredMinRx bfd.RequiredMinRxInterval: the profile's {@code receiveInterval}
 * @param detectMultiplier bfd.DetectMult, 1–255: the profile's {@code detectMultiplier}
 * @param passive the Passive role (RFC 5880 §6.1): send nothing until the peer has spoken
 */
public record BfdParameters(Duration desiredMinTx, Duration requiredMinRx, int detectMultiplier, boolean passive) {
  /** FRR's defaults, which MetalLB's BFDProfile inherits for unset fields (spec §12): 300 ms, 300 ms, 3, active. */
  public static final BfdParameters FRR_DEFAULTS = new BfdParameters(Duration.ofMillis(300), Duration.ofMillis(300), 3, false);

  /** @throws IllegalArgumentException unless both intervals are 1 µs to 2^32-1 µs and the multiplier 1–255 */
  public BfdParameters {
    for (Duration d : new Duration[] {desiredMinTx, requiredMinRx}) {
      long micros = d.toNanos() / 1000;
      if (micros < 1 || micros > ControlPacket.MAX_UINT32) {
        throw new IllegalArgumentException("BFD interval must be 1 µs to 4294 s: " + d);
      }
    }
    if (detectMultiplier < 1 || detectMultiplier > 255) {
      throw new IllegalArgumentException("BFD detect multiplier must be 1-255: " + detectMultiplier);
    }
  }

  /** {@link #desiredMinTx} in microseconds. */
  public long desiredMinTxMicros() {
    return desiredMinTx.toNanos() / 1000;
  }

  /** {@link #requiredMinRx} in microseconds. */
  public long requiredMinRxMicros() {
    return requiredMinRx.toNanos() / 1000;
  }
}
