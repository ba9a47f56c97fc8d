package io.metallb.speaker.layer2.packet;

import static org.assertj.core.api.Assertions.assertThat;

import io.metallb.net.IpAddress;
import java.io.ByteArrayOutputStream;
import java.util.HexFormat;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/** Golden bytes both ways, built field by field from RFC 826 / RFC 4861 / RFC 8200. */
class FrameCodecTest {
  static final MacAddress NODE = MacAddress.parse("02:00:00:00:00:11");
  static final MacAddress CLIENT = MacAddress.parse("02:00:00:00:01:00");

  static byte[] bytes(String... hexChunks) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (String chunk : hexChunks) {
      out.writeBytes(HexFormat.of().parseHex(chunk.replace(" ", "")));
    }
    return out.toByteArray();
  }

  static byte[] padded(byte[] b, int length) {
    return java.util.Arrays.copyOf(b, length);
  }

  static final byte[] ARP_REPLY = padded(bytes(
      "020000000100", // Ethernet destination: the requester
      "020000000011", // Ethernet source: the interface
      "0806", // EtherType ARP
      "0001", // hardware type Ethernet
      "0800", // protocol type IPv4
      "06", "04", // address lengths
      "0002", // operation: reply
      "020000000011", "c63364c8", // sender: node MAC, service IP 198.51.100.200
      "020000000100", "c6336464"), // target: requester MAC, 198.51.100.100
      60);

  @Test
  void arpReplyBothWays() {
    Frame.Arp reply = new Frame.Arp(CLIENT, NODE, Frame.Arp.REPLY, NODE, IpAddress.of("198.51.100.200"), CLIENT, IpAddress.of("198.51.100.100"));
    assertThat(FrameCodec.encode(reply)).isEqualTo(ARP_REPLY);
    assertThat(FrameCodec.decode(ARP_REPLY)).isEqualTo(new FrameCodec.Decoded.Ok(reply));
  }

  /** An independent ICMPv6 checksum: one's complement of the one's complement sum of 16-bit words. */
  static String checksum(byte[] pseudoAndMessage) {
    long sum = 0;
    for (int i = 0; i < pseudoAndMessage.length; i += 2) {
      sum += ((pseudoAndMessage[i] & 0xff) << 8) | (pseudoAndMessage[i + 1] & 0xff);
    }
    while (sum > 0xffff) {
      sum = (sum & 0xffff) + (sum >>> 16);
    }
    return String.format("%04x", ~sum & 0xffff);
  }

  @Test
  void unsolicitedNeighborAdvertisementBothWays() {
    String src = "fe800000000000000000000000000011";
    String dst = "ff020000000000000000000000000001";
    String target = "20010db8010000000000000000000200";
    String body = "88" + "000000" + "20" + "000000" + target + "02" + "01" + "020000000011"; // type..flags(O)..target..TLLA
    String sum = checksum(bytes(src, dst, "00000020", "0000003a", body.substring(0, 4) + "0000" + body.substring(4)));
    byte[] golden = bytes(
        "333300000001", "020000000011", "86dd", // Ethernet: to 33:33:00:00:00:01, IPv6
        "60000000", "0020", "3a", "ff", src, dst, // IPv6: payload 32, next header 58, hop limit 255
        "88", "00", sum, "20000000", target, // NA, code 0, checksum, O flag
        "02", "01", "020000000011"); // Target Link-Layer Address option
    Frame.NeighborAdvertisement na = new Frame.NeighborAdvertisement(MacAddress.parse("33:33:00:00:00:01"), NODE,
        IpAddress.of("fe80::11"), IpAddress.of("ff02::1"), false, false, true, IpAddress.of("2001:db8:100::200"), NODE);
    assertThat(HexFormat.of().formatHex(FrameCodec.encode(na))).isEqualTo(HexFormat.of().formatHex(golden));
    assertThat(FrameCodec.decode(golden)).isEqualTo(new FrameCodec.Decoded.Ok(na));
  }

  @Test
  void neighborSolicitationBothWaysAndItsSolicitedNodeAddress() {
    Frame.NeighborSolicitation ns = new Frame.NeighborSolicitation(MacAddress.parse("33:33:ff:00:02:00"), CLIENT,
        IpAddress.of("2001:db8:100::100"), FrameCodec.solicitedNode(IpAddress.of("2001:db8:100::200")), IpAddress.of("2001:db8:100::200"), CLIENT);
    assertThat(ns.ipDestination()).isEqualTo(IpAddress.of("ff02::1:ff00:200"));
    assertThat(FrameCodec.multicastMac(ns.ipDestination())).isEqualTo(MacAddress.parse("33:33:ff:00:02:00"));
    byte[] wire = FrameCodec.encode(ns);
    assertThat(HexFormat.of().formatHex(wire, 54, 58)).as("type 135, code 0").startsWith("8700");
    assertThat(FrameCodec.decode(wire)).isEqualTo(new FrameCodec.Decoded.Ok(ns));
  }

  @Test
  void malformedFramesAreDroppedWithAReason() {
    assertThat(FrameCodec.decode(new byte[5])).isEqualTo(new FrameCodec.Decoded.Dropped(DropReason.TRUNCATED));
    byte[] ipv4 = ARP_REPLY.clone();
    ipv4[12] = 0x08;
    ipv4[13] = 0x00;
    assertThat(FrameCodec.decode(ipv4)).isEqualTo(new FrameCodec.Decoded.Dropped(DropReason.NOT_ARP_OR_IPV6));
    byte[] token = ARP_REPLY.clone();
    token[15] = 6;
    assertThat(FrameCodec.decode(token)).isEqualTo(new FrameCodec.Decoded.Dropped(DropReason.UNSUPPORTED_ARP));
    byte[] na = FrameCodec.encode(new Frame.NeighborAdvertisement(CLIENT, NODE, IpAddress.of("fe80::11"), IpAddress.of("ff02::1"), false, true, false,
        IpAddress.of("2001:db8::1"), NODE));
    byte[] corrupt = na.clone();
    corrupt[80] ^= 1;
    assertThat(FrameCodec.decode(corrupt)).isEqualTo(new FrameCodec.Decoded.Dropped(DropReason.BAD_CHECKSUM));
    assertThat(FrameCodec.decode(java.util.Arrays.copyOf(na, 70))).isEqualTo(new FrameCodec.Decoded.Dropped(DropReason.TRUNCATED));
  }

  @Property(tries = 300)
  void anyBytesDecodeOrDropNeverThrow(@ForAll byte[] junk) {
    assertThat(FrameCodec.decode(junk)).isNotNull();
  }

  @Property(tries = 200)
  void advertisementsRoundTrip(@ForAll boolean router, @ForAll boolean solicited, @ForAll boolean override, @ForAll short last) {
    Frame.NeighborAdvertisement na = new Frame.NeighborAdvertisement(CLIENT, NODE, IpAddress.of("fe80::11"), IpAddress.of("2001:db8::100"),
        router, solicited, override, IpAddress.of("2001:db8::" + Integer.toHexString(last & 0xffff)), NODE);
    assertThat(FrameCodec.decode(FrameCodec.encode(na))).isEqualTo(new FrameCodec.Decoded.Ok(na));
  }
}
