package io.metallb.speaker.bgp.fsm;

/** Session states of RFC 4271 §8.2.2. This speaker only dials out, so there is no listening. */
public enum State {
  /** Stopped: refuses to connect until started (RFC 4271 §8.2.2 Idle). */
  IDLE,
  /** Waiting for the TCP connection it is making (RFC 4271 §8.2.2 Connect). */
  CONNECT,
  /** Waiting for the ConnectRetry timer after a failure (RFC 4271 §8.2.2 Active, without listening). */
  ACTIVE,
  /** OPEN sent, waiting for the peer's (RFC 4271 §8.2.2 OpenSent). */
  OPEN_SENT,
  /** OPENs exchanged, waiting for the first KEEPALIVE (RFC 4271 §8.2.2 OpenConfirm). */
  OPEN_CONFIRM,
  /** Exchanging UPDATEs (RFC 4271 §8.2.2 Established). */
  ESTABLISHED
}
