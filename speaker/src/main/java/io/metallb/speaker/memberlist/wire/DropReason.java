package io.metallb.speaker.memberlist.wire;

/** Why an inbound packet or stream was dropped; the transport counts each (metric label). */
public enum DropReason {
  /** Empty input or a length that points past the end. */
  TRUNCATED,
  /** A type byte memberlist does not define, or one not allowed at that place. */
  UNKNOWN_TYPE,
  /** The msgpack body does not decode into the expected struct. */
  MALFORMED_BODY,
  /** The CRC32 of a {@code hasCrcMsg} packet does not match. */
  BAD_CRC,
  /** Encryption is on and none of the keys could decrypt the packet (wrong secret). */
  DECRYPT_FAILED,
  /** Encryption is on (and incoming verification too) but the packet was plaintext. */
  NOT_ENCRYPTED,
  /** The packet is encrypted but this node has no key. */
  ENCRYPTION_NOT_CONFIGURED,
  /** The cluster label does not match ours. */
  LABEL_MISMATCH,
  /** The compressed payload does not decompress. */
  BAD_COMPRESSION,
  /** More data than memberlist allows (maxPushStateBytes). */
  TOO_LARGE,
  /** Valid bytes that the protocol logic refused (unexpected node name, incompatible versions). */
  REJECTED
}
