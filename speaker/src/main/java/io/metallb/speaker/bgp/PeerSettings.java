package io.metallb.speaker.bgp;

import io.metallb.config.Peer;
import io.metallb.net.IpAddress;
import io.metallb.speaker.bgp.fsm.SessionSettings;
import io.metallb.speaker.bgp.message.Family;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Optional;

/**
 * How a parsed {@link Peer} is dialled and negotiated. Pure.
 *
 * @param name the BGPPeer name (the {@code peers} filter of advertisements matches it)
 * @param address the peer's address; {@link #UNNUMBERED} for an unnumbered peer, whose link-local
 *     address is learned on {@code iface} at dial time
 * @param port the peer's TCP port
 * @param sourceAddress the local address to bind, if set
 * @param md5Key the TCP MD5 key (RFC 2385), empty for none
 * @param ttl the IP TTL / hop limit to send with, or empty for the system default
 * @param routerId the configured BGP Identifier, if any
 * @param session the FSM settings
 * @param dualStack {@code dualStackAddressFamily}: the session also carries the other family's
 *     routes, with our interface's address of that family as their next hop
 * @param iface the node interface of an unnumbered peer ({@code interface}, FRR modes), else empty
 */
public record PeerSettings(
    String name,
    IpAddress address,
    int port,
    Optional<IpAddress> sourceAddress,
    byte[] md5Key,
    Optional<Integer> ttl,
    Optional<IpAddress> routerId,
    SessionSettings session,
    boolean dualStack,
    Optional<String> iface) {
  /** The placeholder address of an unnumbered peer: the unspecified address {@code ::} (RFC 4291 §2.5.2). */
  public static final IpAddress UNNUMBERED = IpAddress.of("::");
  /** TTL for eBGP multihop: the most a packet can travel. */
  public static final int MULTIHOP_TTL = 255;
  /** TTL for directly connected eBGP, as FRR sends it. */
  public static final int DIRECT_EBGP_TTL = 1;

  /** Copies the key. */
  public PeerSettings {
    md5Key = md5Key.clone();
  }

  /** Settings of a single-family session. */
  public PeerSettings(String name, IpAddress address, int port, Optional<IpAddress> sourceAddress, byte[] md5Key,
      Optional<Integer> ttl, Optional<IpAddress> routerId, SessionSettings session) {
    this(name, address, port, sourceAddress, md5Key, ttl, routerId, session, false);
  }

  /** Settings of a numbered session. */
  public PeerSettings(String name, IpAddress address, int port, Optional<IpAddress> sourceAddress, byte[] md5Key,
      Optional<Integer> ttl, Optional<IpAddress> routerId, SessionSettings session, boolean dualStack) {
    this(name, address, port, sourceAddress, md5Key, ttl, routerId, session, dualStack, Optional.empty());
  }

  /** A copy of the MD5 key. */
  @Override
  public byte[] md5Key() {
    return md5Key.clone();
  }

  /**
   * The {@code peer} label of the metrics: {@code <address>:<port>}, or for an unnumbered peer its
   * interface name, as FRR names such a neighbour.
   */
  public String metricsLabel() {
    return iface.orElseGet(() -> address + ":" + port);
  }

  /**
   * Settings for {@code peer}. Hold time: as configured (the v1beta1 zero stays zero, spec §10.5),
   * else {@value SessionSettings#DEFAULT_HOLD_TIME}; {@code connectTime} is the fixed retry
   * interval (else the 1 s…120 s backoff); the password is {@code password} or else the
   * {@code passwordSecret}'s; both IPv4 and IPv6 unicast are offered. {@code localASN} (FRR modes)
   * is the AS this session presents, as FRR's {@code local-as N no-prepend replace-as}: the OPEN
   * and the AS_PATH carry it alone, and it decides iBGP or eBGP.
   * An unnumbered ({@code interface}) peer is dialled at the link-local address learned on that
   * interface and also offers IPv4 routes with IPv6 next hops (RFC 8950), as FRR does.
   *
   * @param restarted whether this process restarted, which sets graceful restart's R bit
   * @throws IllegalArgumentException for a peer in a VRF, which is not supported (the message names
   *     the peer and the field)
   */
  public static PeerSettings of(Peer peer, boolean restarted) {
    Optional<String> iface = peer.address() == null ? Optional.ofNullable(peer.iface()).filter(i -> !i.isEmpty()) : Optional.empty();
    if (peer.address() == null && iface.isEmpty()) {
      throw new IllegalArgumentException("peer " + peer.name() + ": neither an address nor an interface");
    }
    if (peer.vrf() != null && !peer.vrf().isEmpty()) {
      throw new IllegalArgumentException("peer " + peer.name() + ": vrf \"" + peer.vrf() + "\" is not supported, sessions are dialled in the default VRF");
    }
    long myAsn = peer.localAsn() != 0 ? peer.localAsn() : peer.myAsn();
    Duration hold = peer.holdTime() != null ? Duration.ofSeconds(peer.holdTime().toSeconds()) : SessionSettings.DEFAULT_HOLD_TIME;
    Optional<SessionSettings.GracefulRestartSettings> gr = peer.enableGracefulRestart()
        ? Optional.of(new SessionSettings.GracefulRestartSettings(SessionSettings.GracefulRestartSettings.DEFAULT_RESTART_TIME, restarted))
        : Optional.empty();
    SessionSettings session = new SessionSettings(myAsn, peer.asn(), peer.dynamicAsn() == null ? "" : peer.dynamicAsn(),
        hold, Optional.ofNullable(peer.keepaliveTime()), Optional.ofNullable(peer.connectTime()).filter(d -> !d.isZero()),
        EnumSet.allOf(Family.class), gr, iface.isPresent());
    String password = peer.password() != null && !peer.password().isEmpty() ? peer.password()
        : peer.secretPassword() == null ? "" : peer.secretPassword();
    boolean external = peer.dynamicAsn() != null && !peer.dynamicAsn().isEmpty()
        ? peer.dynamicAsn().equals("external") : peer.asn() != myAsn;
    Optional<Integer> ttl = peer.ebgpMultiHop() ? Optional.of(MULTIHOP_TTL)
        : external ? Optional.of(DIRECT_EBGP_TTL) : Optional.empty();
    return new PeerSettings(peer.name(), iface.isPresent() ? UNNUMBERED : peer.address(), peer.port(),
        Optional.ofNullable(peer.sourceAddress()), password.getBytes(StandardCharsets.UTF_8), ttl, Optional.ofNullable(peer.routerId()),
        session, peer.dualStackAddressFamily(), iface);
  }
}
