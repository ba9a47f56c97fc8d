package io.metallb.speaker.bgp.message;

/**
 * A ROUTE-REFRESH request (RFC 2918 §3).
 *
 * @param afi address family identifier
 * @param subtype the reserved octet (RFC 7313 uses it as a message subtype), kept as received
 * @param safi subsequent address family identifier
 */
public record RouteRefresh(int afi, int subtype, int safi) implements BgpMessage {
  /** A plain refresh request for {@code family}. */
  public static RouteRefresh of(Family family) {
    return new RouteRefresh(family.afi(), 0, family.safi());
  }

  @Override
  public MessageType type() {
    return MessageType.ROUTE_REFRESH;
  }
}
