package io.metallb.speaker.bgp.fsm;

import io.metallb.net.IpAddress;
import io.metallb.speaker.bgp.message.Family;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/**
 * What an OPEN exchange settled (RFC 4271 §4.2, RFC 4760 §8, RFC 6793 §3, RFC 4724 §3).
 *
 * @param localAddress our end of the connection: the next hop of our routes
 * @param localAsn our AS
 * @param peerAsn the peer's AS
 * @param fourOctetAs both sides support 4-octet ASNs
 * @param holdTime negotiated hold time; zero means no hold timer and no keepalives
 * @param keepaliveTime our keepalive period; zero when the hold time is zero
 * @param families families both sides announced
 * @param peerGracefulRestart the peer sent the graceful restart capability
 * @param peerIdentifier the peer's BGP Identifier
 * @param otherFamilyNextHop our address of the other family, for a dual-stack session (else empty)
 * @param ipv4OverIpv6 both sides announced IPv4 unicast with IPv6 next hops (RFC 8950 §3): with an
 *     IPv6 local address, IPv4 routes take it as next hop inside MP_REACH_NLRI
 */
public record NegotiatedSession(
    IpAddress localAddress,
    long localAsn,
    long peerAsn,
    boolean fourOctetAs,
    Duration holdTime,
    Duration keepaliveTime,
    Set<Family> families,
    boolean peerGracefulRestart,
    long peerIdentifier,
    Optional<IpAddress> otherFamilyNextHop,
    boolean ipv4OverIpv6) {
  /** Copies the set. */
  public NegotiatedSession {
    families = Set.copyOf(families);
  }

  /** A session without extended next hops. */
  public NegotiatedSession(IpAddress localAddress, long localAsn, long peerAsn, boolean fourOctetAs, Duration holdTime,
      Duration keepaliveTime, Set<Family> families, boolean peerGracefulRestart, long peerIdentifier,
      Optional<IpAddress> otherFamilyNextHop) {
    this(localAddress, localAsn, peerAsn, fourOctetAs, holdTime, keepaliveTime, families, peerGracefulRestart, peerIdentifier,
        otherFamilyNextHop, false);
  }

  /** A single-family session: routes of the local address's family only. */
  public NegotiatedSession(IpAddress localAddress, long localAsn, long peerAsn, boolean fourOctetAs, Duration holdTime,
      Duration keepaliveTime, Set<Family> families, boolean peerGracefulRestart, long peerIdentifier) {
    this(localAddress, localAsn, peerAsn, fourOctetAs, holdTime, keepaliveTime, families, peerGracefulRestart, peerIdentifier,
        Optional.empty());
  }

  /**
   * The next hop of {@code family}'s routes: our end's address when it is of that family, else the
   * dual-stack address; for IPv4 over an {@link #ipv4OverIpv6} session with an IPv6 local address,
   * that address; empty when the session cannot carry the family's routes.
   */
  public Optional<IpAddress> nextHop(Family family) {
    if (Family.of(localAddress.family()) == family) {
      return Optional.of(localAddress);
    }
    if (family == Family.IPV4_UNICAST && ipv4OverIpv6) {
      return Optional.of(localAddress);
    }
    return otherFamilyNextHop.filter(a -> Family.of(a.family()) == family);
  }

  /** Whether the session is internal (iBGP): both ends in one AS. */
  public boolean internal() {
    return localAsn == peerAsn;
  }
}
