package io.metallb.lab.bgp;

/** The BGP address families the lab's routers carry (AFI/SAFI unicast, RFC 4760). */
public enum AddressFamily {
  /** IPv4 unicast. */
  IPV4_UNICAST,
  /** IPv6 unicast. */
  IPV6_UNICAST;

  /** The family of an address or prefix ({@code :} means IPv6). */
  public static AddressFamily of(String addressOrPrefix) {
    return addressOrPrefix.contains(":") ? IPV6_UNICAST : IPV4_UNICAST;
  }

  /** {@code ipv4} or {@code ipv6}, as FRR, BIRD and the gobgp CLI spell it. */
  public String shortName() {
    return this == IPV4_UNICAST ? "ipv4" : "ipv6";
  }
}
