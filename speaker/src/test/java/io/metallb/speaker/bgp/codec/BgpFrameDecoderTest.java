package io.metallb.speaker.bgp.codec;

import static org.assertj.core.api.Assertions.assertThat;

import io.metallb.speaker.bgp.message.BgpError;
import io.metallb.speaker.bgp.message.Keepalive;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;

/** Framing over a byte stream: split and coalesced frames, and discarding after a defect. */
class BgpFrameDecoderTest {
  private static final byte[] KEEPALIVE = BgpMessageWriter.toBytes(Keepalive.INSTANCE, true);

  @Test
  void framesSplitAcrossReadsAndCoalescedInOneRead() {
    EmbeddedChannel ch = new EmbeddedChannel(new BgpFrameDecoder());
    ch.writeInbound(Unpooled.wrappedBuffer(KEEPALIVE, 0, 10));
    assertThat(ch.<Decoded>readInbound()).isNull();
    ch.writeInbound(Unpooled.wrappedBuffer(Hex.concat(java.util.Arrays.copyOfRange(KEEPALIVE, 10, 19), KEEPALIVE)));
    assertThat(ch.<Decoded>readInbound()).isEqualTo(new Decoded.Message(Keepalive.INSTANCE));
    assertThat(ch.<Decoded>readInbound()).isEqualTo(new Decoded.Message(Keepalive.INSTANCE));
    assertThat(ch.finish()).isFalse();
  }

  @Test
  void badHeaderYieldsOneMalformedThenInputIsDiscarded() {
    EmbeddedChannel ch = new EmbeddedChannel(new BgpFrameDecoder());
    byte[] tooLong = KEEPALIVE.clone();
    tooLong[16] = 0x10;
    tooLong[17] = 0x01; // 4097
    ch.writeInbound(Unpooled.wrappedBuffer(tooLong));
    assertThat(ch.<Decoded>readInbound()).isEqualTo(new Decoded.Malformed(BgpError.BAD_MESSAGE_LENGTH.notification((byte) 0x10, (byte) 0x01)));
    ch.writeInbound(Unpooled.wrappedBuffer(KEEPALIVE));
    assertThat(ch.<Decoded>readInbound()).isNull();
    assertThat(ch.finish()).isFalse();
  }
}
