package io.metallb.speaker.bgp.fsm;

/** The session's timers (RFC 4271 §10). */
public enum Timer {
  /** Delay before the next connection attempt. */
  CONNECT_RETRY,
  /** Longest silence accepted from the peer. */
  HOLD,
  /** Period of our KEEPALIVEs. */
  KEEPALIVE
}
