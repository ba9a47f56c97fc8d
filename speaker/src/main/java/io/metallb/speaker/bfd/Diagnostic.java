package io.metallb.speaker.bfd;

import java.util.Optional;

/**
 * The Diag field: why the sender's session last changed state (RFC 5880 §4.1). Codes 9–31 are
 * reserved; a packet carrying one is still valid, so {@link ControlPacket} keeps the raw code.
 * Append only: the codes are part of the wire protocol.
 */
public enum Diagnostic {
  NONE(0, "No Diagnostic"),
  CONTROL_DETECTION_TIME_EXPIRED(1, "Control Detection Time Expired"),
  ECHO_FUNCTION_FAILED(2, "Echo Function Failed"),
  NEIGHBOR_SIGNALED_SESSION_DOWN(3, "Neighbor Signaled Session Down"),
  FORWARDING_PLANE_RESET(4, "Forwarding Plane Reset"),
  PATH_DOWN(5, "Path Down"),
  CONCATENATED_PATH_DOWN(6, "Concatenated Path Down"),
  ADMINISTRATIVELY_DOWN(7, "Administratively Down"),
  REVERSE_CONCATENATED_PATH_DOWN(8, "Reverse Concatenated Path Down");

  private final int code;
  private final String text;

  Diagnostic(int code, String text) {
    this.code = code;
    this.text = text;
  }

  /** The 5-bit wire code. */
  public int code() {
    return code;
  }

  /** The RFC's name, for logs. */
  public String text() {
    return text;
  }

  /** The diagnostic with wire code {@code code}, or empty for a reserved code. */
  public static Optional<Diagnostic> of(int code) {
    for (Diagnostic d : values()) {
      if (d.code == code) {
        return Optional.of(d);
      }
    }
    return Optional.empty();
  }
}
