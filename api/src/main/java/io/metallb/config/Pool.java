package io.metallb.config;

import io.metallb.net.Cidr;
import java.util.List;

/**
 * An address pool. Immutable.
 *
 * @param addresses the pool's {@code addresses} entries in their written order, each with the CIDRs
 *     it covers
 * @param serviceAllocation the pool's restriction and priority, or null for a general pool
 * @param l2Advertisements the L2 advertisements attached to the pool, de-duplicated
 * @param bgpAdvertisements the BGP advertisements attached to the pool
 */
public record Pool(
    String name,
    List<AddressEntry> addresses,
    boolean autoAssign,
    boolean avoidBuggyIPs,
    ServiceAllocation serviceAllocation,
    List<L2Advertisement> l2Advertisements,
    List<BgpAdvertisement> bgpAdvertisements) {
  public Pool {
    addresses = List.copyOf(addresses);
    l2Advertisements = List.copyOf(l2Advertisements);
    bgpAdvertisements = List.copyOf(bgpAdvertisements);
  }

  /** One {@code addresses} entry as written, and the CIDRs it stands for (a range may need several). */
  public record AddressEntry(String text, List<Cidr> cidrs) {
    public AddressEntry {
      cidrs = List.copyOf(cidrs);
    }
  }

  /** Every CIDR of the pool, in entry order. */
  public List<Cidr> cidrs() {
    return addresses.stream().flatMap(a -> a.cidrs().stream()).toList();
  }

  Pool withAdvertisements(List<L2Advertisement> l2, List<BgpAdvertisement> bgp) {
    return new Pool(name, addresses, autoAssign, avoidBuggyIPs, serviceAllocation, l2, bgp);
  }
}
