package io.metallb.speaker.bgp;

/**
 * The speaker's BGP metrics, named and labelled as MetalLB's (spec §13.2). The label {@code peer}
 * is {@code "<address>:<port>"}. Implementations must be thread-safe and must not block.
 * The speaker exports them through {@code io.metallb.speaker.k8s.PrometheusBgpMetrics};
 * {@link InMemoryBgpMetrics} holds them for tests.
 */
public interface BgpMetrics {
  /** Gauge: 1 while the session is Established, else 0. */
  String SESSION_UP = "metallb_bgp_session_up";
  /** Counter: UPDATE messages sent (announcements and withdrawals). */
  String UPDATES_TOTAL = "metallb_bgp_updates_total";
  /** Gauge: prefixes currently advertised to the peer. */
  String ANNOUNCED_PREFIXES_TOTAL = "metallb_bgp_announced_prefixes_total";
  /** Gauge: prefixes that should be advertised to the peer. */
  String PENDING_PREFIXES_TOTAL = "metallb_bgp_pending_prefixes_total";

  /** Creates the peer's series: session down, nothing announced. */
  void sessionCreated(String peer);

  /** Sets {@value #SESSION_UP}. */
  void sessionUp(String peer, boolean up);

  /** Adds to {@value #UPDATES_TOTAL}. */
  void updatesSent(String peer, int count);

  /** Sets {@value #ANNOUNCED_PREFIXES_TOTAL} and {@value #PENDING_PREFIXES_TOTAL}. */
  void prefixes(String peer, int announced, int pending);

  /** Deletes the peer's series (the session was closed). */
  void sessionDeleted(String peer);
}
