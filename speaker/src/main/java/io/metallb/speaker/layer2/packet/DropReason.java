package io.metallb.speaker.layer2.packet;

/** Why a received frame was not answered; counted per reason, never thrown or logged per packet. */
public enum DropReason {
  /** Shorter than its headers say. */
  TRUNCATED,
  /** An EtherType other than ARP or IPv6. */
  NOT_ARP_OR_IPV6,
  /** ARP for other than Ethernet/IPv4 (htype 1, ptype 0x0800, hlen 6, plen 4). */
  UNSUPPORTED_ARP,
  /** An IPv6 packet that is not ICMPv6. */
  NOT_ICMPV6,
  /** An ICMPv6 message other than a Neighbor Solicitation or Advertisement. */
  NOT_NEIGHBOR_DISCOVERY,
  /** The ICMPv6 checksum does not match (RFC 4443 §2.3). */
  BAD_CHECKSUM,
  /** Neighbor Discovery with hop limit other than 255 or code other than 0 (RFC 4861 §7.1.1). */
  INVALID_NEIGHBOR_DISCOVERY,
  /** A malformed Neighbor Discovery option (zero length, or past the end). */
  BAD_OPTION
}
