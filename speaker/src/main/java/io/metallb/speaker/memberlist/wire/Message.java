package io.metallb.speaker.memberlist.wire;

import java.util.List;
import java.util.Objects;

/**
 * A memberlist message, as carried in one UDP packet (possibly inside a compound) or one TCP
 * stream. The records mirror the Go structs of memberlist {@code net.go}; field comments give the
 * Go field name. Unsigned 32-bit values are held in {@code long}s and validated.
 */
public sealed interface Message {
  /** The type byte this message is written with. */
  MessageType type();

  /** Checks an unsigned 32-bit value. */
  private static long uint32(String what, long value) {
    if (value < 0 || value > 0xFFFF_FFFFL) {
      throw new IllegalArgumentException(what + " out of uint32 range: " + value);
    }
    return value;
  }

  /** Checks an unsigned 16-bit value. */
  private static int uint16(String what, int value) {
    if (value < 0 || value > 0xFFFF) {
      throw new IllegalArgumentException(what + " out of uint16 range: " + value);
    }
    return value;
  }

  /**
   * {@code ping}: a direct probe. {@code node} is the intended recipient's name (empty: any); the
   * source fields (omitted on the wire when empty) say where to send the ack.
   */
  record Ping(long seqNo, String node, Bytes sourceAddr, int sourcePort, String sourceNode) implements Message {
    /** Validates ranges and nulls. */
    public Ping {
      uint32("SeqNo", seqNo);
      uint16("SourcePort", sourcePort);
      Objects.requireNonNull(node);
      Objects.requireNonNull(sourceAddr);
      Objects.requireNonNull(sourceNode);
    }

    @Override
    public MessageType type() {
      return MessageType.PING;
    }
  }

  /** {@code indirectPingReq}: asks the receiver to ping {@code target:port} named {@code node}. */
  record IndirectPing(long seqNo, Bytes target, int port, String node, boolean nack, Bytes sourceAddr,
      int sourcePort, String sourceNode) implements Message {
    /** Validates ranges and nulls. */
    public IndirectPing {
      uint32("SeqNo", seqNo);
      uint16("Port", port);
      uint16("SourcePort", sourcePort);
      Objects.requireNonNull(target);
      Objects.requireNonNull(node);
      Objects.requireNonNull(sourceAddr);
      Objects.requireNonNull(sourceNode);
    }

    @Override
    public MessageType type() {
      return MessageType.INDIRECT_PING;
    }
  }

  /** {@code ackResp}: answers a ping with the same sequence number. */
  record Ack(long seqNo, Bytes payload) implements Message {
    /** Validates ranges and nulls. */
    public Ack {
      uint32("SeqNo", seqNo);
      Objects.requireNonNull(payload);
    }

    @Override
    public MessageType type() {
      return MessageType.ACK_RESP;
    }
  }

  /** {@code nackResp}: an indirect prober could not reach the target in time. */
  record Nack(long seqNo) implements Message {
    /** Validates the range. */
    public Nack {
      uint32("SeqNo", seqNo);
    }

    @Override
    public MessageType type() {
      return MessageType.NACK_RESP;
    }
  }

  /** {@code errResp}: a stream request failed on the remote side. */
  record ErrorResponse(String error) implements Message {
    /** Validates nulls. */
    public ErrorResponse {
      Objects.requireNonNull(error);
    }

    @Override
    public MessageType type() {
      return MessageType.ERR;
    }
  }

  /** {@code suspect}: {@code from} suspects {@code node} at {@code incarnation}. */
  record Suspect(long incarnation, String node, String from) implements Message {
    /** Validates ranges and nulls. */
    public Suspect {
      uint32("Incarnation", incarnation);
      Objects.requireNonNull(node);
      Objects.requireNonNull(from);
    }

    @Override
    public MessageType type() {
      return MessageType.SUSPECT;
    }
  }

  /** {@code alive}: {@code node} is alive at {@code incarnation}, reachable at addr:port. */
  record Alive(long incarnation, String node, Bytes addr, int port, Bytes meta, ProtocolVersions vsn)
      implements Message {
    /** Validates ranges and nulls. */
    public Alive {
      uint32("Incarnation", incarnation);
      uint16("Port", port);
      Objects.requireNonNull(node);
      Objects.requireNonNull(addr);
      Objects.requireNonNull(meta);
      Objects.requireNonNull(vsn);
    }

    @Override
    public MessageType type() {
      return MessageType.ALIVE;
    }
  }

  /** {@code dead}: {@code from} declares {@code node} dead; {@code node == from} means it left. */
  record Dead(long incarnation, String node, String from) implements Message {
    /** Validates ranges and nulls. */
    public Dead {
      uint32("Incarnation", incarnation);
      Objects.requireNonNull(node);
      Objects.requireNonNull(from);
    }

    @Override
    public MessageType type() {
      return MessageType.DEAD;
    }
  }

  /** {@code pushNodeState}: one member in a push-pull exchange. */
  record NodeState(String name, Bytes addr, int port, Bytes meta, long incarnation, MemberState state,
      ProtocolVersions vsn) {
    /** Validates ranges and nulls. */
    public NodeState {
      uint32("Incarnation", incarnation);
      uint16("Port", port);
      Objects.requireNonNull(name);
      Objects.requireNonNull(addr);
      Objects.requireNonNull(meta);
      Objects.requireNonNull(state);
      Objects.requireNonNull(vsn);
    }
  }

  /**
   * A push-pull exchange over TCP: {@code pushPullHeader} then one {@code pushNodeState} per member,
   * then {@code userState} (delegate state; empty here).
   */
  record PushPull(boolean join, List<NodeState> nodes, Bytes userState) implements Message {
    /** Copies the list. */
    public PushPull {
      nodes = List.copyOf(nodes);
      Objects.requireNonNull(userState);
    }

    @Override
    public MessageType type() {
      return MessageType.PUSH_PULL;
    }
  }

  /** {@code userMsg} over UDP: opaque delegate data, carried but not interpreted. */
  record User(Bytes payload) implements Message {
    /** Validates nulls. */
    public User {
      Objects.requireNonNull(payload);
    }

    @Override
    public MessageType type() {
      return MessageType.USER;
    }
  }
}
