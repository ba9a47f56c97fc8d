package io.metallb.lab.bgp;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * One BGP neighbour of a lab router.
 *
 * @param address the neighbour's address
 * @param remoteAsn its AS number
 * @param passive whether to only accept its connection (never dial out)
 * @param md5Password TCP MD5 password (RFC 2385), if any
 * @param multihopTtl eBGP multihop TTL, 0 for directly connected
 * @param families the address families activated on the session
 * @param bfd whether BFD guards the session (with the router's {@link BfdProfile})
 */
public record Neighbor(
    String address,
    long remoteAsn,
    boolean passive,
    Optional<String> md5Password,
    int multihopTtl,
    Set<AddressFamily> families,
    boolean bfd) {
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

  /** An active, directly connected neighbour without MD5 or BFD, carrying its address's family. */
  public static Neighbor of(String address, long remoteAsn) {
    return new Neighbor(address, remoteAsn, false, Optional.empty(), 0, Set.of(AddressFamily.of(address)), false);
  }

  /** A copy that only accepts connections. */
  public Neighbor asPassive() {
    return new Neighbor(address, remoteAsn, true, md5Password, multihopTtl, families, bfd);
  }

  /** A copy with a TCP MD5 password. */
  public Neighbor withMd5(String password) {
    return new Neighbor(address, remoteAsn, passive, Optional.of(password), multihopTtl, families, bfd);
  }

  /** A copy with eBGP multihop {@code ttl}. */
  public Neighbor withMultihop(int ttl) {
    return new Neighbor(address, remoteAsn, passive, md5Password, ttl, families, bfd);
  }

  /** A copy with BFD on. */
  public Neighbor withBfd() {
    return new Neighbor(address, remoteAsn, passive, md5Password, multihopTtl, families, true);
  }

  /** The family of the session's transport address. */
  public AddressFamily transportFamily() {
    return AddressFamily.of(address);
  }
}
