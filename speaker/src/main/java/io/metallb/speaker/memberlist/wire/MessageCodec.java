package io.metallb.speaker.memberlist.wire;

import io.metallb.speaker.memberlist.wire.Message.Ack;
import io.metallb.speaker.memberlist.wire.Message.Alive;
import io.metallb.speaker.memberlist.wire.Message.Dead;
import io.metallb.speaker.memberlist.wire.Message.ErrorResponse;
import io.metallb.speaker.memberlist.wire.Message.IndirectPing;
import io.metallb.speaker.memberlist.wire.Message.Nack;
import io.metallb.speaker.memberlist.wire.Message.NodeState;
import io.metallb.speaker.memberlist.wire.Message.Ping;
import io.metallb.speaker.memberlist.wire.Message.PushPull;
import io.metallb.speaker.memberlist.wire.Message.Suspect;
import io.metallb.speaker.memberlist.wire.Message.User;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessageInsufficientBufferException;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessagePackException;
import org.msgpack.core.MessageUnpacker;

/**
 * Encodes and decodes single memberlist messages: the type byte followed by the msgpack body as
 * hashicorp/go-msgpack's {@code MsgpackHandle{}} writes it — structs as maps whose keys are the Go
 * field names in byte order, byte slices and strings as old-spec raw strings (fixraw, raw16,
 * raw32; never str8 or bin), nil slices as nil, {@code omitempty} fields left out when zero.
 * Decoding accepts str and bin for byte fields and ignores unknown keys. Pure and thread-safe.
 */
public final class MessageCodec {
  private static final MessagePack.PackerConfig PACKER = new MessagePack.PackerConfig().withStr8FormatSupport(false);

  private MessageCodec() {}

  /** The message's wire bytes: type byte and body. */
  public static byte[] encode(Message message) {
    try (MessageBufferPacker packer = PACKER.newBufferPacker()) {
      packer.writePayload(new byte[] {(byte) message.type().code()});
      writeBody(message, packer);
      return packer.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException("in-memory packer failed", e);
    }
  }

  /** The msgpack body only (no type byte), as {@code encode(msgType, v)} minus its first byte. */
  static void writeBody(Message message, MessageBufferPacker p) throws IOException {
    switch (message) {
      case Ping m -> {
        int fields = 2 + (m.sourceAddr().isEmpty() ? 0 : 1) + (m.sourcePort() == 0 ? 0 : 1)
            + (m.sourceNode().isEmpty() ? 0 : 1);
        p.packMapHeader(fields);
        str(p, "Node", m.node());
        uint(p, "SeqNo", m.seqNo());
        if (!m.sourceAddr().isEmpty()) {
          raw(p, "SourceAddr", m.sourceAddr());
        }
        if (!m.sourceNode().isEmpty()) {
          str(p, "SourceNode", m.sourceNode());
        }
        if (m.sourcePort() != 0) {
          uint(p, "SourcePort", m.sourcePort());
        }
      }
      case IndirectPing m -> {
        int fields = 5 + (m.sourceAddr().isEmpty() ? 0 : 1) + (m.sourcePort() == 0 ? 0 : 1)
            + (m.sourceNode().isEmpty() ? 0 : 1);
        p.packMapHeader(fields);
        p.packString("Nack");
        p.packBoolean(m.nack());
        str(p, "Node", m.node());
        uint(p, "Port", m.port());
        uint(p, "SeqNo", m.seqNo());
        if (!m.sourceAddr().isEmpty()) {
          raw(p, "SourceAddr", m.sourceAddr());
        }
        if (!m.sourceNode().isEmpty()) {
          str(p, "SourceNode", m.sourceNode());
        }
        if (m.sourcePort() != 0) {
          uint(p, "SourcePort", m.sourcePort());
        }
        raw(p, "Target", m.target());
      }
      case Ack m -> {
        p.packMapHeader(2);
        raw(p, "Payload", m.payload());
        uint(p, "SeqNo", m.seqNo());
      }
      case Nack m -> {
        p.packMapHeader(1);
        uint(p, "SeqNo", m.seqNo());
      }
      case ErrorResponse m -> {
        p.packMapHeader(1);
        str(p, "Error", m.error());
      }
      case Suspect m -> incarnationNodeFrom(p, m.from(), m.incarnation(), m.node());
      case Dead m -> incarnationNodeFrom(p, m.from(), m.incarnation(), m.node());
      case Alive m -> {
        p.packMapHeader(6);
        raw(p, "Addr", m.addr());
        uint(p, "Incarnation", m.incarnation());
        raw(p, "Meta", m.meta());
        str(p, "Node", m.node());
        uint(p, "Port", m.port());
        raw(p, "Vsn", Bytes.of(m.vsn().toBytes()));
      }
      case PushPull m -> {
        p.packMapHeader(3);
        p.packString("Join");
        p.packBoolean(m.join());
        uint(p, "Nodes", m.nodes().size());
        uint(p, "UserStateLen", m.userState().length());
        for (NodeState n : m.nodes()) {
          p.packMapHeader(7);
          raw(p, "Addr", n.addr());
          uint(p, "Incarnation", n.incarnation());
          raw(p, "Meta", n.meta());
          str(p, "Name", n.name());
          uint(p, "Port", n.port());
          uint(p, "State", n.state().code());
          raw(p, "Vsn", Bytes.of(n.vsn().toBytes()));
        }
        p.writePayload(m.userState().unsafeArray());
      }
      case User m -> p.writePayload(m.payload().unsafeArray());
    }
  }

  private static void incarnationNodeFrom(MessageBufferPacker p, String from, long incarnation, String node)
      throws IOException {
    p.packMapHeader(3);
    str(p, "From", from);
    uint(p, "Incarnation", incarnation);
    str(p, "Node", node);
  }

  private static void str(MessageBufferPacker p, String key, String value) throws IOException {
    p.packString(key);
    p.packString(value);
  }

  private static void uint(MessageBufferPacker p, String key, long value) throws IOException {
    p.packString(key);
    p.packLong(value);
  }

  /** A Go {@code []byte}: nil when empty, else an old-spec raw string. */
  private static void raw(MessageBufferPacker p, String key, Bytes value) throws IOException {
    p.packString(key);
    if (value.isEmpty()) {
      p.packNil();
    } else {
      p.packRawStringHeader(value.length());
      p.writePayload(value.unsafeArray());
    }
  }

  /**
   * Decodes one whole message (type byte and body) as found in a UDP packet or a compound part.
   * Bytes after the body are ignored, as memberlist does.
   *
   * @throws WireFormatException with {@link DropReason#UNKNOWN_TYPE}, {@link DropReason#TRUNCATED}
   *     or {@link DropReason#MALFORMED_BODY}
   */
  public static Message decode(byte[] bytes) throws WireFormatException {
    return decode(bytes, 0, bytes.length);
  }

  /** {@link #decode(byte[])} on a slice. */
  public static Message decode(byte[] bytes, int offset, int length) throws WireFormatException {
    if (length < 1) {
      throw new WireFormatException(DropReason.TRUNCATED, "empty message");
    }
    MessageType type = MessageType.of(bytes[offset]).orElseThrow(
        () -> new WireFormatException(DropReason.UNKNOWN_TYPE, "unknown message type " + (bytes[offset] & 0xff)));
    if (type == MessageType.USER) {
      byte[] payload = new byte[length - 1];
      System.arraycopy(bytes, offset + 1, payload, 0, payload.length);
      return new User(Bytes.of(payload));
    }
    try (MessageUnpacker u = MessagePack.newDefaultUnpacker(bytes, offset + 1, length - 1)) {
      return readBody(type, u);
    } catch (MessageInsufficientBufferException e) {
      throw new WireFormatException(DropReason.TRUNCATED, type + " cut short", e);
    } catch (IOException e) {
      throw new WireFormatException(DropReason.MALFORMED_BODY, "reading " + type, e);
    }
  }

  /**
   * Reads the body of a message of {@code type} from {@code u}. For {@link MessageType#PUSH_PULL}
   * this reads the header, the node states and the user state that follows them.
   *
   * @throws MessageInsufficientBufferException when the input ends early (streams: read more)
   */
  static Message readBody(MessageType type, MessageUnpacker u) throws WireFormatException, IOException {
    try {
      return switch (type) {
        case PING -> {
          Map<String, Object> m = readMap(u);
          yield new Ping(uint(m, "SeqNo"), string(m, "Node"), bytes(m, "SourceAddr"), (int) uint(m, "SourcePort"),
              string(m, "SourceNode"));
        }
        case INDIRECT_PING -> {
          Map<String, Object> m = readMap(u);
          yield new IndirectPing(uint(m, "SeqNo"), bytes(m, "Target"), (int) uint(m, "Port"), string(m, "Node"),
              bool(m, "Nack"), bytes(m, "SourceAddr"), (int) uint(m, "SourcePort"), string(m, "SourceNode"));
        }
        case ACK_RESP -> {
          Map<String, Object> m = readMap(u);
          yield new Ack(uint(m, "SeqNo"), bytes(m, "Payload"));
        }
        case NACK_RESP -> new Nack(uint(readMap(u), "SeqNo"));
        case ERR -> new ErrorResponse(string(readMap(u), "Error"));
        case SUSPECT -> {
          Map<String, Object> m = readMap(u);
          yield new Suspect(uint(m, "Incarnation"), string(m, "Node"), string(m, "From"));
        }
        case DEAD -> {
          Map<String, Object> m = readMap(u);
          yield new Dead(uint(m, "Incarnation"), string(m, "Node"), string(m, "From"));
        }
        case ALIVE -> {
          Map<String, Object> m = readMap(u);
          yield new Alive(uint(m, "Incarnation"), string(m, "Node"), bytes(m, "Addr"), (int) uint(m, "Port"),
              bytes(m, "Meta"), ProtocolVersions.fromBytes(bytes(m, "Vsn").unsafeArray()));
        }
        case PUSH_PULL -> readPushPull(u);
        case USER, COMPOUND, COMPRESS, ENCRYPT, HAS_CRC, HAS_LABEL ->
            throw new WireFormatException(DropReason.UNKNOWN_TYPE, type + " is framing, not a message body");
      };
    } catch (MessageInsufficientBufferException e) {
      throw e;
    } catch (MessagePackException | ClassCastException | IllegalArgumentException e) {
      throw new WireFormatException(DropReason.MALFORMED_BODY, "malformed " + type + ": " + e.getMessage(), e);
    }
  }

  /** Go's {@code maxPushStateBytes} (net.go): the most state a push-pull may carry. */
  static final int MAX_PUSH_STATE_BYTES = 20 * 1024 * 1024;

  private static PushPull readPushPull(MessageUnpacker u) throws IOException, WireFormatException {
    Map<String, Object> header = readMap(u);
    long count = uint(header, "Nodes");
    long userLen = uint(header, "UserStateLen");
    if (count > 100_000 || userLen > MAX_PUSH_STATE_BYTES) {
      throw new WireFormatException(DropReason.TOO_LARGE, "push-pull of " + count + " nodes, " + userLen + " bytes");
    }
    List<NodeState> nodes = new ArrayList<>();
    for (long i = 0; i < count; i++) {
      Map<String, Object> m = readMap(u);
      MemberState state = MemberState.of(uint(m, "State")).orElseThrow(
          () -> new IllegalArgumentException("unknown node state " + m.get("State")));
      nodes.add(new NodeState(string(m, "Name"), bytes(m, "Addr"), (int) uint(m, "Port"), bytes(m, "Meta"),
          uint(m, "Incarnation"), state, ProtocolVersions.fromBytes(bytes(m, "Vsn").unsafeArray())));
    }
    byte[] user = u.readPayload((int) userLen);
    return new PushPull(bool(header, "Join"), nodes, Bytes.of(user));
  }

  /** Reads a msgpack map of scalar values (Long, Boolean, byte[], null, List) keyed by string. */
  private static Map<String, Object> readMap(MessageUnpacker u) throws IOException {
    int size = u.unpackMapHeader();
    Map<String, Object> map = new HashMap<>();
    for (int i = 0; i < size; i++) {
      String key = new String(rawBytes(u), StandardCharsets.UTF_8);
      map.put(key, readValue(u));
    }
    return map;
  }

  private static Object readValue(MessageUnpacker u) throws IOException {
    return switch (u.getNextFormat().getValueType()) {
      case NIL -> {
        u.unpackNil();
        yield null;
      }
      case BOOLEAN -> u.unpackBoolean();
      case INTEGER -> u.unpackLong();
      case STRING, BINARY -> rawBytes(u);
      case ARRAY -> {
        int n = u.unpackArrayHeader();
        List<Object> list = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
          list.add(readValue(u));
        }
        yield list;
      }
      default -> {
        u.skipValue();
        yield null;
      }
    };
  }

  private static byte[] rawBytes(MessageUnpacker u) throws IOException {
    int len = switch (u.getNextFormat().getValueType()) {
      case STRING -> u.unpackRawStringHeader();
      case BINARY -> u.unpackBinaryHeader();
      default -> throw new IllegalArgumentException("expected a raw string, got " + u.getNextFormat());
    };
    return u.readPayload(len);
  }

  private static long uint(Map<String, Object> m, String key) {
    Object v = m.get(key);
    if (v == null) {
      return 0;
    }
    long value = (Long) v;
    if (value < 0) {
      throw new IllegalArgumentException(key + " is negative");
    }
    return value;
  }

  private static boolean bool(Map<String, Object> m, String key) {
    Object v = m.get(key);
    return v != null && (Boolean) v;
  }

  private static String string(Map<String, Object> m, String key) {
    Object v = m.get(key);
    return v == null ? "" : new String((byte[]) v, StandardCharsets.UTF_8);
  }

  private static Bytes bytes(Map<String, Object> m, String key) {
    Object v = m.get(key);
    if (v instanceof List<?> list) {
      byte[] out = new byte[list.size()];
      for (int i = 0; i < out.length; i++) {
        out[i] = (byte) (long) (Long) list.get(i);
      }
      return Bytes.of(out);
    }
    return Bytes.of((byte[]) v);
  }
}
