package io.metallb.speaker.bgp.codec;

import static org.assertj.core.api.Assertions.assertThat;

import io.metallb.net.Cidr;
import io.metallb.net.IpAddress;
import io.metallb.speaker.bgp.RouterIds;
import io.metallb.speaker.bgp.message.BgpError;
import io.metallb.speaker.bgp.message.BgpMessage;
import io.metallb.speaker.bgp.message.Capability;
import io.metallb.speaker.bgp.message.Family;
import io.metallb.speaker.bgp.message.Keepalive;
import io.metallb.speaker.bgp.message.Notification;
import io.metallb.speaker.bgp.message.Octets;
import io.metallb.speaker.bgp.message.Open;
import io.metallb.speaker.bgp.message.PathAttribute;
import io.metallb.speaker.bgp.message.PathAttribute.AsPath;
import io.metallb.speaker.bgp.message.PathAttribute.Communities;
import io.metallb.speaker.bgp.message.PathAttribute.LargeCommunities;
import io.metallb.speaker.bgp.message.PathAttribute.LargeCommunity;
import io.metallb.speaker.bgp.message.PathAttribute.LocalPref;
import io.metallb.speaker.bgp.message.PathAttribute.MpReach;
import io.metallb.speaker.bgp.message.PathAttribute.MpUnreach;
import io.metallb.speaker.bgp.message.PathAttribute.NextHop;
import io.metallb.speaker.bgp.message.PathAttribute.Origin;
import io.metallb.speaker.bgp.message.PathAttribute.OriginType;
import io.metallb.speaker.bgp.message.RouteRefresh;
import io.metallb.speaker.bgp.message.Update;
import io.netty.buffer.Unpooled;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Golden bytes both ways: {@code write(message) == bytes} and {@code read(bytes) == message}. */
class BgpCodecTest {
  private static final String MARKER = "ffffffffffffffffffffffffffffffff";

  private static void assertGolden(BgpMessage message, byte[] bytes) {
    assertThat(BgpMessageWriter.toBytes(message, true)).as("write").isEqualTo(bytes);
    assertThat(read(bytes)).as("read").isEqualTo(new Decoded.Message(message));
  }

  static Decoded read(byte[] bytes) {
    var buf = Unpooled.wrappedBuffer(bytes);
    try {
      return BgpMessageReader.read(buf, true);
    } finally {
      buf.release();
    }
  }

  @Test
  void openOfSpecSection10_3() {
    Open open = new Open(4, 64512, 90, RouterIds.toLong(IpAddress.of("198.51.100.11")), List.of(
        Capability.Multiprotocol.of(Family.IPV4_UNICAST), Capability.Multiprotocol.of(Family.IPV6_UNICAST),
        new Capability.FourOctetAs(64512)));
    byte[] golden = Hex.resource("/bgp/open-spec-10.3.hex");
    assertThat(golden).hasSize(49);
    assertGolden(open, golden);
  }

  @Test
  void openWithFourOctetAsnRouteRefreshAndGracefulRestart() {
    Open open = new Open(4, Open.AS_TRANS, 9, RouterIds.toLong(IpAddress.of("192.0.2.1")), List.of(
        Capability.Multiprotocol.of(Family.IPV4_UNICAST), new Capability.FourOctetAs(4_200_000_000L),
        new Capability.RouteRefreshSupport(),
        new Capability.GracefulRestart(true, 120, List.of(new Capability.GracefulRestartFamily(1, 1, true)))));
    assertGolden(open, Hex.bytes(MARKER + """
        0035 01              # length 53, OPEN
        04 5ba0 0009         # version 4, AS_TRANS 23456, hold 9
        c0000201             # identifier 192.0.2.1
        18 02 16             # parameters 24: Capabilities, 22
        01 04 0001 00 01     # MP IPv4 unicast
        41 04 fa56ea00       # 4-octet AS 4200000000
        02 00                # route refresh
        40 06 8078 0001 01 80 # graceful restart: R, 120 s; IPv4 unicast with F
        """));
    assertThat(open.asn()).isEqualTo(4_200_000_000L);
    assertThat(open.families()).containsExactly(Family.IPV4_UNICAST);
  }

  @Test
  void keepalive() {
    assertGolden(Keepalive.INSTANCE, Hex.bytes(MARKER + "0013 04"));
  }

  @Test
  void notificationHoldTimerExpired() {
    assertGolden(BgpError.HOLD_TIMER_EXPIRED.notification(), Hex.bytes(MARKER + "0015 03 04 00"));
  }

  @Test
  void notificationWithDataAndUnknownCode() {
    assertGolden(new Notification(9, 9, Octets.of((byte) 1, (byte) 2)), Hex.bytes(MARKER + "0017 03 09 09 0102"));
    assertThat(new Notification(9, 9, Octets.EMPTY).describe()).isEqualTo("unknown code (9/9)");
  }

  @Test
  void routeRefresh() {
    assertGolden(RouteRefresh.of(Family.IPV6_UNICAST), Hex.bytes(MARKER + "0017 05 0002 00 01"));
  }

  /** Spec §10.7's example: 56 bytes. */
  @Test
  void ibgpUpdateOfSpecSection10_7() {
    Update update = new Update(List.of(), List.of(new Origin(OriginType.IGP), AsPath.originatedBy(64512, true),
        new NextHop(IpAddress.of("10.0.0.5")), new LocalPref(100), new Communities(List.of(65535L * 65536 + 65282))),
        List.of(Cidr.of("192.0.2.10/32")));
    assertGolden(update, Hex.bytes(MARKER + """
        0038 02        # length 56, UPDATE
        0000           # no withdrawn routes
        001c           # path attributes 28
        40 01 01 00    # ORIGIN IGP
        40 02 00       # AS_PATH empty
        40 03 04 0a000005  # NEXT_HOP 10.0.0.5
        40 05 04 00000064  # LOCAL_PREF 100
        c0 08 04 ffffff02  # COMMUNITIES 65535:65282
        20 c000020a    # 192.0.2.10/32
        """));
  }

  @Test
  void ebgpIpv6UpdateWithLargeCommunityAndFourOctetAsPath() {
    Update update = new Update(List.of(), List.of(new Origin(OriginType.IGP), AsPath.originatedBy(64512, false),
        new MpReach(Family.IPV6_UNICAST, List.of(IpAddress.of("2001:db8:100::11")), List.of(Cidr.of("2001:db8:200::10/128"), Cidr.of("2001:db8:200::/64"))),
        new LargeCommunities(List.of(new LargeCommunity(64512, 1, 100)))), List.of());
    assertGolden(update, Hex.bytes(MARKER + """
        0065 02 0000 004e                  # length 101, UPDATE, no withdrawn, attributes 78
        40 01 01 00                        # ORIGIN IGP
        40 02 06 02 01 0000fc00            # AS_PATH AS_SEQUENCE [64512], 4-octet
        80 0e 2f 0002 01 10                # MP_REACH_NLRI length 47: IPv6 unicast, next hop 16 bytes
        20010db8010000000000000000000011   # 2001:db8:100::11
        00                                 # reserved
        80 20010db8020000000000000000000010 # 2001:db8:200::10/128
        40 20010db802000000                # 2001:db8:200::/64
        c0 20 0c 0000fc00 00000001 00000064 # LARGE_COMMUNITY 64512:1:100
        """));
  }

  @Test
  void openWithExtendedNextHopForIpv4OverIpv6() {
    Open open = new Open(4, 64512, 90, RouterIds.toLong(IpAddress.of("192.0.2.1")), List.of(
        Capability.Multiprotocol.of(Family.IPV4_UNICAST), Capability.ExtendedNextHop.ipv4OverIpv6()));
    assertGolden(open, Hex.bytes(MARKER + """
        002d 01              # length 45, OPEN
        04 fc00 005a         # version 4, AS 64512, hold 90
        c0000201             # identifier 192.0.2.1
        10 02 0e             # parameters 16: Capabilities, 14
        01 04 0001 00 01     # MP IPv4 unicast
        05 06 0001 0001 0002 # extended next hop (RFC 8950 §3): AFI 1 SAFI 1, next hop AFI 2
        """));
    assertThat(open.ipv4UnicastOverIpv6()).isTrue();
  }

  @Test
  void ipv4NlriWithAnIpv6LinkLocalNextHopInMpReach() {
    Update update = new Update(List.of(), List.of(new Origin(OriginType.IGP), AsPath.originatedBy(64512, false),
        new MpReach(Family.IPV4_UNICAST, List.of(IpAddress.of("fe80::1")), List.of(Cidr.of("203.0.113.10/32")))), List.of());
    assertGolden(update, Hex.bytes(MARKER + """
        0041 02 0000 002a                  # length 65, UPDATE, no withdrawn, attributes 42
        40 01 01 00                        # ORIGIN IGP
        40 02 06 02 01 0000fc00            # AS_PATH AS_SEQUENCE [64512], 4-octet
        80 0e 1a 0001 01 10                # MP_REACH_NLRI length 26: IPv4 unicast, next hop 16 bytes (RFC 8950 §3)
        fe800000000000000000000000000001   # fe80::1
        00                                 # reserved
        20 cb00710a                        # 203.0.113.10/32
        """));
  }

  @Test
  void twoOctetAsPathWhenThePeerLacksFourOctetSupport() {
    Update update = new Update(List.of(), List.of(AsPath.originatedBy(64512, false)), List.of());
    byte[] bytes = BgpMessageWriter.toBytes(update, false);
    assertThat(bytes).isEqualTo(Hex.bytes(MARKER + "001e 02 0000 0007 40 02 04 02 01 fc00"));
    var buf = Unpooled.wrappedBuffer(bytes);
    assertThat(BgpMessageReader.read(buf, false)).isEqualTo(new Decoded.Message(update));
    buf.release();
  }

  @Test
  void withdrawalsIpv4AndEndOfRib() {
    assertGolden(new Update(List.of(Cidr.of("203.0.113.10/32"), Cidr.of("203.0.113.0/24")), List.of(), List.of()),
        Hex.bytes(MARKER + "0020 02 0009 20 cb00710a 18 cb0071 0000"));
    assertGolden(Update.endOfRib(Family.IPV4_UNICAST), Hex.bytes(MARKER + "0017 02 0000 0000"));
    assertGolden(Update.endOfRib(Family.IPV6_UNICAST), Hex.bytes(MARKER + "001d 02 0000 0006 80 0f 03 0002 01"));
    assertThat(Update.endOfRib(Family.IPV6_UNICAST).endOfRibFamily()).contains(Family.IPV6_UNICAST);
  }

  @Test
  void mpUnreachWithdrawsIpv6() {
    assertGolden(new Update(List.of(), List.of(new MpUnreach(Family.IPV6_UNICAST, List.of(Cidr.of("2001:db8:200::10/128")))), List.of()),
        Hex.bytes(MARKER + "002e 02 0000 0017 80 0f 14 0002 01 80 20010db8020000000000000000000010"));
  }

  @Test
  void unknownAttributesAreKeptWithTheirFlags() {
    Update update = new Update(List.of(), List.of(new Origin(OriginType.IGP), AsPath.originatedBy(64512, false),
        new NextHop(IpAddress.of("198.51.100.11")),
        new PathAttribute.Unknown(0x80, PathAttribute.MULTI_EXIT_DISC, Octets.of((byte) 0, (byte) 0, (byte) 0, (byte) 7)),
        new PathAttribute.Unknown(0xe0, 99, Octets.of((byte) 0xab))), List.of(Cidr.of("203.0.113.0/24")));
    assertGolden(update, Hex.bytes(MARKER + """
        003a 02 0000 001f         # length 58, no withdrawn, attributes 31
        40 01 01 00               # ORIGIN
        40 02 06 02 01 0000fc00   # AS_PATH
        40 03 04 c633640b         # NEXT_HOP 198.51.100.11
        80 04 04 00000007         # MULTI_EXIT_DISC 7, kept opaque
        e0 63 01 ab               # type 99, optional transitive partial, kept opaque
        18 cb0071                 # 203.0.113.0/24
        """));
  }

  @Test
  void extendedLengthAttributesAreReadAndWritten() {
    List<Long> many = java.util.stream.LongStream.range(0, 70).boxed().toList(); // 280 bytes > 255
    Update update = new Update(List.of(), List.of(new Communities(many)), List.of());
    byte[] bytes = BgpMessageWriter.toBytes(update, true);
    assertThat(bytes[23]).isEqualTo((byte) 0xd0); // optional, transitive, extended length
    assertThat(read(bytes)).isEqualTo(new Decoded.Message(update));
  }
}
