package io.metallb.lab.bgp;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * One BGP neighbour of a lab router.
 *
 * @param address the neighbour's address, or for an unnumbered neighbour the interface it is on
 * @param remoteAsn its AS number
 * @param passive whether to only accept its connection (never dial out)
 * @param md5Password TCP MD5 password (RFC 2385), if any
 * @param multihopTtl eBGP multihop TTL, 0 for directly connected
 * @param families the address families activated on the session
 * @param bfd whether BFD guards the session (with the router's {@link BfdProfile})
 * @param unnumbered whether {@code address} names an interface: unnumbered BGP over IPv6
 *     link-local addresses learned from router advertisements (FRR's {@code neighbor IF interface})
 */
public record Neighbor(
    String address,
    long remoteAsn,
    boolean passive,
    Optional<String> md5Password,
    int multihopTtl,
    Set<AddressFamily> families,
    boolean bfd,
    boolean unnumbered) {
  /** Checks values and copies the set. */
  public Neighbor {
    if (families.isEmpty()) {
      throw new IllegalArgumentException("neighbor " + address + " needs at least one address family");
    }
    if (multihopTtl < 0 || multihopTtl > 255) {
      throw new IllegalArgumentException("multihop TTL must be 0..255: " + multihopTtl);
    }
    families = Set.copyOf(EnumSet.copyOf(families));
  }

  /** A numbered neighbour. */
  public Neighbor(String address, long remoteAsn, boolean passive, Optional<String> md5Password, int multihopTtl,
      Set<AddressFamily> families, boolean bfd) {
    this(address, remoteAsn, passive, md5Password, multihopTtl, families, bfd, false);
  }

  /** An active unnumbered neighbour on {@code iface} carrying IPv4 and IPv6 unicast. */
  public static Neighbor unnumbered(String iface, long remoteAsn) {
    return new Neighbor(iface, remoteAsn, false, Optional.empty(), 0, EnumSet.allOf(AddressFamily.class), false, true);
  }

  /** An active, directly connected neighbour without MD5 or BFD, carrying its address's family. */
  public static Neighbor of(String address, long remoteAsn) {
    return new Neighbor(address, remoteAsn, false, Optional.empty(), 0, Set.of(AddressFamily.of(address)), false);
  }

  /** A copy that only accepts connections. */
  public Neighbor asPassive() {
    return new Neighbor(address, remoteAsn, true, md5Password, multihopTtl, families, bfd, unnumbered);
  }

  /** A copy with a TCP MD5 password. */
  public Neighbor withMd5(String password) {
    return new Neighbor(address, remoteAsn, passive, Optional.of(password), multihopTtl, families, bfd, unnumbered);
  }

  /** A copy with eBGP multihop {@code ttl}. */
  public Neighbor withMultihop(int ttl) {
    return new Neighbor(address, remoteAsn, passive, md5Password, ttl, families, bfd, unnumbered);
  }

  /** A copy with BFD on. */
  public Neighbor withBfd() {
    return new Neighbor(address, remoteAsn, passive, md5Password, multihopTtl, families, true, unnumbered);
  }

  /** The family of the session's transport address: IPv6 (link-local) when unnumbered. */
  public AddressFamily transportFamily() {
    return unnumbered ? AddressFamily.IPV6_UNICAST : AddressFamily.of(address);
  }
}
