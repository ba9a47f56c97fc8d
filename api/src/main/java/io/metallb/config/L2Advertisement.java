package io.metallb.config;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A parsed L2Advertisement as attached to a pool.
 *
 * @param name the L2Advertisement's name (not part of de-duplication)
 * @param nodes names of the nodes allowed to announce
 * @param interfaces interfaces to announce from; empty with {@code allInterfaces}
 * @param serviceSelectors sorted by their string form; empty means every Service
 * @param preferredNodes node → summed preference weight, only positive totals
 */
public record L2Advertisement(
    String name,
    SortedSet<String> nodes,
    List<String> interfaces,
    boolean allInterfaces,
    List<Selector> serviceSelectors,
    Map<String, Long> preferredNodes) {
  public L2Advertisement {
    nodes = Collections.unmodifiableSortedSet(new TreeSet<>(nodes));
    interfaces = List.copyOf(interfaces);
    serviceSelectors = List.copyOf(serviceSelectors);
    preferredNodes = Collections.unmodifiableSortedMap(new TreeMap<>(preferredNodes));
  }

  /** MetalLB's de-duplication: same interfaces, nodes and service selectors, and no preferences. */
  boolean sameAnnouncementAs(L2Advertisement other) {
    return preferredNodes.isEmpty()
        && other.preferredNodes.isEmpty()
        && allInterfaces == other.allInterfaces
        && nodes.equals(other.nodes)
        && new TreeSet<>(interfaces).equals(new TreeSet<>(other.interfaces))
        && serviceSelectors.equals(other.serviceSelectors);
  }
}
