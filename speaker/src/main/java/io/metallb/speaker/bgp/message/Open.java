package io.metallb.speaker.bgp.message;

import java.util.List;
import java.util.Optional;

/**
 * An OPEN (RFC 4271 §4.2). All capabilities travel in one Capabilities optional parameter (RFC
 * 5492 §4); other optional parameters are refused by the reader.
 *
 * @param version BGP version, 4
 * @param myAs the 2-octet My Autonomous System field (AS_TRANS when the real ASN needs 4 octets)
 * @param holdTimeSeconds proposed hold time: 0 or at least 3
 * @param bgpIdentifier the BGP Identifier as an unsigned 32-bit value
 * @param capabilities the capabilities, in wire order
 */
public record Open(int version, int myAs, int holdTimeSeconds, long bgpIdentifier, List<Capability> capabilities)
    implements BgpMessage {
  /** BGP version 4 (RFC 4271 §4.2). */
  public static final int VERSION = 4;
  /** AS_TRANS, the 2-octet stand-in for a 4-octet ASN (RFC 6793 §9). */
  public static final int AS_TRANS = 23456;

  /** Checks field ranges and copies the list. */
  public Open {
    if (myAs < 0 || myAs > 0xffff || holdTimeSeconds < 0 || holdTimeSeconds > 0xffff) {
      throw new IllegalArgumentException("OPEN field out of range");
    }
    if (bgpIdentifier < 0 || bgpIdentifier > 0xffffffffL) {
      throw new IllegalArgumentException("BGP identifier is 32 bits: " + bgpIdentifier);
    }
    capabilities = List.copyOf(capabilities);
  }

  /** The 2-octet My AS field value for {@code asn}: itself, or AS_TRANS above 65535. */
  public static int twoOctetAs(long asn) {
    return asn > 0xffff ? AS_TRANS : (int) asn;
  }

  /** The 4-octet AS capability, if sent. */
  public Optional<Capability.FourOctetAs> fourOctetAs() {
    return find(Capability.FourOctetAs.class);
  }

  /** The graceful restart capability, if sent. */
  public Optional<Capability.GracefulRestart> gracefulRestart() {
    return find(Capability.GracefulRestart.class);
  }

  /** The sender's AS: the 4-octet capability's value if present, else the My AS field. */
  public long asn() {
    return fourOctetAs().map(Capability.FourOctetAs::asn).orElse((long) myAs);
  }

  /** Whether the route refresh capability was sent. */
  public boolean supportsRouteRefresh() {
    return find(Capability.RouteRefreshSupport.class).isPresent();
  }

  /** Whether the sender accepts IPv4 unicast routes with IPv6 next hops (RFC 8950 §3). */
  public boolean ipv4UnicastOverIpv6() {
    return find(Capability.ExtendedNextHop.class).map(Capability.ExtendedNextHop::ipv4UnicastOverIpv6).orElse(false);
  }

  /** The multiprotocol families announced; IPv4 unicast alone when none (RFC 4760 §8). */
  public List<Family> families() {
    List<Family> families = capabilities.stream()
        .filter(Capability.Multiprotocol.class::isInstance).map(Capability.Multiprotocol.class::cast)
        .flatMap(m -> Family.of(m.afi(), m.safi()).stream()).distinct().toList();
    boolean anyMultiprotocol = capabilities.stream().anyMatch(Capability.Multiprotocol.class::isInstance);
    return anyMultiprotocol ? families : List.of(Family.IPV4_UNICAST);
  }

  private <T extends Capability> Optional<T> find(Class<T> kind) {
    return capabilities.stream().filter(kind::isInstance).map(kind::cast).findFirst();
  }

  @Override
  public MessageType type() {
    return MessageType.OPEN;
  }
}
