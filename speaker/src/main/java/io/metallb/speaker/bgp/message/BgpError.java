package io.metallb.speaker.bgp.message;

import java.util.Optional;

/**
 * NOTIFICATION error code and subcode pairs: RFC 4271 §4.5 and §6, RFC 4486 (Cease subcodes), RFC
 * 5492 §5 (unsupported capability), RFC 9384 (Cease: BFD Down). Append only — the codes are part of
 * the wire protocol.
 */
public enum BgpError {
  MESSAGE_HEADER_ERROR(1, 0, "Message header error"),
  CONNECTION_NOT_SYNCHRONIZED(1, 1, "Connection not synchronized"),
  BAD_MESSAGE_LENGTH(1, 2, "Bad message length"),
  BAD_MESSAGE_TYPE(1, 3, "Bad message type"),
  OPEN_MESSAGE_ERROR(2, 0, "OPEN message error"),
  UNSUPPORTED_VERSION_NUMBER(2, 1, "Unsupported version number"),
  BAD_PEER_AS(2, 2, "Bad peer AS"),
  BAD_BGP_IDENTIFIER(2, 3, "Bad BGP identifier"),
  UNSUPPORTED_OPTIONAL_PARAMETER(2, 4, "Unsupported optional parameter"),
  UNACCEPTABLE_HOLD_TIME(2, 6, "Unacceptable hold time"),
  UNSUPPORTED_CAPABILITY(2, 7, "Unsupported capability"),
  UPDATE_MESSAGE_ERROR(3, 0, "UPDATE message error"),
  MALFORMED_ATTRIBUTE_LIST(3, 1, "Malformed Attribute List"),
  UNRECOGNIZED_WELL_KNOWN_ATTRIBUTE(3, 2, "Unrecognized Well-known Attribute"),
  MISSING_WELL_KNOWN_ATTRIBUTE(3, 3, "Missing Well-known Attribute"),
  ATTRIBUTE_FLAGS_ERROR(3, 4, "Attribute Flags Error"),
  ATTRIBUTE_LENGTH_ERROR(3, 5, "Attribute Length Error"),
  INVALID_ORIGIN_ATTRIBUTE(3, 6, "Invalid ORIGIN Attribute"),
  INVALID_NEXT_HOP_ATTRIBUTE(3, 8, "Invalid NEXT_HOP Attribute"),
  OPTIONAL_ATTRIBUTE_ERROR(3, 9, "Optional Attribute Error"),
  INVALID_NETWORK_FIELD(3, 10, "Invalid Network Field"),
  MALFORMED_AS_PATH(3, 11, "Malformed AS_PATH"),
  HOLD_TIMER_EXPIRED(4, 0, "Hold Timer Expired"),
  FSM_ERROR(5, 0, "BGP FSM state error"),
  FSM_UNEXPECTED_IN_OPEN_SENT(5, 1, "Receive Unexpected Message in OpenSent State"),
  FSM_UNEXPECTED_IN_OPEN_CONFIRM(5, 2, "Receive Unexpected Message in OpenConfirm State"),
  FSM_UNEXPECTED_IN_ESTABLISHED(5, 3, "Receive Unexpected Message in Established State"),
  CEASE(6, 0, "Cease"),
  CEASE_MAXIMUM_PREFIXES(6, 1, "Maximum Number of Prefixes Reached"),
  CEASE_ADMINISTRATIVE_SHUTDOWN(6, 2, "Administrative Shutdown"),
  CEASE_PEER_DECONFIGURED(6, 3, "Peer De-configured"),
  CEASE_ADMINISTRATIVE_RESET(6, 4, "Administrative Reset"),
  CEASE_CONNECTION_REJECTED(6, 5, "Connection Rejected"),
  CEASE_OTHER_CONFIGURATION_CHANGE(6, 6, "Other Configuration Change"),
  CEASE_CONNECTION_COLLISION_RESOLUTION(6, 7, "Connection Collision Resolution"),
  CEASE_OUT_OF_RESOURCES(6, 8, "Out of Resources"),
  CEASE_BFD_DOWN(6, 10, "BFD Down");

  private final int code;
  private final int subcode;
  private final String text;

  BgpError(int code, int subcode, String text) {
    this.code = code;
    this.subcode = subcode;
    this.text = text;
  }

  /** The error code octet. */
  public int code() {
    return code;
  }

  /** The error subcode octet. */
  public int subcode() {
    return subcode;
  }

  /** The RFC's name for the error (MetalLB's log text, spec §10.10). */
  public String text() {
    return text;
  }

  /** The error with these codes, if known. */
  public static Optional<BgpError> of(int code, int subcode) {
    for (BgpError e : values()) {
      if (e.code == code && e.subcode == subcode) {
        return Optional.of(e);
      }
    }
    return Optional.empty();
  }

  /** A NOTIFICATION carrying this error and {@code data}. */
  public Notification notification(byte... data) {
    return new Notification(code, subcode, new Octets(data));
  }
}
