package io.metallb.speaker.layer2;

import io.metallb.net.IpAddress;
import java.util.Set;
import java.util.TreeSet;

/**
 * One announced address of a Service (spec §9.1): on every interface, or only on the named ones
 * (the union of the {@code interfaces} of the L2Advertisements that chose this node).
 */
public record IpAdvertisement(IpAddress ip, boolean allInterfaces, Set<String> interfaces) {
  public IpAdvertisement {
    interfaces = Set.copyOf(new TreeSet<>(interfaces));
  }

  /** Announced on every interface. */
  public static IpAdvertisement everywhere(IpAddress ip) {
    return new IpAdvertisement(ip, true, Set.of());
  }

  /** Announced only on {@code interfaces}. */
  public static IpAdvertisement on(IpAddress ip, Set<String> interfaces) {
    return new IpAdvertisement(ip, false, interfaces);
  }

  /** Whether a request arriving on {@code iface} may be answered. */
  public boolean allows(String iface) {
    return allInterfaces || interfaces.contains(iface);
  }
}
