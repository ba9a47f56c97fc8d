package io.metallb.speaker.bfd;

/**
 * BFD metrics with the names of MetalLB's FRR-mode exporter (spec §13.3); the {@code peer} label is
 * the peer's IP address. Implementations must be thread-safe and must not block. The speaker
 * exports them through {@code io.metallb.speaker.k8s.PrometheusBfdMetrics}; {@link
 * InMemoryBfdMetrics} holds them for tests.
 */
public interface BfdMetrics {
  /** Gauge: 1 while the session is Up, else 0. */
  String SESSION_UP = "metallb_bfd_session_up";
  /** Counter: control packets received for the session (accepted by the codec and selected). */
  String CONTROL_PACKET_INPUT = "metallb_bfd_control_packet_input";
  /** Counter: control packets sent. */
  String CONTROL_PACKET_OUTPUT = "metallb_bfd_control_packet_output";
  /** Counter: transitions to Up. */
  String SESSION_UP_EVENTS = "metallb_bfd_session_up_events";
  /** Counter: transitions from Up to Down or AdminDown. */
  String SESSION_DOWN_EVENTS = "metallb_bfd_session_down_events";
  /** Counter (label {@code reason}): datagrams discarded (RFC 5880 §6.8.6); ours, not one of MetalLB's. */
  String CONTROL_PACKET_DROPPED = "metallb_bfd_control_packet_dropped_total";

  /** Creates the peer's series: down, counters at zero. */
  void sessionCreated(String peer);

  /** Sets {@value #SESSION_UP}. */
  void sessionUp(String peer, boolean up);

  /** Adds one to {@value #SESSION_UP_EVENTS} or {@value #SESSION_DOWN_EVENTS}. */
  void sessionEvent(String peer, boolean up);

  /** Adds one to {@value #CONTROL_PACKET_INPUT}. */
  void packetReceived(String peer);

  /** Adds one to {@value #CONTROL_PACKET_OUTPUT}. */
  void packetSent(String peer);

  /** Adds one to {@value #CONTROL_PACKET_DROPPED} for {@code reason}. */
  void packetDropped(DropReason reason);

  /** Deletes the peer's series (the session is gone). */
  void sessionDeleted(String peer);
}
