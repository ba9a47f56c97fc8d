package io.metallb.speaker.bfd;

/**
 * The State field of a BFD Control packet and {@code bfd.SessionState} (RFC 5880 §4.1, §6.2).
 * Append only: the codes are part of the wire protocol.
 */
public enum SessionState {
  /** The session is held down administratively (code 0). */
  ADMIN_DOWN(0),
  /** The session is down or just created (code 1). */
  DOWN(1),
  /** The remote end is talking to us, but we have not yet heard that it hears us (code 2). */
  INIT(2),
  /** Both ends hear each other (code 3). */
  UP(3);

  private final int code;

  SessionState(int code) {
    this.code = code;
  }

  /** The 2-bit wire code. */
  public int code() {
    return code;
  }

  /** The state with wire code {@code code} (0–3; every 2-bit value is defined). */
  public static SessionState of(int code) {
    return switch (code) {
      case 0 -> ADMIN_DOWN;
      case 1 -> DOWN;
      case 2 -> INIT;
      case 3 -> UP;
      default -> throw new IllegalArgumentException("BFD state code is 2 bits: " + code);
    };
  }
}
