package io.metallb.config;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.metallb.api.v1beta1.IPAddressPool;
import io.metallb.api.v1beta1.IPAddressPoolSpec;
import io.metallb.net.Cidr;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/** MetalLB's {@code addressPoolFromCR} (spec §4.4–4.5): one IPAddressPool to a {@link Pool}. */
final class PoolParser {
  private PoolParser() {}

  /**
   * @param namespaceLabels every known namespace → its labels, for namespace selectors
   */
  static Pool parse(IPAddressPool cr, Map<String, Map<String, String>> namespaceLabels) throws ParseFailure {
    String name = ConfigParser.name(cr);
    try {
      return parseSpec(name, cr.getSpec(), namespaceLabels);
    } catch (ParseFailure f) {
      throw f.prefixed("parsing address pool " + name + ": ");
    }
  }

  private static Pool parseSpec(String name, IPAddressPoolSpec spec, Map<String, Map<String, String>> namespaceLabels) throws ParseFailure {
    if (name.isEmpty()) {
      throw new ParseFailure("metadata.name", "missing pool name");
    }
    List<String> addresses = spec == null ? List.of() : GoLists.strings(spec.addresses());
    if (addresses.isEmpty()) {
      throw new ParseFailure("spec.addresses", "pool has no prefixes defined");
    }
    List<Pool.AddressEntry> entries = new ArrayList<>();
    for (int i = 0; i < addresses.size(); i++) {
      String entry = addresses.get(i);
      try {
        entries.add(new Pool.AddressEntry(entry, AddressParsing.parse(entry)));
      } catch (AddressParsing.InvalidAddressException e) {
        throw new ParseFailure("spec.addresses[" + i + "]", "invalid CIDR " + GoFormat.quote(entry) + " in pool " + GoFormat.quote(name) + ": " + e.getMessage());
      }
    }
    ServiceAllocation allocation = spec.serviceAllocation() == null ? null : serviceAllocation(name, spec.serviceAllocation(), namespaceLabels);
    return new Pool(
        name, entries,
        spec.autoAssign() == null || spec.autoAssign(),
        Boolean.TRUE.equals(spec.avoidBuggyIPs()),
        allocation, List.of(), List.of());
  }

  private static ServiceAllocation serviceAllocation(String pool, io.metallb.api.v1beta1.ServiceAllocation sa, Map<String, Map<String, String>> namespaceLabels) throws ParseFailure {
    List<String> namespaces = GoLists.strings(sa.namespaces());
    TreeSet<String> namespaceSet = new TreeSet<>();
    for (String ns : namespaces) {
      if (!namespaceSet.add(ns)) {
        throw new ParseFailure("spec.serviceAllocation.namespaces", "duplicate definition in namespaces field");
      }
    }
    int priority = sa.priority() == null ? 0 : sa.priority();
    List<LabelSelector> nsSelectors = GoLists.selectors(sa.namespaceSelectors());
    List<LabelSelector> svcSelectors = GoLists.selectors(sa.serviceSelectors());
    if (namespaces.isEmpty() && nsSelectors.isEmpty() && svcSelectors.isEmpty()) {
      return new ServiceAllocation(priority, namespaceSet, List.of(Selector.EVERYTHING));
    }
    SelectorRules.checkDuplicates(nsSelectors, "namespaceSelectors", "spec.serviceAllocation.namespaceSelectors");
    SelectorRules.checkDuplicates(svcSelectors, "serviceSelectors", "spec.serviceAllocation.serviceSelectors");
    for (LabelSelector s : nsSelectors) {
      Optional<String> error = LabelSelectors.validationError(s);
      if (error.isPresent()) {
        throw new ParseFailure("spec.serviceAllocation.namespaceSelectors", error.get())
            .joined("invalid namespace label selector " + GoFormat.selectorPointer(s) + " in ip pool " + pool);
      }
      Selector selector = Selector.of(s);
      namespaceLabels.forEach((ns, labels) -> {
        if (selector.matches(labels)) {
          namespaceSet.add(ns);
        }
      });
    }
    List<Selector> serviceSelectors = new ArrayList<>();
    for (LabelSelector s : svcSelectors) {
      Optional<String> error = LabelSelectors.validationError(s);
      if (error.isPresent()) {
        throw new ParseFailure("spec.serviceAllocation.serviceSelectors", error.get())
            .joined("invalid service label selector " + GoFormat.selectorV(s) + " in ip pool " + pool);
      }
      serviceSelectors.add(Selector.of(s));
    }
    return new ServiceAllocation(priority, namespaceSet, serviceSelectors);
  }

  /** MetalLB's overlap rule across every CIDR accepted so far, in name order. */
  static void checkOverlaps(Pool pool, List<Cidr> accepted) throws ParseFailure {
    for (Cidr cidr : pool.cidrs()) {
      for (Cidr seen : accepted) {
        if (cidr.overlaps(seen)) {
          throw new ParseFailure("spec.addresses", "CIDR " + GoFormat.quote(cidr.toString()) + " in pool " + GoFormat.quote(pool.name()) + " overlaps with already defined CIDR " + GoFormat.quote(seen.toString()));
        }
      }
      accepted.add(cidr);
    }
  }
}
