package io.metallb.speaker.memberlist.wire;

/**
 * Bytes that do not form a valid memberlist message. Carries the {@link DropReason} the transport
 * counts; decoders throw it, transports catch it and never let it escape.
 */
public final class WireFormatException extends Exception {
  private static final long serialVersionUID = 1L;

  private final DropReason reason;

  /** A failure for {@code reason} with a detail message. */
  public WireFormatException(DropReason reason, String message) {
    super(message);
    this.reason = reason;
  }

  /** A failure for {@code reason} caused by {@code cause}. */
  public WireFormatException(DropReason reason, String message, Throwable cause) {
    super(message, cause);
    this.reason = reason;
  }

  /** Why the input was dropped. */
  public DropReason reason() {
    return reason;
  }
}
