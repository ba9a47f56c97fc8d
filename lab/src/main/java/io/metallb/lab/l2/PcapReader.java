package io.metallb.lab.l2;

import io.metallb.lab.LabException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Reads the ARP and ICMPv6 NS/NA packets out of a classic pcap file (as {@code tcpdump -w}
 * writes it) with Ethernet link type; other packets are skipped. Pure.
 */
public final class PcapReader {
  /** Classic pcap magic, microsecond timestamps. */
  static final int MAGIC_MICROS = 0xa1b2c3d4;
  /** Classic pcap magic, nanosecond timestamps. */
  static final int MAGIC_NANOS = 0xa1b23c4d;
  /** LINKTYPE_ETHERNET. */
  static final int LINKTYPE_ETHERNET = 1;
  static final int ETHERTYPE_ARP = 0x0806;
  static final int ETHERTYPE_IPV6 = 0x86dd;
  static final int ETHERTYPE_VLAN = 0x8100;
  static final int NEXT_HEADER_ICMPV6 = 58;
  static final int ICMPV6_NEIGHBOR_SOLICITATION = 135;
  static final int ICMPV6_NEIGHBOR_ADVERTISEMENT = 136;
  static final int OPTION_SOURCE_LINK_LAYER = 1;
  static final int OPTION_TARGET_LINK_LAYER = 2;

  private PcapReader() {}

  /**
   * The ARP and NS/NA packets in {@code file}, in capture order. A truncated last record (a
   * capture still being written) is ignored.
   *
   * @throws LabException if the file is not a classic Ethernet pcap
   */
  public static List<L2Packet> read(byte[] file) {
    if (file.length < 24) {
      return List.of();
    }
    ByteBuffer in = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
    int magic = in.getInt(0);
    if (magic != MAGIC_MICROS && magic != MAGIC_NANOS) {
      in.order(ByteOrder.BIG_ENDIAN);
      magic = in.getInt(0);
      if (magic != MAGIC_MICROS && magic != MAGIC_NANOS) {
        throw new LabException("not a pcap file (magic " + Integer.toHexString(magic) + ")");
      }
    }
    boolean nanos = magic == MAGIC_NANOS;
    int linkType = in.getInt(20);
    if (linkType != LINKTYPE_ETHERNET) {
      throw new LabException("pcap link type " + linkType + " is not Ethernet");
    }
    List<L2Packet> packets = new ArrayList<>();
    int position = 24;
    while (position + 16 <= file.length) {
      long seconds = Integer.toUnsignedLong(in.getInt(position));
      long fraction = Integer.toUnsignedLong(in.getInt(position + 4));
      int captured = in.getInt(position + 8);
      int start = position + 16;
      if (captured < 0 || start + captured > file.length) {
        break;
      }
      Instant time = Instant.ofEpochSecond(seconds, nanos ? fraction : fraction * 1000);
      decodeEthernet(time, Arrays.copyOfRange(file, start, start + captured)).ifPresent(packets::add);
      position = start + captured;
    }
    return packets;
  }

  /** The ARP or NS/NA packet in Ethernet frame {@code frame}, if it is one. */
  public static Optional<L2Packet> decodeEthernet(Instant time, byte[] frame) {
    if (frame.length < 14) {
      return Optional.empty();
    }
    ByteBuffer in = ByteBuffer.wrap(frame);
    String destination = Addresses.mac(frame, 0);
    String source = Addresses.mac(frame, 6);
    int etherType = in.getShort(12) & 0xffff;
    int payload = 14;
    if (etherType == ETHERTYPE_VLAN && frame.length >= 18) {
      etherType = in.getShort(16) & 0xffff;
      payload = 18;
    }
    if (etherType == ETHERTYPE_ARP && frame.length >= payload + 28) {
      int op = in.getShort(payload + 6) & 0xffff;
      return Optional.of(new ArpPacket(time, source, destination, op, Addresses.mac(frame, payload + 8),
          Addresses.ipv4(frame, payload + 14), Addresses.mac(frame, payload + 18),
          Addresses.ipv4(frame, payload + 24)));
    }
    if (etherType == ETHERTYPE_IPV6 && frame.length >= payload + 40 + 24
        && (frame[payload + 6] & 0xff) == NEXT_HEADER_ICMPV6) {
      return decodeNdp(time, source, destination, frame, payload);
    }
    return Optional.empty();
  }

  private static Optional<L2Packet> decodeNdp(Instant time, String source, String destination, byte[] frame,
      int ip) {
    int icmp = ip + 40;
    int type = frame[icmp] & 0xff;
    if (type != ICMPV6_NEIGHBOR_SOLICITATION && type != ICMPV6_NEIGHBOR_ADVERTISEMENT) {
      return Optional.empty();
    }
    int flags = frame[icmp + 4] & 0xff;
    boolean advertisement = type == ICMPV6_NEIGHBOR_ADVERTISEMENT;
    Optional<String> linkLayer = Optional.empty();
    int wanted = advertisement ? OPTION_TARGET_LINK_LAYER : OPTION_SOURCE_LINK_LAYER;
    int option = icmp + 24;
    while (option + 2 <= frame.length) {
      int length = (frame[option + 1] & 0xff) * 8;
      if (length == 0 || option + length > frame.length) {
        break;
      }
      if ((frame[option] & 0xff) == wanted && length >= 8) {
        linkLayer = Optional.of(Addresses.mac(frame, option + 2));
      }
      option += length;
    }
    return Optional.of(new NdpPacket(time, source, destination,
        advertisement ? NdpPacket.Kind.ADVERTISEMENT : NdpPacket.Kind.SOLICITATION,
        Addresses.ipv6(frame, ip + 8), Addresses.ipv6(frame, ip + 24), Addresses.ipv6(frame, icmp + 8),
        advertisement && (flags & 0x80) != 0, advertisement && (flags & 0x40) != 0,
        advertisement && (flags & 0x20) != 0, linkLayer));
  }
}
