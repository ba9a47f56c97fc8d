package io.metallb.speaker.bfd;

import io.metallb.config.BfdProfile;
import io.metallb.config.Peer;
import io.metallb.net.IpAddress;
import java.time.Duration;
import java.util.Optional;

/**
 * The BFD session a BGPPeer with {@code bfdProfile} asks for. Pure.
 *
 * @param address the peer's address: the session's destination
 * @param sourceAddress the local address to send from, if the peer sets {@code sourceAddress}
 * @param multihop RFC 5883 (UDP port 4784, TTL checked against {@code minimumTtl}) when the peer
 *     has {@code ebgpMultiHop}, else single hop (RFC 5881: port 3784, TTL must be 255)
 * @param parameters timers and role
 * @param minimumTtl the lowest TTL / hop limit accepted on a multihop session (1–255)
 * @param profile the BFDProfile's name, for logs
 */
public record BfdPeerSettings(
    IpAddress address, Optional<IpAddress> sourceAddress, boolean multihop, BfdParameters parameters, int minimumTtl, String profile) {
  /** FRR's default {@code minimum-ttl} (spec §3.6): the peer is at most one router away. */
  public static final int DEFAULT_MINIMUM_TTL = 254;
  /** The TTL / hop limit BFD packets are sent with, and the only one single hop accepts (RFC 5881 §5). */
  public static final int TTL = 255;

  /** @throws IllegalArgumentException if {@code minimumTtl} is not 1–255 */
  public BfdPeerSettings {
    if (minimumTtl < 1 || minimumTtl > TTL) {
      throw new IllegalArgumentException("minimum TTL must be 1-255: " + minimumTtl);
    }
  }

  /**
   * The session for {@code peer} with {@code profile}; unset profile fields take FRR's defaults
   * (spec §12). Echo fields are ignored: the native BFD has no Echo function.
   *
   * @param profile the peer's BFDProfile, or null when it names none that exists (all defaults)
   * @throws IllegalArgumentException for an unnumbered (interface) peer
   */
  public static BfdPeerSettings of(Peer peer, BfdProfile profile) {
    if (peer.address() == null) {
      throw new IllegalArgumentException("peer " + peer.name() + ": BFD needs a peer address");
    }
    BfdParameters defaults = BfdParameters.FRR_DEFAULTS;
    BfdParameters parameters = profile == null ? defaults : new BfdParameters(
        profile.transmitInterval() == null ? defaults.desiredMinTx() : Duration.ofMillis(profile.transmitInterval()),
        profile.receiveInterval() == null ? defaults.requiredMinRx() : Duration.ofMillis(profile.receiveInterval()),
        profile.detectMultiplier() == null ? defaults.detectMultiplier() : profile.detectMultiplier().intValue(),
        profile.passiveMode());
    int minimumTtl = profile == null || profile.minimumTtl() == null ? DEFAULT_MINIMUM_TTL : profile.minimumTtl().intValue();
    return new BfdPeerSettings(peer.address(), Optional.ofNullable(peer.sourceAddress()), peer.ebgpMultiHop(), parameters,
        minimumTtl, profile == null ? peer.bfdProfile() : profile.name());
  }

  /** The session's identity: one session per address and hop mode, shared by the BGP peers using it. */
  public Key key() {
    return new Key(address, multihop);
  }

  /**
   * A BFD session's identity.
   *
   * @param address the peer's address
   * @param multihop RFC 5883 rather than RFC 5881
   */
  public record Key(IpAddress address, boolean multihop) {}
}
