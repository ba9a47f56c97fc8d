package io.metallb.lab.bgp;

/**
 * BFD timers for neighbours that enable BFD (RFC 5880).
 *
 * @param name the profile name (FRR)
 * @param receiveIntervalMs required minimum receive interval, milliseconds
 * @param transmitIntervalMs desired minimum transmit interval, milliseconds
 * @param detectMultiplier missed packets before the session goes down
 */
public record BfdProfile(String name, int receiveIntervalMs, int transmitIntervalMs, int detectMultiplier) {
  /** 300 ms × 3, as the lab's BFD tests use. */
  public static BfdProfile fast(String name) {
    return new BfdProfile(name, 300, 300, 3);
  }
}
