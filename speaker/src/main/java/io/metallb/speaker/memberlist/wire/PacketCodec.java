package io.metallb.speaker.memberlist.wire;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.zip.CRC32;
import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessageInsufficientBufferException;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessageUnpacker;

/**
 * Frames messages into UDP packets and TCP streams and back, as memberlist does (net.go
 * {@code rawSendMsgPacket}, {@code rawSendMsgStream}, {@code ingestPacket}, {@code readStream};
 * label.go; util.go {@code makeCompoundMessage}, {@code compressPayload}).
 *
 * <p>Packet layers, outermost first: label header, encryption envelope, CRC header, compression,
 * compound or single message. Stream: label header, then {@code encryptMsg}+length+envelope, then
 * compression, then the message. Pure; thread-safe when its {@link WireOptions#nonces()} is.
 */
public final class PacketCodec {
  /** memberlist {@code compoundHeaderOverhead}: type and count bytes of a compound message. */
  public static final int COMPOUND_HEADER_OVERHEAD = 2;
  /** memberlist {@code compoundOverhead}: the length prefix per compound part. */
  public static final int COMPOUND_OVERHEAD = 2;
  /** A compound message counts its parts in one byte. */
  public static final int MAX_COMPOUND_PARTS = 255;
  /** CRC header: hasCrcMsg byte and a big-endian CRC-32 (IEEE). */
  static final int CRC_HEADER = 5;

  private final WireOptions options;

  /** A codec framing with {@code options}. */
  public PacketCodec(WireOptions options) {
    this.options = options;
  }

  /** The options in force. */
  public WireOptions options() {
    return options;
  }

  /** The result of reading a packet: the messages, and why any parts were dropped. */
  public record Decoded(List<Message> messages, List<DropReason> drops) {
    /** Copies the lists. */
    public Decoded {
      messages = List.copyOf(messages);
      drops = List.copyOf(drops);
    }
  }

  /**
   * The packet for {@code messages} (each already {@link MessageCodec#encode encoded}).
   *
   * @param withCrc add a CRC header; memberlist does when the recipient's protocol max is ≥ 5
   */
  public byte[] encodePacket(List<byte[]> messages, boolean withCrc) {
    if (messages.isEmpty() || messages.size() > MAX_COMPOUND_PARTS) {
      throw new IllegalArgumentException("a packet carries 1–255 messages, not " + messages.size());
    }
    byte[] msg = messages.size() == 1 ? messages.getFirst() : compound(messages);
    if (options.compression()) {
      byte[] compressed = compress(msg);
      if (compressed.length < msg.length) {
        msg = compressed;
      }
    }
    if (withCrc) {
      CRC32 crc = new CRC32();
      crc.update(msg);
      msg = ByteBuffer.allocate(CRC_HEADER + msg.length).put((byte) MessageType.HAS_CRC.code())
          .putInt((int) crc.getValue()).put(msg).array();
    }
    if (options.encryptsOutgoing()) {
      msg = Encryption.encrypt(options.encryptionVersion(), options.keyring().orElseThrow().primary(), nonce(), msg,
          options.labelBytes());
    }
    return withLabelHeader(msg);
  }

  /** memberlist {@code makeCompoundMessage}. */
  public static byte[] compound(List<byte[]> messages) {
    int size = COMPOUND_HEADER_OVERHEAD + messages.stream().mapToInt(m -> COMPOUND_OVERHEAD + m.length).sum();
    ByteBuffer buf = ByteBuffer.allocate(size);
    buf.put((byte) MessageType.COMPOUND.code()).put((byte) messages.size());
    for (byte[] m : messages) {
      if (m.length > 0xFFFF) {
        throw new IllegalArgumentException("compound part longer than 65535 bytes");
      }
      buf.putShort((short) m.length);
    }
    messages.forEach(buf::put);
    return buf.array();
  }

  /** memberlist {@code compressPayload}: a {@code compress{Algo: lzwAlgo, Buf}} message. */
  public static byte[] compress(byte[] message) {
    try (MessageBufferPacker p = new MessagePack.PackerConfig().withStr8FormatSupport(false).newBufferPacker()) {
      byte[] lzw = Lzw.compress(message);
      p.writePayload(new byte[] {(byte) MessageType.COMPRESS.code()});
      p.packMapHeader(2);
      p.packString("Algo");
      p.packInt(0); // lzwAlgo, util.go compressionType
      p.packString("Buf");
      p.packRawStringHeader(lzw.length);
      p.writePayload(lzw);
      return p.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException("in-memory packer failed", e);
    }
  }

  private byte[] withLabelHeader(byte[] msg) {
    if (options.label().isEmpty()) {
      return msg;
    }
    byte[] label = options.labelBytes();
    return ByteBuffer.allocate(2 + label.length + msg.length).put((byte) MessageType.HAS_LABEL.code())
        .put((byte) label.length).put(label).put(msg).array();
  }

  private byte[] nonce() {
    byte[] nonce = new byte[Encryption.NONCE_SIZE];
    options.nonces().nextBytes(nonce);
    return nonce;
  }

  /**
   * Reads a UDP packet. Never throws: a packet that cannot be read gives no messages and one drop
   * reason; a compound with bad parts gives the good parts and a reason per bad one.
   */
  public Decoded decodePacket(byte[] packet) {
    List<Message> messages = new ArrayList<>();
    List<DropReason> drops = new ArrayList<>();
    try {
      int[] offset = {0};
      checkLabel(packet, offset);
      byte[] buf = Arrays.copyOfRange(packet, offset[0], packet.length);
      if (options.keyring().isPresent()) {
        try {
          buf = Encryption.decrypt(options.keyring().get(), buf, 0, buf.length, options.labelBytes());
        } catch (WireFormatException e) {
          if (options.verifyIncoming()) {
            throw buf.length > 0 && (buf[0] & 0xff) > Encryption.VERSION_1
                ? new WireFormatException(DropReason.NOT_ENCRYPTED, "plaintext packet while encryption is on")
                : e;
          }
        }
      }
      if (buf.length > 0 && buf[0] == MessageType.HAS_CRC.code()) {
        if (buf.length < CRC_HEADER) {
          throw new WireFormatException(DropReason.TRUNCATED, "CRC header cut short");
        }
        CRC32 crc = new CRC32();
        crc.update(buf, CRC_HEADER, buf.length - CRC_HEADER);
        if ((int) crc.getValue() != ByteBuffer.wrap(buf, 1, 4).getInt()) {
          throw new WireFormatException(DropReason.BAD_CRC, "CRC mismatch");
        }
        buf = Arrays.copyOfRange(buf, CRC_HEADER, buf.length);
      }
      handleCommand(buf, 0, buf.length, messages, drops, 0);
    } catch (WireFormatException e) {
      drops.add(e.reason());
    }
    return new Decoded(messages, drops);
  }

  private void checkLabel(byte[] input, int[] offset) throws WireFormatException {
    String got = "";
    if (input.length > 0 && (input[0] & 0xff) == MessageType.HAS_LABEL.code()) {
      if (input.length < 2 || input.length < 2 + (input[1] & 0xff)) {
        throw new WireFormatException(DropReason.TRUNCATED, "label header cut short");
      }
      int len = input[1] & 0xff;
      if (len == 0) {
        throw new WireFormatException(DropReason.LABEL_MISMATCH, "label header with an empty label");
      }
      got = new String(input, 2, len, java.nio.charset.StandardCharsets.UTF_8);
      offset[0] = 2 + len;
    }
    if (!got.equals(options.label())) {
      throw new WireFormatException(DropReason.LABEL_MISMATCH, "label '" + got + "' is not '" + options.label() + "'");
    }
  }

  private void handleCommand(byte[] buf, int off, int len, List<Message> out, List<DropReason> drops, int depth)
      throws WireFormatException {
    if (len < 1) {
      throw new WireFormatException(DropReason.TRUNCATED, "empty message");
    }
    if (depth > 3) {
      throw new WireFormatException(DropReason.UNKNOWN_TYPE, "nested framing too deep");
    }
    int type = buf[off] & 0xff;
    if (type == MessageType.COMPOUND.code()) {
      if (len < 2) {
        throw new WireFormatException(DropReason.TRUNCATED, "missing compound length byte");
      }
      int parts = buf[off + 1] & 0xff;
      int pos = off + 2;
      int end = off + len;
      if (end - pos < parts * 2) {
        throw new WireFormatException(DropReason.TRUNCATED, "truncated compound length slice");
      }
      int[] lengths = new int[parts];
      for (int i = 0; i < parts; i++) {
        lengths[i] = ((buf[pos] & 0xff) << 8) | (buf[pos + 1] & 0xff);
        pos += 2;
      }
      for (int i = 0; i < parts; i++) {
        if (end - pos < lengths[i]) {
          for (int j = i; j < parts; j++) {
            drops.add(DropReason.TRUNCATED);
          }
          return;
        }
        try {
          handleCommand(buf, pos, lengths[i], out, drops, depth + 1);
        } catch (WireFormatException e) {
          drops.add(e.reason());
        }
        pos += lengths[i];
      }
    } else if (type == MessageType.COMPRESS.code()) {
      byte[] plain = decompressMessage(buf, off + 1, len - 1);
      handleCommand(plain, 0, plain.length, out, drops, depth + 1);
    } else {
      out.add(MessageCodec.decode(buf, off, len));
    }
  }

  private static byte[] decompressMessage(byte[] buf, int off, int len) throws WireFormatException {
    try (MessageUnpacker u = MessagePack.newDefaultUnpacker(buf, off, len)) {
      return readCompressBody(u);
    } catch (IOException | org.msgpack.core.MessagePackException | IllegalArgumentException e) {
      throw new WireFormatException(DropReason.BAD_COMPRESSION, "reading compress message", e);
    }
  }

  private static byte[] readCompressBody(MessageUnpacker u) throws IOException, WireFormatException {
    int size = u.unpackMapHeader();
    long algo = 0;
    byte[] data = new byte[0];
    for (int i = 0; i < size; i++) {
      String key = u.unpackString();
      switch (key) {
        case "Algo" -> algo = u.unpackLong();
        case "Buf" -> {
          int n = switch (u.getNextFormat().getValueType()) {
            case BINARY -> u.unpackBinaryHeader();
            case NIL -> {
              u.unpackNil();
              yield 0;
            }
            default -> u.unpackRawStringHeader();
          };
          data = u.readPayload(n);
        }
        default -> u.skipValue();
      }
    }
    if (algo != 0) {
      throw new WireFormatException(DropReason.BAD_COMPRESSION, "Cannot decompress unknown algorithm " + algo);
    }
    return Lzw.decompress(data, MessageCodec.MAX_PUSH_STATE_BYTES);
  }

  /**
   * The bytes to write on a stream connection for {@code message}: label header, compression
   * (always, when enabled, as {@code rawSendMsgStream} does), encryption.
   */
  public byte[] encodeStream(Message message) {
    byte[] body = MessageCodec.encode(message);
    if (options.compression()) {
      body = compress(body);
    }
    if (options.encryptsOutgoing()) {
      int version = options.encryptionVersion();
      ByteBuffer header = ByteBuffer.allocate(5).put((byte) MessageType.ENCRYPT.code())
          .putInt(Encryption.encryptedLength(version, body.length));
      byte[] aad = concat(header.array(), options.labelBytes());
      byte[] envelope = Encryption.encrypt(version, options.keyring().orElseThrow().primary(), nonce(), body, aad);
      body = concat(header.array(), envelope);
    }
    return withLabelHeader(body);
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  /**
   * Tries to read one stream message from the first {@code length} bytes received on a
   * connection.
   *
   * @return the message, or empty when more bytes are needed
   * @throws WireFormatException when the bytes can never form a valid message (close the stream)
   */
  public Optional<Message> tryDecodeStream(byte[] received, int length) throws WireFormatException {
    int[] offset = {0};
    if (length < 1) {
      return Optional.empty();
    }
    if ((received[0] & 0xff) == MessageType.HAS_LABEL.code() || !options.label().isEmpty()) {
      if (length < 2 || length < 2 + (received[1] & 0xff)) {
        return Optional.empty();
      }
      checkLabel(Arrays.copyOf(received, length), offset);
    }
    int pos = offset[0];
    if (length - pos < 1) {
      return Optional.empty();
    }
    byte[] buf;
    int off;
    int len;
    if ((received[pos] & 0xff) == MessageType.ENCRYPT.code()) {
      if (options.keyring().isEmpty()) {
        throw new WireFormatException(DropReason.ENCRYPTION_NOT_CONFIGURED,
            "Remote state is encrypted and encryption is not configured");
      }
      if (length - pos < 5) {
        return Optional.empty();
      }
      long size = ByteBuffer.wrap(received, pos + 1, 4).getInt() & 0xFFFF_FFFFL;
      if (size > MessageCodec.MAX_PUSH_STATE_BYTES) {
        throw new WireFormatException(DropReason.TOO_LARGE, "Remote node state is larger than limit (" + size + ")");
      }
      if (length - pos - 5 < size) {
        return Optional.empty();
      }
      byte[] aad = concat(Arrays.copyOfRange(received, pos, pos + 5), options.labelBytes());
      buf = Encryption.decrypt(options.keyring().get(), received, pos + 5, (int) size, aad);
      off = 0;
      len = buf.length;
    } else {
      if (options.keyring().isPresent() && options.verifyIncoming()) {
        throw new WireFormatException(DropReason.NOT_ENCRYPTED,
            "Encryption is configured but remote state is not encrypted");
      }
      buf = received;
      off = pos;
      len = length - pos;
    }
    try {
      return Optional.of(readStreamMessage(buf, off, len));
    } catch (MessageInsufficientBufferException e) {
      if (buf != received) {
        throw new WireFormatException(DropReason.TRUNCATED, "encrypted stream message cut short", e);
      }
      return Optional.empty();
    }
  }

  private static Message readStreamMessage(byte[] buf, int off, int len) throws WireFormatException {
    if (len < 1) {
      throw new MessageInsufficientBufferException();
    }
    MessageType type = MessageType.of(buf[off]).orElseThrow(
        () -> new WireFormatException(DropReason.UNKNOWN_TYPE, "unknown stream message type " + (buf[off] & 0xff)));
    try (MessageUnpacker u = MessagePack.newDefaultUnpacker(buf, off + 1, len - 1)) {
      if (type == MessageType.COMPRESS) {
        byte[] plain = readCompressBody(u);
        if (plain.length < 1) {
          throw new WireFormatException(DropReason.TRUNCATED, "empty compressed stream message");
        }
        try {
          return readStreamMessage(plain, 0, plain.length);
        } catch (MessageInsufficientBufferException e) {
          throw new WireFormatException(DropReason.TRUNCATED, "compressed stream message cut short", e);
        }
      }
      if (type == MessageType.USER) {
        throw new WireFormatException(DropReason.UNKNOWN_TYPE, "user stream messages are not supported");
      }
      return MessageCodec.readBody(type, u);
    } catch (MessageInsufficientBufferException e) {
      throw e;
    } catch (IOException | org.msgpack.core.MessagePackException | IllegalArgumentException e) {
      throw new WireFormatException(DropReason.MALFORMED_BODY, "reading stream " + type, e);
    }
  }

  /** Concatenates bytes; a helper for tests and transports that accumulate stream input. */
  public static byte[] join(List<byte[]> chunks) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    chunks.forEach(out::writeBytes);
    return out.toByteArray();
  }
}
