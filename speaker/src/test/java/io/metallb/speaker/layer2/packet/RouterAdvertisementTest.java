package io.metallb.speaker.layer2.packet;

import static io.metallb.speaker.layer2.packet.FrameCodecTest.NODE;
import static io.metallb.speaker.layer2.packet.FrameCodecTest.bytes;
import static org.assertj.core.api.Assertions.assertThat;

import io.metallb.net.IpAddress;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Golden bytes both ways, built field by field from RFC 4861 §4.2 / RFC 8200 / RFC 2464. */
class RouterAdvertisementTest {
  static final IpAddress LINK_LOCAL = IpAddress.of("fe80::11");

  static final byte[] UNSOLICITED = bytes(
      "333300000001", // Ethernet destination: all-nodes multicast (RFC 2464 §7)
      "020000000011", // Ethernet source
      "86dd", // EtherType IPv6
      "60000000", // version 6, traffic class 0, flow label 0
      "0018", "3a", "ff", // payload 24, next header ICMPv6, hop limit 255 (RFC 4861 §6.1.2)
      "fe800000000000000000000000000011", // source: our link-local
      "ff020000000000000000000000000001", // destination: all-nodes
      "86", "00", "7905", // type 134 Router Advertisement, code 0, checksum
      "00", "00", "0000", // Cur Hop Limit unspecified, M/O clear, Router Lifetime 0 (not a default router)
      "00000000", "00000000", // Reachable Time, Retrans Timer unspecified
      "01", "01", "020000000011"); // Source Link-Layer Address option, 8 bytes

  @Test
  void unsolicitedAdvertisementGoldenBytes() {
    RouterAdvertisement ra = RouterAdvertisement.unsolicited(NODE, LINK_LOCAL);
    assertThat(UNSOLICITED).hasSize(78);
    assertThat(ra.encode()).isEqualTo(UNSOLICITED);
    assertThat(RouterAdvertisement.decode(UNSOLICITED)).contains(ra);
  }

  @Test
  void invalidAdvertisementsAreIgnored() {
    byte[] badChecksum = UNSOLICITED.clone();
    badChecksum[14 + 40 + 3] ^= 1;
    assertThat(RouterAdvertisement.decode(badChecksum)).isEmpty();

    byte[] forwarded = UNSOLICITED.clone();
    forwarded[14 + 7] = 64; // hop limit below 255: crossed a router
    assertThat(RouterAdvertisement.decode(forwarded)).isEmpty();

    byte[] global = new RouterAdvertisement(FrameCodec.multicastMac(RouterAdvertisement.ALL_NODES), NODE,
        IpAddress.of("2001:db8::11"), RouterAdvertisement.ALL_NODES, 64, 1800, Optional.empty()).encode();
    assertThat(RouterAdvertisement.decode(global)).isEmpty(); // RFC 4861 §6.1.2: link-local source only

    assertThat(RouterAdvertisement.decode(java.util.Arrays.copyOf(UNSOLICITED, 60))).isEmpty();
  }

  @Test
  void anotherRoutersAdvertisementIsReadWithItsFields() {
    RouterAdvertisement frr = new RouterAdvertisement(FrameCodec.multicastMac(RouterAdvertisement.ALL_NODES),
        MacAddress.parse("02:00:00:00:00:01"), IpAddress.of("fe80::1"), RouterAdvertisement.ALL_NODES, 64, 1800,
        Optional.of(MacAddress.parse("02:00:00:00:00:01")));
    assertThat(RouterAdvertisement.decode(frr.encode())).contains(frr);
    assertThat(RouterAdvertisement.isLinkLocal(IpAddress.of("febf::1"))).isTrue();
    assertThat(RouterAdvertisement.isLinkLocal(IpAddress.of("fec0::1"))).isFalse();
    assertThat(RouterAdvertisement.isLinkLocal(IpAddress.of("192.0.2.1"))).isFalse();
  }
}
