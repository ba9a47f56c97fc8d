package io.metallb.config;

import java.util.Collections;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * A parsed BGPAdvertisement as attached to a pool.
 *
 * @param aggregationLength IPv4 prefix length advertised, 0..32 (default 32)
 * @param aggregationLengthV6 IPv6 prefix length advertised, 0..128 (default 128)
 * @param localPref LOCAL_PREF for iBGP peers, 0 when unset
 * @param communities resolved communities, ordered as MetalLB orders them
 * @param nodes names of the nodes that advertise
 * @param peers names of the peers to advertise to; empty means every peer
 * @param serviceSelectors sorted by their string form; empty means every Service
 */
public record BgpAdvertisement(
    String name,
    int aggregationLength,
    int aggregationLengthV6,
    long localPref,
    SortedSet<BgpCommunity> communities,
    SortedSet<String> nodes,
    List<String> peers,
    List<Selector> serviceSelectors) {
  public BgpAdvertisement {
    communities = Collections.unmodifiableSortedSet(new TreeSet<>(communities));
    nodes = Collections.unmodifiableSortedSet(new TreeSet<>(nodes));
    peers = List.copyOf(peers);
    serviceSelectors = List.copyOf(serviceSelectors);
  }
}
