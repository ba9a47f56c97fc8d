package io.metallb.config;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * An accepted configuration: what the controller allocates from and the speaker announces. Immutable.
 *
 * @param peers BGP peers by name
 * @param pools the address pools and their indexes
 * @param bfdProfiles BFD profiles by name
 * @param bgpExtras raw FRR configuration from the {@code bgpextras} ConfigMap, or empty
 */
public record Config(
    Map<String, Peer> peers, Pools pools, Map<String, BfdProfile> bfdProfiles, String bgpExtras) {
  public Config {
    peers = Collections.unmodifiableSortedMap(new TreeMap<>(peers));
    bfdProfiles = Collections.unmodifiableSortedMap(new TreeMap<>(bfdProfiles));
  }

  /**
   * The pools with MetalLB's two indexes.
   *
   * @param byName every pool by name
   * @param byNamespace namespace → names of the pools restricted to it (sorted)
   * @param byServiceSelector names of the pools that have service selectors, sorted
   */
  public record Pools(Map<String, Pool> byName, Map<String, List<String>> byNamespace, List<String> byServiceSelector) {
    public Pools {
      byName = Collections.unmodifiableSortedMap(new TreeMap<>(byName));
      byNamespace = Collections.unmodifiableSortedMap(new TreeMap<>(byNamespace));
      byServiceSelector = List.copyOf(byServiceSelector);
    }
  }
}
