package io.metallb.speaker.bgp.codec;

/** Framing constants of RFC 4271 §4.1. */
public final class Wire {
  /** Marker octets, all ones (RFC 4271 §4.1). */
  public static final int MARKER_LENGTH = 16;
  /** Header: marker, 2-octet length, 1-octet type (RFC 4271 §4.1). */
  public static final int HEADER_LENGTH = 19;
  /** Largest message (RFC 4271 §4.1; no extended messages). */
  public static final int MAX_MESSAGE_LENGTH = 4096;
  /** Offset of the length field. */
  public static final int LENGTH_OFFSET = 16;
  /** Smallest OPEN (RFC 4271 §4.2). */
  static final int MIN_OPEN_LENGTH = 29;
  /** Smallest UPDATE (RFC 4271 §4.3). */
  static final int MIN_UPDATE_LENGTH = 23;
  /** Smallest NOTIFICATION (RFC 4271 §4.5). */
  static final int MIN_NOTIFICATION_LENGTH = 21;
  /** ROUTE-REFRESH length (RFC 2918 §3). */
  static final int ROUTE_REFRESH_LENGTH = 23;

  private Wire() {}
}
