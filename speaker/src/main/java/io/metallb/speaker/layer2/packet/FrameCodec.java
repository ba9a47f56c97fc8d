package io.metallb.speaker.layer2.packet;

import io.metallb.net.IpAddress;
import java.util.Arrays;

/**
 * Ethernet frames of ARP (RFC 826) and of ICMPv6 Neighbor Discovery (RFC 4861) in IPv6
 * (RFC 8200), both ways. Pure; bad input comes back as a {@link DropReason}, never as an exception.
 */
public final class FrameCodec {
  /** EtherType of ARP (IEEE 802 numbers). */
  public static final int ETHERTYPE_ARP = 0x0806;
  /** EtherType of IPv6 (RFC 8200). */
  public static final int ETHERTYPE_IPV6 = 0x86DD;
  /** IPv6 next header of ICMPv6 (RFC 4443). */
  static final int NEXT_HEADER_ICMPV6 = 58;
  /** ICMPv6 types (RFC 4861 §4.3, §4.4). */
  static final int NEIGHBOR_SOLICITATION = 135;
  static final int NEIGHBOR_ADVERTISEMENT = 136;
  /** ND option types (RFC 4861 §4.6.1). */
  static final int OPTION_SOURCE_LINK_LAYER = 1;
  static final int OPTION_TARGET_LINK_LAYER = 2;
  /** Neighbor Discovery's hop limit (RFC 4861 §7.1.1). */
  static final int ND_HOP_LIMIT = 255;
  /** Minimum Ethernet payload: frames are zero-padded to 60 bytes without FCS (IEEE 802.3). */
  static final int MIN_FRAME = 60;
  static final int ETHERNET_HEADER = 14;
  static final int IPV6_HEADER = 40;

  private FrameCodec() {}

  /** A decoded frame, or why it was dropped. */
  public sealed interface Decoded {
    record Ok(Frame frame) implements Decoded {}

    record Dropped(DropReason reason) implements Decoded {}
  }

  public static byte[] encode(Frame frame) {
    return switch (frame) {
      case Frame.Arp arp -> encodeArp(arp);
      case Frame.NeighborSolicitation ns -> encodeNd(ns.destination(), ns.source(), ns.ipSource(), ns.ipDestination(), NEIGHBOR_SOLICITATION, 0,
          ns.target(), OPTION_SOURCE_LINK_LAYER, ns.sourceLinkLayer());
      case Frame.NeighborAdvertisement na -> encodeNd(na.destination(), na.source(), na.ipSource(), na.ipDestination(), NEIGHBOR_ADVERTISEMENT,
          (na.router() ? 0x80 : 0) | (na.solicited() ? 0x40 : 0) | (na.override() ? 0x20 : 0), na.target(), OPTION_TARGET_LINK_LAYER, na.targetLinkLayer());
    };
  }

  public static Decoded decode(byte[] frame) {
    if (frame.length < ETHERNET_HEADER) {
      return new Decoded.Dropped(DropReason.TRUNCATED);
    }
    MacAddress destination = MacAddress.read(frame, 0);
    MacAddress source = MacAddress.read(frame, 6);
    int etherType = u16(frame, 12);
    if (etherType == ETHERTYPE_ARP) {
      return decodeArp(frame, destination, source);
    }
    if (etherType == ETHERTYPE_IPV6) {
      return decodeIpv6(frame, destination, source);
    }
    return new Decoded.Dropped(DropReason.NOT_ARP_OR_IPV6);
  }

  private static byte[] encodeArp(Frame.Arp arp) {
    byte[] out = new byte[MIN_FRAME];
    arp.destination().write(out, 0);
    arp.source().write(out, 6);
    put16(out, 12, ETHERTYPE_ARP);
    put16(out, 14, 1); // hardware type: Ethernet
    put16(out, 16, 0x0800); // protocol type: IPv4
    out[18] = 6; // hardware address length
    out[19] = 4; // protocol address length
    put16(out, 20, arp.operation());
    arp.senderHardware().write(out, 22);
    System.arraycopy(arp.senderIp().toBytes(), 0, out, 28, 4);
    arp.targetHardware().write(out, 32);
    System.arraycopy(arp.targetIp().toBytes(), 0, out, 38, 4);
    return out;
  }

  private static Decoded decodeArp(byte[] f, MacAddress destination, MacAddress source) {
    if (f.length < 42) {
      return new Decoded.Dropped(DropReason.TRUNCATED);
    }
    if (u16(f, 14) != 1 || u16(f, 16) != 0x0800 || f[18] != 6 || f[19] != 4) {
      return new Decoded.Dropped(DropReason.UNSUPPORTED_ARP);
    }
    return new Decoded.Ok(new Frame.Arp(destination, source, u16(f, 20), MacAddress.read(f, 22), IpAddress.ofBytes(Arrays.copyOfRange(f, 28, 32)),
        MacAddress.read(f, 32), IpAddress.ofBytes(Arrays.copyOfRange(f, 38, 42))));
  }

  private static byte[] encodeNd(MacAddress destination, MacAddress source, IpAddress ipSource, IpAddress ipDestination, int type, int flags,
      IpAddress target, int optionType, MacAddress linkLayer) {
    int icmpLength = 24 + (linkLayer == null ? 0 : 8);
    byte[] out = new byte[Math.max(MIN_FRAME, ETHERNET_HEADER + IPV6_HEADER + icmpLength)];
    destination.write(out, 0);
    source.write(out, 6);
    put16(out, 12, ETHERTYPE_IPV6);
    int ip = ETHERNET_HEADER;
    out[ip] = 0x60; // version 6, traffic class 0, flow label 0
    put16(out, ip + 4, icmpLength);
    out[ip + 6] = (byte) NEXT_HEADER_ICMPV6;
    out[ip + 7] = (byte) ND_HOP_LIMIT;
    System.arraycopy(ipSource.to16(), 0, out, ip + 8, 16);
    System.arraycopy(ipDestination.to16(), 0, out, ip + 24, 16);
    int icmp = ip + IPV6_HEADER;
    out[icmp] = (byte) type;
    out[icmp + 1] = 0; // code
    out[icmp + 4] = (byte) flags; // R|S|O, then 29 reserved bits (zero for solicitations)
    System.arraycopy(target.to16(), 0, out, icmp + 8, 16);
    if (linkLayer != null) {
      out[icmp + 24] = (byte) optionType;
      out[icmp + 25] = 1; // length in units of 8 bytes
      linkLayer.write(out, icmp + 26);
    }
    put16(out, icmp + 2, checksum(out, ip + 8, ip + 24, icmp, icmpLength));
    return out;
  }

  private static Decoded decodeIpv6(byte[] f, MacAddress destination, MacAddress source) {
    int ip = ETHERNET_HEADER;
    if (f.length < ip + IPV6_HEADER) {
      return new Decoded.Dropped(DropReason.TRUNCATED);
    }
    int payload = u16(f, ip + 4);
    if ((f[ip + 6] & 0xff) != NEXT_HEADER_ICMPV6) {
      return new Decoded.Dropped(DropReason.NOT_ICMPV6);
    }
    int icmp = ip + IPV6_HEADER;
    if (f.length < icmp + payload || payload < 4) {
      return new Decoded.Dropped(DropReason.TRUNCATED);
    }
    int type = f[icmp] & 0xff;
    if (type != NEIGHBOR_SOLICITATION && type != NEIGHBOR_ADVERTISEMENT) {
      return new Decoded.Dropped(DropReason.NOT_NEIGHBOR_DISCOVERY);
    }
    if (payload < 24) {
      return new Decoded.Dropped(DropReason.TRUNCATED);
    }
    if (checksum(f, ip + 8, ip + 24, icmp, payload) != 0) {
      return new Decoded.Dropped(DropReason.BAD_CHECKSUM);
    }
    if ((f[ip + 7] & 0xff) != ND_HOP_LIMIT || f[icmp + 1] != 0) {
      return new Decoded.Dropped(DropReason.INVALID_NEIGHBOR_DISCOVERY);
    }
    IpAddress ipSource = IpAddress.ofBytes(Arrays.copyOfRange(f, ip + 8, ip + 24));
    IpAddress ipDestination = IpAddress.ofBytes(Arrays.copyOfRange(f, ip + 24, ip + 40));
    IpAddress target = IpAddress.ofBytes(Arrays.copyOfRange(f, icmp + 8, icmp + 24));
    MacAddress linkLayer = null;
    int wanted = type == NEIGHBOR_SOLICITATION ? OPTION_SOURCE_LINK_LAYER : OPTION_TARGET_LINK_LAYER;
    for (int o = icmp + 24; o < icmp + payload; ) {
      if (o + 2 > icmp + payload) {
        return new Decoded.Dropped(DropReason.BAD_OPTION);
      }
      int length = (f[o + 1] & 0xff) * 8;
      if (length == 0 || o + length > icmp + payload) {
        return new Decoded.Dropped(DropReason.BAD_OPTION);
      }
      if ((f[o] & 0xff) == wanted && length >= 8) {
        linkLayer = MacAddress.read(f, o + 2);
      }
      o += length;
    }
    if (type == NEIGHBOR_SOLICITATION) {
      return new Decoded.Ok(new Frame.NeighborSolicitation(destination, source, ipSource, ipDestination, target, linkLayer));
    }
    int flags = f[icmp + 4] & 0xff;
    return new Decoded.Ok(new Frame.NeighborAdvertisement(destination, source, ipSource, ipDestination,
        (flags & 0x80) != 0, (flags & 0x40) != 0, (flags & 0x20) != 0, target, linkLayer));
  }

  /**
   * The ICMPv6 checksum (RFC 4443 §2.3) over the IPv6 pseudo-header (RFC 8200 §8.1) and the
   * message; 0 when the message already carries a correct checksum.
   */
  static int checksum(byte[] f, int sourceOffset, int destinationOffset, int icmpOffset, int icmpLength) {
    long sum = 0;
    for (int i = 0; i < 16; i += 2) {
      sum += u16(f, sourceOffset + i) + u16(f, destinationOffset + i);
    }
    sum += icmpLength;
    sum += NEXT_HEADER_ICMPV6;
    for (int i = 0; i < icmpLength; i += 2) {
      int hi = f[icmpOffset + i] & 0xff;
      int lo = i + 1 < icmpLength ? f[icmpOffset + i + 1] & 0xff : 0;
      sum += (hi << 8) | lo;
    }
    while ((sum >> 16) != 0) {
      sum = (sum & 0xffff) + (sum >> 16);
    }
    return (int) (~sum & 0xffff);
  }

  /** The solicited-node multicast address of an IPv6 address (RFC 4291 §2.7.1): ff02::1:ffXX:XXXX. */
  public static IpAddress solicitedNode(IpAddress ip) {
    byte[] a = ip.to16();
    byte[] out = new byte[16];
    out[0] = (byte) 0xff;
    out[1] = 0x02;
    out[11] = 0x01;
    out[12] = (byte) 0xff;
    out[13] = a[13];
    out[14] = a[14];
    out[15] = a[15];
    return IpAddress.ofBytes(out);
  }

  /** The Ethernet multicast address of an IPv6 multicast address (RFC 2464 §7): 33:33 + low 32 bits. */
  public static MacAddress multicastMac(IpAddress multicast) {
    byte[] a = multicast.to16();
    return MacAddress.of(new byte[] {0x33, 0x33, a[12], a[13], a[14], a[15]});
  }

  private static int u16(byte[] b, int o) {
    return ((b[o] & 0xff) << 8) | (b[o + 1] & 0xff);
  }

  private static void put16(byte[] b, int o, int v) {
    b[o] = (byte) (v >> 8);
    b[o + 1] = (byte) v;
  }
}
