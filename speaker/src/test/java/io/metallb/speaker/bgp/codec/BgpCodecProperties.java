package io.metallb.speaker.bgp.codec;

import static org.assertj.core.api.Assertions.assertThat;

import io.metallb.net.Cidr;
import io.metallb.net.IpAddress;
import io.metallb.speaker.bgp.message.Family;
import io.metallb.speaker.bgp.message.PathAttribute;
import io.metallb.speaker.bgp.message.Update;
import io.netty.buffer.Unpooled;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Round trips of generated UPDATEs, and arbitrary bytes never escape the reader as exceptions. */
class BgpCodecProperties {
  @Provide
  Arbitrary<Cidr> v4Prefixes() {
    return Combinators.combine(Arbitraries.bytes().array(byte[].class).ofSize(4), Arbitraries.integers().between(0, 32))
        .as((b, len) -> new Cidr(IpAddress.ofBytes(b), len));
  }

  @Provide
  Arbitrary<Cidr> v6Prefixes() {
    return Combinators.combine(Arbitraries.bytes().array(byte[].class).ofSize(16), Arbitraries.integers().between(0, 128))
        .as((b, len) -> {
          b[0] = 0x20; // not an IPv4-mapped address
          return new Cidr(IpAddress.ofBytes(b), len);
        });
  }

  @Property(tries = 200)
  void updatesRoundTrip(@ForAll List<@From("v4Prefixes") Cidr> v4, @ForAll List<@From("v6Prefixes") Cidr> v6,
      @ForAll List<@net.jqwik.api.constraints.LongRange(max = 0xffffffffL) Long> communities) {
    List<Cidr> nlri = v4.subList(0, Math.min(v4.size(), 100));
    Update update = new Update(List.of(), List.of(new PathAttribute.Origin(PathAttribute.OriginType.IGP),
        PathAttribute.AsPath.originatedBy(64512, false), new PathAttribute.NextHop(IpAddress.of("198.51.100.11")),
        new PathAttribute.Communities(communities.subList(0, Math.min(communities.size(), 60))),
        new PathAttribute.MpReach(Family.IPV6_UNICAST, List.of(IpAddress.of("2001:db8::1")), v6.subList(0, Math.min(v6.size(), 50)))),
        nlri);
    byte[] bytes = BgpMessageWriter.toBytes(update, true);
    var buf = Unpooled.wrappedBuffer(bytes);
    try {
      assertThat(BgpMessageReader.read(buf, true)).isEqualTo(new Decoded.Message(update));
    } finally {
      buf.release();
    }
  }

  @Property(tries = 500)
  void garbageAfterAValidHeaderNeverThrows(@ForAll byte type, @ForAll("bodies") byte[] body) {
    byte[] header = Hex.bytes("ffffffffffffffffffffffffffffffff");
    int length = 19 + body.length;
    byte[] frame = Hex.concat(header, new byte[] {(byte) (length >> 8), (byte) length, (byte) (1 + Math.floorMod(type, 5))}, body);
    var buf = Unpooled.wrappedBuffer(frame);
    try {
      assertThat(BgpMessageReader.read(buf, true)).isNotNull();
    } finally {
      buf.release();
    }
  }

  @Provide
  Arbitrary<byte[]> bodies() {
    return Arbitraries.bytes().array(byte[].class).ofMaxSize(200);
  }
}
