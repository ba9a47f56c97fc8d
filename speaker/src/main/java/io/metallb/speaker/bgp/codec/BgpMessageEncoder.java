package io.metallb.speaker.bgp.codec;

import io.metallb.speaker.bgp.message.BgpMessage;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToByteEncoder;

/** Writes {@link BgpMessage}s with {@link BgpMessageWriter}. Stateless and shared. */
@Sharable
public final class BgpMessageEncoder extends MessageToByteEncoder<BgpMessage> {
  /** For sessions where both sides support 4-octet ASNs (RFC 6793). */
  public static final BgpMessageEncoder FOUR_OCTET_AS = new BgpMessageEncoder(true);
  /** For a peer without 4-octet ASN support. */
  public static final BgpMessageEncoder TWO_OCTET_AS = new BgpMessageEncoder(false);

  private final boolean fourOctetAs;

  private BgpMessageEncoder(boolean fourOctetAs) {
    super(BgpMessage.class);
    this.fourOctetAs = fourOctetAs;
  }

  @Override
  protected void encode(ChannelHandlerContext ctx, BgpMessage message, ByteBuf out) {
    BgpMessageWriter.write(message, out, fourOctetAs);
  }
}
