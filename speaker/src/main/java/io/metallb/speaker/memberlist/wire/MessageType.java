package io.metallb.speaker.memberlist.wire;

import java.util.Optional;

/**
 * memberlist's message type byte, the first byte of every message on the wire (memberlist
 * {@code net.go}, {@code messageType}; {@code hasLabelMsg} from {@code label.go}).
 *
 * <p>Append only — values are part of the wire protocol.
 */
public enum MessageType {
  PING(0),
  INDIRECT_PING(1),
  ACK_RESP(2),
  SUSPECT(3),
  ALIVE(4),
  DEAD(5),
  PUSH_PULL(6),
  COMPOUND(7),
  USER(8),
  COMPRESS(9),
  ENCRYPT(10),
  NACK_RESP(11),
  HAS_CRC(12),
  ERR(13),
  /** memberlist v0.3+ {@code label.go}: a packet or stream prefixed by a cluster label. */
  HAS_LABEL(244);

  private static final MessageType[] BY_CODE = new MessageType[256];

  static {
    for (MessageType type : values()) {
      BY_CODE[type.code] = type;
    }
  }

  private final int code;

  MessageType(int code) {
    this.code = code;
  }

  /** The byte on the wire, 0–255. */
  public int code() {
    return code;
  }

  /** The type for a wire byte, if memberlist defines one. */
  public static Optional<MessageType> of(int code) {
    return Optional.ofNullable(BY_CODE[code & 0xff]);
  }
}
