package io.metallb.speaker.bgp.codec;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.List;
import java.util.Optional;

/**
 * Frames the byte stream into BGP messages and parses each with {@link BgpMessageReader}, emitting
 * {@link Decoded} values. A bad header (RFC 4271 §6.1) or a malformed message emits one
 * {@link Decoded.Malformed} and from then on discards all input, like Netty's MQTT decoder: the
 * session answers with the NOTIFICATION and closes. Never throws. One instance per channel.
 */
public final class BgpFrameDecoder extends ByteToMessageDecoder {
  private boolean fourOctetAs = true;
  private boolean failed;

  /** Sets whether AS_PATHs carry 4-octet ASNs (after the OPEN exchange). Event loop only. */
  public void fourOctetAs(boolean value) {
    fourOctetAs = value;
  }

  @Override
  protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
    if (failed) {
      in.skipBytes(in.readableBytes());
      return;
    }
    Optional<Integer> length;
    try {
      length = BgpMessageReader.frameLength(in);
    } catch (MalformedMessageException e) {
      fail(in, out, new Decoded.Malformed(e.notification()));
      return;
    }
    if (length.isEmpty() || in.readableBytes() < length.get()) {
      return;
    }
    Decoded decoded = BgpMessageReader.read(in.readSlice(length.get()), fourOctetAs);
    if (decoded instanceof Decoded.Malformed) {
      fail(in, out, decoded);
    } else {
      out.add(decoded);
    }
  }

  private void fail(ByteBuf in, List<Object> out, Decoded malformed) {
    failed = true;
    in.skipBytes(in.readableBytes());
    out.add(malformed);
  }
}
