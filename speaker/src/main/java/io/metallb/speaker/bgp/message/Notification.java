package io.metallb.speaker.bgp.message;

import java.util.Optional;

/**
 * A NOTIFICATION (RFC 4271 §4.5). Codes are kept as received, so unknown ones survive.
 *
 * @param code error code, 0..255
 * @param subcode error subcode, 0..255
 * @param data diagnostic data
 */
public record Notification(int code, int subcode, Octets data) implements BgpMessage {
  /** Checks the ranges. */
  public Notification {
    if (code < 0 || code > 255 || subcode < 0 || subcode > 255) {
      throw new IllegalArgumentException("NOTIFICATION code/subcode out of range: " + code + "/" + subcode);
    }
  }

  /** The known error, if any. */
  public Optional<BgpError> error() {
    return BgpError.of(code, subcode);
  }

  /** MetalLB's text for the error (spec §10.10): the RFC name or {@code unknown code}. */
  public String describe() {
    return error().map(BgpError::text).orElse("unknown code") + " (" + code + "/" + subcode + ")";
  }

  @Override
  public MessageType type() {
    return MessageType.NOTIFICATION;
  }
}
