package io.metallb.speaker.bgp.fsm;

import io.metallb.speaker.bgp.message.Family;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/**
 * The FSM's configuration, derived from a BGPPeer.
 *
 * @param localAsn our AS
 * @param peerAsn the expected peer AS; 0 with {@code dynamicAsn}
 * @param dynamicAsn {@code internal}, {@code external} or empty
 * @param holdTime hold time we propose; zero proposes no hold timer (spec §10.5)
 * @param keepaliveTime keepalive wanted, or empty for a third of the negotiated hold time
 * @param connectRetryTime fixed delay between connection attempts, or empty for {@link Backoff}
 * @param families families we announce with the multiprotocol capability
 * @param gracefulRestart graceful restart we announce (RFC 4724), or empty
 * @param extendedNextHop whether we announce IPv4 unicast with IPv6 next hops (RFC 8950 §3): the
 *     IPv4 routes of an unnumbered session, which has only IPv6 link-local addresses
 */
public record SessionSettings(
    long localAsn,
    long peerAsn,
    String dynamicAsn,
    Duration holdTime,
    Optional<Duration> keepaliveTime,
    Optional<Duration> connectRetryTime,
    Set<Family> families,
    Optional<GracefulRestartSettings> gracefulRestart,
    boolean extendedNextHop) {
  /** MetalLB's hold time when the peer sets none (spec §10.5). */
  public static final Duration DEFAULT_HOLD_TIME = Duration.ofSeconds(90);

  /** Copies the set and checks the hold time (RFC 4271 §4.2: 0 or at least 3 s). */
  public SessionSettings {
    families = Set.copyOf(families);
    long hold = holdTime.toSeconds();
    if (hold != 0 && (hold < 3 || hold > 0xffff)) {
      throw new IllegalArgumentException("hold time must be 0 or 3..65535 s: " + holdTime);
    }
  }

  /** Settings without the extended next hop capability: a numbered session. */
  public SessionSettings(long localAsn, long peerAsn, String dynamicAsn, Duration holdTime, Optional<Duration> keepaliveTime,
      Optional<Duration> connectRetryTime, Set<Family> families, Optional<GracefulRestartSettings> gracefulRestart) {
    this(localAsn, peerAsn, dynamicAsn, holdTime, keepaliveTime, connectRetryTime, families, gracefulRestart, false);
  }

  /**
   * Graceful restart as we announce it.
   *
   * @param restartTime how long the peer should keep our routes while we restart, at most 4095 s
   * @param restarting whether this process has just restarted (the R bit)
   */
  public record GracefulRestartSettings(Duration restartTime, boolean restarting) {
    /** FRR's default restart time. */
    public static final Duration DEFAULT_RESTART_TIME = Duration.ofSeconds(120);
  }
}
