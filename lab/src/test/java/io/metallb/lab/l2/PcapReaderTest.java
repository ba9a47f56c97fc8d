package io.metallb.lab.l2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.metallb.lab.LabException;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PcapReaderTest {
  private static byte[] hex(String text) {
    return HexFormat.of().parseHex(text.replaceAll("\\s+|//[^\\n]*", ""));
  }

  private static final byte[] GLOBAL_HEADER = hex("""
      d4c3b2a1  // magic, microseconds, little endian
      0200 0400 // version 2.4
      00000000  // thiszone
      00000000  // sigfigs
      00000400  // snaplen 262144
      01000000  // link type Ethernet
      """);

  private static final byte[] GRATUITOUS_ARP_REQUEST = hex("""
      ffffffffffff  // destination: broadcast
      020000000011  // source
      0806          // ARP
      0001 0800 06 04 // Ethernet, IPv4, hlen 6, plen 4
      0001          // request
      020000000011 c63364c8 // sender 02:00:00:00:00:11 198.51.100.200
      ffffffffffff c63364c8 // target ff:.. 198.51.100.200
      """);

  private static final byte[] SOLICITED_NA = hex("""
      020000000064  // destination: the client
      020000000011  // source
      86dd          // IPv6
      60000000 0020 3a ff // version 6, payload 32, next header ICMPv6, hop limit 255
      20010db8010000000000000000000011 // source 2001:db8:100::11
      20010db8010000000000000000000100 // destination 2001:db8:100::100
      88 00 0000    // type 136 NA, code 0, checksum (not checked)
      60000000      // R=0 S=1 O=1
      20010db80100000000000000000000c8 // target 2001:db8:100::c8
      02 01 020000000011 // option target link-layer address
      """);

  private static byte[] record(long seconds, long micros, byte[] frame) {
    ByteBuffer header = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
    header.putInt((int) seconds).putInt((int) micros).putInt(frame.length).putInt(frame.length);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(header.array());
    out.writeBytes(frame);
    return out.toByteArray();
  }

  private static byte[] pcap(byte[]... records) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(GLOBAL_HEADER);
    for (byte[] r : records) {
      out.writeBytes(r);
    }
    return out.toByteArray();
  }

  @Test
  void readsAGratuitousArpRequest() {
    List<L2Packet> packets = PcapReader.read(pcap(record(1_700_000_000L, 250_000, GRATUITOUS_ARP_REQUEST)));
    assertThat(packets).containsExactly(new ArpPacket(Instant.parse("2023-11-14T22:13:20.250Z"),
        "02:00:00:00:00:11", "ff:ff:ff:ff:ff:ff", ArpPacket.REQUEST, "02:00:00:00:00:11", "198.51.100.200",
        "ff:ff:ff:ff:ff:ff", "198.51.100.200"));
    assertThat(((ArpPacket) packets.getFirst()).isGratuitous()).isTrue();
  }

  @Test
  void readsASolicitedNeighborAdvertisement() {
    List<L2Packet> packets = PcapReader.read(pcap(record(1_700_000_001L, 0, SOLICITED_NA)));
    assertThat(packets).containsExactly(new NdpPacket(Instant.ofEpochSecond(1_700_000_001L), "02:00:00:00:00:11",
        "02:00:00:00:00:64", NdpPacket.Kind.ADVERTISEMENT, "2001:db8:100::11", "2001:db8:100::100",
        "2001:db8:100::c8", false, true, true, Optional.of("02:00:00:00:00:11")));
  }

  @Test
  void keepsCaptureOrderAndSkipsATruncatedLastRecord() {
    byte[] truncated = record(3, 0, SOLICITED_NA);
    byte[] file = pcap(record(1, 0, GRATUITOUS_ARP_REQUEST), record(2, 0, SOLICITED_NA),
        java.util.Arrays.copyOf(truncated, truncated.length - 10));
    assertThat(PcapReader.read(file)).extracting(L2Packet::timestamp)
        .containsExactly(Instant.ofEpochSecond(1), Instant.ofEpochSecond(2));
  }

  @Test
  void skipsOtherPackets() {
    byte[] ipv4 = GRATUITOUS_ARP_REQUEST.clone();
    ipv4[12] = 0x08;
    ipv4[13] = 0x00;
    assertThat(PcapReader.read(pcap(record(1, 0, ipv4)))).isEmpty();
  }

  @Test
  void rejectsWhatIsNotAPcap() {
    assertThatThrownBy(() -> PcapReader.read(new byte[24])).isInstanceOf(LabException.class);
    assertThat(PcapReader.read(new byte[0])).isEmpty();
  }
}
