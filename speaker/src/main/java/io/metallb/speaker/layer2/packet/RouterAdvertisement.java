package io.metallb.speaker.layer2.packet;

import io.metallb.net.IpAddress;
import java.util.Arrays;
import java.util.Optional;

/**
 * An ICMPv6 Router Advertisement (RFC 4861 §4.2) in an IPv6 packet in an Ethernet frame, as
 * unnumbered BGP uses them: a router learns its neighbour's link-local address from the
 * advertisements the neighbour sends, as FRR's zebra does. Pure; {@link #decode} never throws.
 *
 * @param destination the Ethernet destination
 * @param source the Ethernet source
 * @param ipSource the sender's link-local address (RFC 4861 §6.1.2 requires link-local)
 * @param ipDestination the IPv6 destination, all-nodes ({@code ff02::1}) when unsolicited
 * @param curHopLimit the Cur Hop Limit field, 0 for unspecified
 * @param routerLifetimeSeconds the Router Lifetime; 0: the sender is not a default router
 * @param sourceLinkLayer the Source Link-Layer Address option (RFC 4861 §4.6.1), if any
 */
public record RouterAdvertisement(
    MacAddress destination,
    MacAddress source,
    IpAddress ipSource,
    IpAddress ipDestination,
    int curHopLimit,
    int routerLifetimeSeconds,
    Optional<MacAddress> sourceLinkLayer) {
  /** ICMPv6 type of a Router Advertisement (RFC 4861 §4.2). */
  public static final int TYPE = 134;
  /** The all-nodes multicast address, destination of unsolicited advertisements (RFC 4861 §6.2.4, RFC 4291 §2.7.1). */
  public static final IpAddress ALL_NODES = IpAddress.of("ff02::1");
  /** ICMPv6 header (4) plus the fixed fields (hop limit, flags, lifetime, reachable time, retrans timer). */
  private static final int FIXED_LENGTH = 16;

  /** Checks the field widths. */
  public RouterAdvertisement {
    if (curHopLimit < 0 || curHopLimit > 255) {
      throw new IllegalArgumentException("Cur Hop Limit is 8 bits: " + curHopLimit);
    }
    if (routerLifetimeSeconds < 0 || routerLifetimeSeconds > 0xffff) {
      throw new IllegalArgumentException("Router Lifetime is 16 bits: " + routerLifetimeSeconds);
    }
  }

  /**
   * The unsolicited advertisement unnumbered BGP sends: to all-nodes from {@code linkLocal}, with
   * Router Lifetime 0 (not a default router, RFC 4861 §4.2), no prefixes, and the sender's MAC as
   * Source Link-Layer Address.
   */
  public static RouterAdvertisement unsolicited(MacAddress mac, IpAddress linkLocal) {
    return new RouterAdvertisement(FrameCodec.multicastMac(ALL_NODES), mac, linkLocal, ALL_NODES, 0, 0, Optional.of(mac));
  }

  /** The Ethernet frame, padded to the Ethernet minimum; IPv6 hop limit 255 (RFC 4861 §6.1.2). */
  public byte[] encode() {
    int icmpLength = FIXED_LENGTH + (sourceLinkLayer.isPresent() ? 8 : 0);
    byte[] out = new byte[Math.max(FrameCodec.MIN_FRAME, FrameCodec.ETHERNET_HEADER + FrameCodec.IPV6_HEADER + icmpLength)];
    destination.write(out, 0);
    source.write(out, 6);
    put16(out, 12, FrameCodec.ETHERTYPE_IPV6);
    int ip = FrameCodec.ETHERNET_HEADER;
    out[ip] = 0x60; // version 6, traffic class 0, flow label 0
    put16(out, ip + 4, icmpLength);
    out[ip + 6] = (byte) FrameCodec.NEXT_HEADER_ICMPV6;
    out[ip + 7] = (byte) FrameCodec.ND_HOP_LIMIT;
    System.arraycopy(ipSource.to16(), 0, out, ip + 8, 16);
    System.arraycopy(ipDestination.to16(), 0, out, ip + 24, 16);
    int icmp = ip + FrameCodec.IPV6_HEADER;
    out[icmp] = (byte) TYPE;
    out[icmp + 4] = (byte) curHopLimit;
    // icmp + 5: M and O flags clear; icmp + 8..15: Reachable Time and Retrans Timer 0 (unspecified)
    put16(out, icmp + 6, routerLifetimeSeconds);
    sourceLinkLayer.ifPresent(mac -> {
      out[icmp + FIXED_LENGTH] = (byte) FrameCodec.OPTION_SOURCE_LINK_LAYER;
      out[icmp + FIXED_LENGTH + 1] = 1; // length in units of 8 bytes
      mac.write(out, icmp + FIXED_LENGTH + 2);
    });
    put16(out, icmp + 2, FrameCodec.checksum(out, ip + 8, ip + 24, icmp, icmpLength));
    return out;
  }

  /**
   * The advertisement in {@code frame}, if it is a valid one (RFC 4861 §6.1.2): IPv6, ICMPv6 type
   * 134 code 0, hop limit 255, a link-local source, a correct checksum, at least 16 bytes, and
   * well-formed options. Anything else is empty.
   */
  public static Optional<RouterAdvertisement> decode(byte[] f) {
    int ip = FrameCodec.ETHERNET_HEADER;
    int icmp = ip + FrameCodec.IPV6_HEADER;
    if (f.length < icmp + FIXED_LENGTH || u16(f, 12) != FrameCodec.ETHERTYPE_IPV6 || (f[ip] & 0xf0) != 0x60
        || (f[ip + 6] & 0xff) != FrameCodec.NEXT_HEADER_ICMPV6 || (f[ip + 7] & 0xff) != FrameCodec.ND_HOP_LIMIT) {
      return Optional.empty();
    }
    int payload = u16(f, ip + 4);
    if (payload < FIXED_LENGTH || f.length < icmp + payload || (f[icmp] & 0xff) != TYPE || f[icmp + 1] != 0
        || FrameCodec.checksum(f, ip + 8, ip + 24, icmp, payload) != 0) {
      return Optional.empty();
    }
    IpAddress ipSource = IpAddress.ofBytes(Arrays.copyOfRange(f, ip + 8, ip + 24));
    if (!isLinkLocal(ipSource)) {
      return Optional.empty();
    }
    MacAddress linkLayer = null;
    for (int o = icmp + FIXED_LENGTH; o < icmp + payload; ) {
      if (o + 2 > icmp + payload) {
        return Optional.empty();
      }
      int length = (f[o + 1] & 0xff) * 8;
      if (length == 0 || o + length > icmp + payload) {
        return Optional.empty(); // RFC 4861 §6.1.2: every option's length is greater than zero
      }
      if ((f[o] & 0xff) == FrameCodec.OPTION_SOURCE_LINK_LAYER && length >= 8) {
        linkLayer = MacAddress.read(f, o + 2);
      }
      o += length;
    }
    return Optional.of(new RouterAdvertisement(MacAddress.read(f, 0), MacAddress.read(f, 6), ipSource,
        IpAddress.ofBytes(Arrays.copyOfRange(f, ip + 24, ip + 40)), f[icmp + 4] & 0xff, u16(f, icmp + 6),
        Optional.ofNullable(linkLayer)));
  }

  /** Whether {@code address} is an IPv6 link-local unicast address, fe80::/10 (RFC 4291 §2.5.6). */
  public static boolean isLinkLocal(IpAddress address) {
    byte[] a = address.to16();
    return !address.isIpv4() && (a[0] & 0xff) == 0xfe && (a[1] & 0xc0) == 0x80;
  }

  private static int u16(byte[] b, int o) {
    return ((b[o] & 0xff) << 8) | (b[o + 1] & 0xff);
  }

  private static void put16(byte[] b, int o, int v) {
    b[o] = (byte) (v >> 8);
    b[o + 1] = (byte) v;
  }
}
