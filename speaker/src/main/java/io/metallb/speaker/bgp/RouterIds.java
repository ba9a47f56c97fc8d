package io.metallb.speaker.bgp;

import io.metallb.net.IpAddress;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.function.Function;
import java.util.zip.CRC32;

/** BGP Identifier selection of spec §10.8. Pure: the interface lookup is passed in. */
public final class RouterIds {
  private RouterIds() {}

  /**
   * The identifier, first match wins: the peer's {@code routerID}; the connection's local address
   * if IPv4; the first IPv4 address of the interface owning the local IPv6 address; the CRC-32
   * (IEEE) of the node name written little-endian.
   *
   * @param ipv4OnInterfaceOf the first IPv4 address on the interface holding an address, if any
   * @return the identifier as an unsigned 32-bit value
   */
  public static long select(Optional<IpAddress> configured, IpAddress localAddress,
      Function<IpAddress, Optional<IpAddress>> ipv4OnInterfaceOf, String nodeName) {
    Optional<IpAddress> chosen = configured.filter(IpAddress::isIpv4)
        .or(() -> Optional.of(localAddress).filter(IpAddress::isIpv4))
        .or(() -> ipv4OnInterfaceOf.apply(localAddress).filter(IpAddress::isIpv4));
    return chosen.map(RouterIds::toLong).orElseGet(() -> fromNodeName(nodeName));
  }

  /** CRC-32/IEEE of the node name, its bytes read little-endian as a dotted quad (spec §19.2). */
  public static long fromNodeName(String nodeName) {
    CRC32 crc = new CRC32();
    crc.update(nodeName.getBytes(StandardCharsets.UTF_8));
    long v = crc.getValue();
    return ((v & 0xff) << 24) | ((v >> 8 & 0xff) << 16) | ((v >> 16 & 0xff) << 8) | (v >> 24 & 0xff);
  }

  /** An IPv4 address as an unsigned 32-bit value. */
  public static long toLong(IpAddress ipv4) {
    byte[] b = ipv4.toBytes();
    return (b[0] & 0xffL) << 24 | (b[1] & 0xffL) << 16 | (b[2] & 0xffL) << 8 | (b[3] & 0xffL);
  }

  /** A 32-bit identifier as a dotted quad. */
  public static String toDottedQuad(long id) {
    return (id >> 24 & 0xff) + "." + (id >> 16 & 0xff) + "." + (id >> 8 & 0xff) + "." + (id & 0xff);
  }
}
