package io.metallb.speaker.bgp.message;

import java.util.List;

/** A capability in an OPEN's Capabilities optional parameter (RFC 5492 §4). */
public sealed interface Capability {
  /** Multiprotocol extensions, code 1 (RFC 4760 §8). */
  int MULTIPROTOCOL = 1;
  /** Route refresh, code 2 (RFC 2918 §2). */
  int ROUTE_REFRESH = 2;
  /** Extended next hop encoding, code 5 (RFC 8950 §3). */
  int EXTENDED_NEXT_HOP = 5;
  /** Graceful restart, code 64 (RFC 4724 §3). */
  int GRACEFUL_RESTART = 64;
  /** Support for 4-octet AS numbers, code 65 (RFC 6793 §3). */
  int FOUR_OCTET_AS = 65;

  /** The capability code. */
  int code();

  /**
   * Multiprotocol extensions for one AFI/SAFI.
   *
   * @param afi address family identifier
   * @param safi subsequent address family identifier
   */
  record Multiprotocol(int afi, int safi) implements Capability {
    /** The capability for {@code family}. */
    public static Multiprotocol of(Family family) {
      return new Multiprotocol(family.afi(), family.safi());
    }

    @Override
    public int code() {
      return MULTIPROTOCOL;
    }
  }

  /**
   * Extended next hop encoding (RFC 8950 §3): the sender accepts, for each entry's NLRI AFI/SAFI,
   * next hops of the entry's next-hop AFI inside MP_REACH_NLRI.
   *
   * @param entries the tuples, in wire order
   */
  record ExtendedNextHop(List<NextHopEncoding> entries) implements Capability {
    /** Copies the list. */
    public ExtendedNextHop {
      entries = List.copyOf(entries);
    }

    /** IPv4 unicast prefixes with IPv6 next hops: the one tuple of unnumbered BGP. */
    public static ExtendedNextHop ipv4OverIpv6() {
      return new ExtendedNextHop(List.of(NextHopEncoding.IPV4_UNICAST_OVER_IPV6));
    }

    /** Whether IPv4 unicast prefixes may carry IPv6 next hops. */
    public boolean ipv4UnicastOverIpv6() {
      return entries.contains(NextHopEncoding.IPV4_UNICAST_OVER_IPV6);
    }

    @Override
    public int code() {
      return EXTENDED_NEXT_HOP;
    }
  }

  /**
   * One tuple of the extended next hop capability (RFC 8950 §3); all three fields are two octets.
   *
   * @param nlriAfi the NLRI's AFI
   * @param nlriSafi the NLRI's SAFI
   * @param nextHopAfi the AFI of next hops the sender accepts for it
   */
  record NextHopEncoding(int nlriAfi, int nlriSafi, int nextHopAfi) {
    /** AFI 1 / SAFI 1 with AFI 2 next hops. */
    public static final NextHopEncoding IPV4_UNICAST_OVER_IPV6 = new NextHopEncoding(1, 1, 2);
  }

  /** Route refresh support. */
  record RouteRefreshSupport() implements Capability {
    @Override
    public int code() {
      return ROUTE_REFRESH;
    }
  }

  /**
   * 4-octet AS number support.
   *
   * @param asn the speaker's AS number, 0..2^32-1
   */
  record FourOctetAs(long asn) implements Capability {
    @Override
    public int code() {
      return FOUR_OCTET_AS;
    }
  }

  /**
   * Graceful restart (RFC 4724 §3).
   *
   * @param restarting the Restart State (R) bit: the sender has restarted
   * @param restartTimeSeconds how long the receiver should keep routes, 0..4095
   * @param families the families whose forwarding state the sender keeps
   */
  record GracefulRestart(boolean restarting, int restartTimeSeconds, List<GracefulRestartFamily> families)
      implements Capability {
    /** Checks the 12-bit time and copies the list. */
    public GracefulRestart {
      if (restartTimeSeconds < 0 || restartTimeSeconds > 0xfff) {
        throw new IllegalArgumentException("restart time is 12 bits: " + restartTimeSeconds);
      }
      families = List.copyOf(families);
    }

    @Override
    public int code() {
      return GRACEFUL_RESTART;
    }
  }

  /**
   * One AFI/SAFI entry of the graceful restart capability.
   *
   * @param afi address family identifier
   * @param safi subsequent address family identifier
   * @param forwardingPreserved the Forwarding State (F) bit
   */
  record GracefulRestartFamily(int afi, int safi, boolean forwardingPreserved) {}

  /**
   * A capability this speaker does not interpret, kept as received.
   *
   * @param code capability code
   * @param value capability value
   */
  record Unknown(int code, Octets value) implements Capability {}
}
