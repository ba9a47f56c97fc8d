package io.metallb.lab.l2;

import java.time.Instant;
import java.util.Optional;

/**
 * An ICMPv6 Neighbor Solicitation or Advertisement (RFC 4861 §4.3, §4.4).
 *
 * @param timestamp capture time
 * @param sourceMac Ethernet source
 * @param destinationMac Ethernet destination
 * @param kind solicitation or advertisement
 * @param sourceIp IPv6 source
 * @param destinationIp IPv6 destination
 * @param target the target address
 * @param router the R flag (advertisements only)
 * @param solicited the S flag (advertisements only)
 * @param override the O flag (advertisements only)
 * @param linkLayerAddress the source (NS) or target (NA) link-layer address option, if present
 */
public record NdpPacket(Instant timestamp, String sourceMac, String destinationMac, Kind kind, String sourceIp,
    String destinationIp, String target, boolean router, boolean solicited, boolean override,
    Optional<String> linkLayerAddress) implements L2Packet {
  /** The two NDP messages the lab reads. */
  public enum Kind {
    /** ICMPv6 type 135. */
    SOLICITATION,
    /** ICMPv6 type 136. */
    ADVERTISEMENT
  }
}
