package io.metallb.config;

import java.util.Collections;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Which Services may use a pool (MetalLB's {@code ServiceAllocation}). A Service matches when its
 * namespace is in {@code namespaces} or its labels match any service selector.
 *
 * @param priority lower positive values are preferred; 0 means lowest
 * @param namespaces namespaces named directly plus those namespace selectors matched at parse time
 * @param serviceSelectors service label selectors; {@link Selector#EVERYTHING} when the allocation
 *     named nothing at all
 */
public record ServiceAllocation(int priority, SortedSet<String> namespaces, List<Selector> serviceSelectors) {
  public ServiceAllocation {
    namespaces = Collections.unmodifiableSortedSet(new TreeSet<>(namespaces));
    serviceSelectors = List.copyOf(serviceSelectors);
  }
}
