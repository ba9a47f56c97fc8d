package io.metallb.speaker.bgp.message;

import java.util.Optional;

/**
 * BGP message types (RFC 4271 §4.1, RFC 2918 §3). Append only — the codes are part of the wire
 * protocol.
 */
public enum MessageType {
  /** RFC 4271 §4.2. */
  OPEN(1),
  /** RFC 4271 §4.3. */
  UPDATE(2),
  /** RFC 4271 §4.5. */
  NOTIFICATION(3),
  /** RFC 4271 §4.4. */
  KEEPALIVE(4),
  /** RFC 2918 §3. */
  ROUTE_REFRESH(5);

  private final int code;

  MessageType(int code) {
    this.code = code;
  }

  /** The type octet on the wire. */
  public int code() {
    return code;
  }

  /** The type with wire code {@code code}, if known. */
  public static Optional<MessageType> of(int code) {
    for (MessageType t : values()) {
      if (t.code == code) {
        return Optional.of(t);
      }
    }
    return Optional.empty();
  }
}
