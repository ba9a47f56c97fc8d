package io.metallb.speaker.layer2.packet;

/**
 * What the layer 2 responders send and receive, as immutable values (sealed). {@link FrameCodec}
 * turns them into Ethernet frames and back.
 */
public sealed interface Frame {
  /** Ethernet destination and source. */
  MacAddress destination();

  MacAddress source();

  /**
   * An Ethernet/IPv4 ARP packet (RFC 826).
   *
   * @param operation 1 request, 2 reply
   */
  record Arp(MacAddress destination, MacAddress source, int operation, MacAddress senderHardware, io.metallb.net.IpAddress senderIp,
      MacAddress targetHardware, io.metallb.net.IpAddress targetIp) implements Frame {
    public static final int REQUEST = 1;
    public static final int REPLY = 2;
  }

  /**
   * An ICMPv6 Neighbor Solicitation (RFC 4861 §4.3) in an IPv6 packet.
   *
   * @param sourceLinkLayer the Source Link-Layer Address option, or null when absent
   */
  record NeighborSolicitation(MacAddress destination, MacAddress source, io.metallb.net.IpAddress ipSource, io.metallb.net.IpAddress ipDestination,
      io.metallb.net.IpAddress target, MacAddress sourceLinkLayer) implements Frame {}

  /**
   * An ICMPv6 Neighbor Advertisement (RFC 4861 §4.4) in an IPv6 packet.
   *
   * @param targetLinkLayer the Target Link-Layer Address option, or null when absent
   */
  record NeighborAdvertisement(MacAddress destination, MacAddress source, io.metallb.net.IpAddress ipSource, io.metallb.net.IpAddress ipDestination,
      boolean router, boolean solicited, boolean override, io.metallb.net.IpAddress target, MacAddress targetLinkLayer) implements Frame {}
}
