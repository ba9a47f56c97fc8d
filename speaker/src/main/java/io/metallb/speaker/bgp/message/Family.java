package io.metallb.speaker.bgp.message;

import io.metallb.net.Cidr;
import io.metallb.net.IpFamily;
import java.util.Optional;

/**
 * The address families this speaker carries: AFI (RFC 4760 §3, IANA "Address Family Numbers") and
 * SAFI 1 (unicast). Append only — the codes are part of the wire protocol.
 */
public enum Family {
  /** AFI 1, SAFI 1. */
  IPV4_UNICAST(1, 1),
  /** AFI 2, SAFI 1. */
  IPV6_UNICAST(2, 1);

  private final int afi;
  private final int safi;

  Family(int afi, int safi) {
    this.afi = afi;
    this.safi = safi;
  }

  /** The Address Family Identifier. */
  public int afi() {
    return afi;
  }

  /** The Subsequent Address Family Identifier. */
  public int safi() {
    return safi;
  }

  /** The family of {@code afi}/{@code safi}, if this speaker knows it. */
  public static Optional<Family> of(int afi, int safi) {
    for (Family f : values()) {
      if (f.afi == afi && f.safi == safi) {
        return Optional.of(f);
      }
    }
    return Optional.empty();
  }

  /** The unicast family of an IP family. */
  public static Family of(IpFamily family) {
    return family == IpFamily.IPV4 ? IPV4_UNICAST : IPV6_UNICAST;
  }

  /** The unicast family of a prefix. */
  public static Family of(Cidr prefix) {
    return of(prefix.family());
  }

  /** The address length in bytes (4 or 16). */
  public int addressBytes() {
    return this == IPV4_UNICAST ? 4 : 16;
  }
}
