package io.metallb.config;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.metallb.api.v1beta1.BGPAdvertisement;
import io.metallb.api.v1beta1.BGPAdvertisementSpec;
import io.metallb.api.v1beta1.L2AdvertisementSpec;
import io.metallb.api.v1beta1.PreferredNodeSelector;
import io.metallb.net.Cidr;
import io.metallb.net.IpFamily;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/** L2 and BGP advertisements: parsing, pool targets, and per-pool checks (spec §4.7–4.8). */
final class AdvertisementParser {
  static final int DEFAULT_AGGREGATION_V4 = 32;
  static final int DEFAULT_AGGREGATION_V6 = 128;

  private AdvertisementParser() {}

  static L2Advertisement parseL2(io.metallb.api.v1beta1.L2Advertisement cr, Map<String, Map<String, String>> nodeLabels) throws ParseFailure {
    String name = ConfigParser.name(cr);
    L2AdvertisementSpec s = cr.getSpec() == null ? new L2AdvertisementSpec(null, null, null, null, null, null) : cr.getSpec();
    SelectorRules.checkDuplicateStrings(GoLists.strings(s.ipAddressPools()), "ipAddressPools", "spec.ipAddressPools");
    SelectorRules.checkDuplicates(GoLists.selectors(s.ipAddressPoolSelectors()), "ipAddressPoolSelectors", "spec.ipAddressPoolSelectors");
    SelectorRules.checkDuplicates(GoLists.selectors(s.nodeSelectors()), "nodeSelectors", "spec.nodeSelectors");
    SelectorRules.checkDuplicates(GoLists.selectors(s.serviceSelectors()), "serviceSelectors", "spec.serviceSelectors");
    TreeSet<String> nodes = nodes(name, GoLists.selectors(s.nodeSelectors()), nodeLabels);
    List<Selector> serviceSelectors = serviceSelectors(name, GoLists.selectors(s.serviceSelectors()));
    TreeMap<String, Long> preferred = new TreeMap<>();
    for (PreferredNodeSelector p : GoLists.of(s.preferredNodeSelectors(), () -> new PreferredNodeSelector(0, null))) {
      LabelSelector preference = p.preference() == null ? new LabelSelector() : p.preference();
      Optional<String> error = LabelSelectors.validationError(preference);
      if (error.isPresent()) {
        throw new ParseFailure("spec.preferredNodeSelectors", error.get())
            .joined("invalid preferred node selector " + GoFormat.selectorV(preference))
            .joined("failed to parse preferred node selectors for " + name);
      }
      Selector selector = Selector.of(preference);
      for (String node : nodes) {
        if (selector.matches(nodeLabels.get(node))) {
          preferred.merge(node, (long) p.weight(), Long::sum);
        }
      }
    }
    preferred.values().removeIf(w -> w <= 0);
    List<String> interfaces = GoLists.strings(s.interfaces());
    return new L2Advertisement(name, nodes, interfaces, interfaces.isEmpty(), serviceSelectors, preferred);
  }

  static BgpAdvertisement parseBgp(BGPAdvertisement cr, Map<String, BgpCommunity> aliases, Map<String, Map<String, String>> nodeLabels) throws ParseFailure {
    String name = ConfigParser.name(cr);
    BGPAdvertisementSpec s = cr.getSpec() == null ? new BGPAdvertisementSpec(null, null, null, null, null, null, null, null, null) : cr.getSpec();
    SelectorRules.checkDuplicateStrings(GoLists.strings(s.ipAddressPools()), "ipAddressPools", "spec.ipAddressPools");
    SelectorRules.checkDuplicateStrings(GoLists.strings(s.communities()), "community", "spec.communities");
    SelectorRules.checkDuplicateStrings(GoLists.strings(s.peers()), "peers", "spec.peers");
    SelectorRules.checkDuplicates(GoLists.selectors(s.ipAddressPoolSelectors()), "ipAddressPoolSelectors", "spec.ipAddressPoolSelectors");
    SelectorRules.checkDuplicates(GoLists.selectors(s.nodeSelectors()), "nodeSelectors", "spec.nodeSelectors");
    SelectorRules.checkDuplicates(GoLists.selectors(s.serviceSelectors()), "serviceSelectors", "spec.serviceSelectors");
    if (!GoLists.selectors(s.serviceSelectors()).isEmpty()) {
      if (s.aggregationLength() != null && s.aggregationLength() != DEFAULT_AGGREGATION_V4) {
        throw new ParseFailure("spec.aggregationLength", "serviceSelectors and aggregationLength are mutually exclusive, both cannot be set in " + name);
      }
      if (s.aggregationLengthV6() != null && s.aggregationLengthV6() != DEFAULT_AGGREGATION_V6) {
        throw new ParseFailure("spec.aggregationLengthV6", "serviceSelectors and aggregationLengthV6 are mutually exclusive, both cannot be set in " + name);
      }
    }
    int v4 = s.aggregationLength() == null ? DEFAULT_AGGREGATION_V4 : s.aggregationLength();
    if (v4 > 32) {
      throw new ParseFailure("spec.aggregationLength", "invalid aggregation length " + v4 + " for IPv4");
    }
    int v6 = s.aggregationLengthV6() == null ? DEFAULT_AGGREGATION_V6 : s.aggregationLengthV6();
    if (v6 > 128) {
      throw new ParseFailure("spec.aggregationLengthV6", "invalid aggregation length " + v6 + " for IPv6");
    }
    TreeSet<BgpCommunity> communities = new TreeSet<>();
    for (String c : GoLists.strings(s.communities())) {
      BgpCommunity alias = aliases.get(c);
      if (alias != null) {
        communities.add(alias);
        continue;
      }
      BgpCommunity.Parsed parsed = BgpCommunity.parse(c);
      if (parsed.error() != null) {
        // A format error may name an alias whose Community does not exist yet: transient.
        throw new ParseFailure("spec.communities", parsed.error().message(), parsed.error().formatError())
            .joined("invalid community " + GoFormat.quote(c) + " in BGP advertisement");
      }
      communities.add(parsed.community());
    }
    TreeSet<String> nodes = nodes(name, GoLists.selectors(s.nodeSelectors()), nodeLabels);
    List<Selector> serviceSelectors = serviceSelectors(name, GoLists.selectors(s.serviceSelectors()));
    return new BgpAdvertisement(name, v4, v6, s.localPref() == null ? 0 : s.localPref(), communities, nodes, GoLists.strings(s.peers()), serviceSelectors);
  }

  /**
   * The pools an advertisement applies to: every pool when it names none and selects none,
   * otherwise the named ones (unknown names ignored) and the selected ones, in name order.
   */
  static Set<String> targetPools(List<String> poolNames, List<LabelSelector> selectors, Map<String, Map<String, String>> poolLabels) throws ParseFailure {
    List<String> names = GoLists.strings(poolNames);
    List<LabelSelector> poolSelectors = GoLists.selectors(selectors);
    if (names.isEmpty() && poolSelectors.isEmpty()) {
      return new TreeSet<>(poolLabels.keySet());
    }
    Set<String> out = new TreeSet<>();
    for (String n : names) {
      if (poolLabels.containsKey(n)) {
        out.add(n);
      }
    }
    for (LabelSelector s : poolSelectors) {
      Selector selector = SelectorRules.convert(s, "spec.ipAddressPoolSelectors");
      poolLabels.forEach((pool, labels) -> {
        if (selector.matches(labels)) {
          out.add(pool);
        }
      });
    }
    return out;
  }

  /** {@code validateBGPAdvPerPool}: aggregation length versus the pool's prefixes, and LOCAL_PREF conflicts. */
  static void checkAgainstPool(BgpAdvertisement ad, Pool pool) throws ParseFailure {
    for (Pool.AddressEntry entry : pool.addresses()) {
      if (entry.cidrs().isEmpty()) {
        continue;
      }
      boolean v4 = entry.cidrs().get(0).family() == IpFamily.IPV4;
      int max = v4 ? ad.aggregationLength() : ad.aggregationLengthV6();
      int lowest = entry.cidrs().stream().mapToInt(Cidr::prefixLength).min().orElseThrow();
      if (max < lowest) {
        // [QUIRK] MetalLB prints the IPv4 aggregation length even when the IPv6 one is at fault.
        throw new ParseFailure(v4 ? "spec.aggregationLength" : "spec.aggregationLengthV6",
            "invalid aggregation length " + ad.aggregationLength() + ": prefix " + lowest + " in this pool is more specific than the aggregation length for addresses " + entry.text());
      }
    }
    if (!ad.serviceSelectors().isEmpty()) {
      return;
    }
    for (BgpAdvertisement existing : pool.bgpAdvertisements()) {
      if (!existing.serviceSelectors().isEmpty()) {
        continue;
      }
      if (!compatibleLocalPref(ad, existing, pool)) {
        // The "preferernce" typo is MetalLB's.
        throw new ParseFailure("spec.localPref",
            "invalid local preference " + ad.localPref() + ": local preferernce " + existing.localPref() + " was already set for the same type of BGP update. Check existing BGP advertisements with common pools and aggregation lengths");
      }
    }
  }

  private static boolean compatibleLocalPref(BgpAdvertisement a, BgpAdvertisement b, Pool pool) {
    if (a.localPref() == b.localPref()) {
      return true;
    }
    boolean hasV4 = false;
    boolean hasV6 = false;
    for (Pool.AddressEntry e : pool.addresses()) {
      if (!e.cidrs().isEmpty()) {
        hasV4 |= e.cidrs().get(0).family() == IpFamily.IPV4;
        hasV6 |= e.cidrs().get(0).family() == IpFamily.IPV6;
      }
    }
    boolean v4Differs = a.aggregationLength() != b.aggregationLength();
    boolean v6Differs = a.aggregationLengthV6() != b.aggregationLengthV6();
    if ((!hasV4 && !hasV6) || (v4Differs && !hasV6) || (v6Differs && !hasV4) || (v4Differs && v6Differs)) {
      return true;
    }
    if (!a.peers().isEmpty() && !b.peers().isEmpty() && a.peers().stream().noneMatch(b.peers()::contains)) {
      return true;
    }
    return a.nodes().stream().noneMatch(b.nodes()::contains);
  }

  private static TreeSet<String> nodes(String ad, List<LabelSelector> selectors, Map<String, Map<String, String>> nodeLabels) throws ParseFailure {
    List<Selector> parsed = new ArrayList<>();
    for (LabelSelector s : selectors) {
      try {
        parsed.add(SelectorRules.convert(s, "spec.nodeSelectors"));
      } catch (ParseFailure f) {
        throw f.joined("failed to parse node selector for " + ad);
      }
    }
    return SelectorRules.matchingOrAll(parsed, nodeLabels);
  }

  private static List<Selector> serviceSelectors(String ad, List<LabelSelector> selectors) throws ParseFailure {
    List<Selector> parsed = new ArrayList<>();
    for (LabelSelector s : selectors) {
      Optional<String> error = LabelSelectors.validationError(s);
      if (error.isPresent()) {
        throw new ParseFailure("spec.serviceSelectors", "invalid service selector " + GoFormat.selectorV(s) + ": " + error.get())
            .joined("failed to parse service selector for " + ad);
      }
      parsed.add(Selector.of(s));
    }
    return SelectorRules.sortedByString(parsed);
  }

}
