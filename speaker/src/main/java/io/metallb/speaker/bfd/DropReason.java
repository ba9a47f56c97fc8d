package io.metallb.speaker.bfd;

/**
 * Why a received datagram was discarded instead of reaching a session: the discard rules of RFC
 * 5880 §6.8.6, checked in the RFC's order, plus session selection. Drops are counted, never
 * thrown. Packets with a TTL below the minimum (RFC 5881 §5, RFC 5883 §2) never get here: a socket
 * filter drops them in the kernel.
 */
public enum DropReason {
  /** The Version field is not {@value ControlPacketCodec#VERSION}. */
  BAD_VERSION,
  /**
   * The datagram is shorter than a header, the Length field is below the minimum ({@value
   * ControlPacketCodec#MINIMUM_LENGTH}, or 26 with the A bit), or it exceeds the datagram.
   */
  BAD_LENGTH,
  /** The A bit is set, and no authentication is configured (we support none). */
  AUTHENTICATION,
  /** The Detect Mult field is zero. */
  ZERO_DETECT_MULTIPLIER,
  /** The Multipoint (M) bit is set. */
  MULTIPOINT,
  /** The My Discriminator field is zero. */
  ZERO_MY_DISCRIMINATOR,
  /** Your Discriminator is zero while the State field is Init or Up. */
  ZERO_YOUR_DISCRIMINATOR,
  /** Neither Your Discriminator nor the source address (and hop mode) selects one of our sessions. */
  NO_SESSION,
  /** The selected session is AdminDown, which discards everything it receives. */
  LOCAL_ADMIN_DOWN
}
