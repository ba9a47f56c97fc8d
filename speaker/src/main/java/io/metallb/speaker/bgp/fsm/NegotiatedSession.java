package io.metallb.speaker.bgp.fsm;

import io.metallb.net.IpAddress;
import io.metallb.speaker.bgp.message.Family;
import java.time.Duration;
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
    long peerIdentifier) {
  /** Copies the set. */
  public NegotiatedSession {
    families = Set.copyOf(families);
  }

  /** Whether the session is internal (iBGP): both ends in one AS. */
  public boolean internal() {
    return localAsn == peerAsn;
  }
}
