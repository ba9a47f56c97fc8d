package io.metallb.lab.bgp;

import java.util.List;
import java.util.OptionalLong;

/**
 * One path to a prefix in a router's BGP table, as a route reader parsed it.
 *
 * @param prefix e.g. {@code 198.51.100.10/32}
 * @param nextHops next-hop addresses
 * @param origin {@code IGP}, {@code EGP} or {@code INCOMPLETE}
 * @param asPath the AS_PATH, leftmost first
 * @param localPref LOCAL_PREF if the path carries one
 * @param communities standard communities as {@code ASN:VALUE}
 * @param largeCommunities large communities as {@code ASN:DATA1:DATA2}
 * @param best whether the daemon selected this path as best
 */
public record BgpRoute(
    String prefix,
    List<String> nextHops,
    String origin,
    List<Long> asPath,
    OptionalLong localPref,
    List<String> communities,
    List<String> largeCommunities,
    boolean best) {
  /** Copies the lists. */
  public BgpRoute {
    nextHops = List.copyOf(nextHops);
    asPath = List.copyOf(asPath);
    communities = List.copyOf(communities);
    largeCommunities = List.copyOf(largeCommunities);
  }
}
