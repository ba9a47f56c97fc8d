package io.metallb.config;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.metallb.api.v1beta1.BFDProfile;
import io.metallb.api.v1beta1.BGPAdvertisement;
import io.metallb.api.v1beta1.Community;
import io.metallb.api.v1beta1.IPAddressPool;
import io.metallb.api.v1beta2.BGPPeer;
import io.metallb.net.Cidr;
import io.metallb.net.IpFamily;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The one configuration parser (MetalLB's {@code config.For}): a snapshot of the cluster's
 * resources to a {@link Config}, or the reasons there is none. Pure, stateless and thread-safe; it
 * never throws on bad input.
 *
 * <p>Steps run in MetalLB's order (spec §4.1): mode validator, BFD profiles, peers, communities,
 * pools, L2 advertisements, BGP advertisements, BGP extras, cross checks. MetalLB stops at its first
 * error; we go on and report every object at fault (one error per object, the first), so the first
 * error listed is MetalLB's.
 */
public final class ConfigParser {
  /** Options of a parse, MetalLB's {@code ForOptions} plus the mode. */
  public record Options(BgpType bgpType, boolean frrK8sSecretPassthrough) {
    public static final Options DEFAULT = new Options(BgpType.NATIVE, false);

    public static Options of(BgpType type) {
      return new Options(type, false);
    }
  }

  private ConfigParser() {}

  public static ParseResult parse(ClusterSnapshot snapshot) {
    return parse(snapshot, Options.DEFAULT);
  }

  public static ParseResult parse(ClusterSnapshot snapshot, Options options) {
    Errors errors = new Errors();
    Config config;
    try {
      config = run(sorted(snapshot), options, errors);
    } catch (RuntimeException e) {
      errors.add(new ConfigError("", "", "", "internal error while parsing the configuration: " + e, false));
      config = null;
    }
    return errors.list.isEmpty() ? new ParseResult.Valid(config) : new ParseResult.Invalid(errors.list);
  }

  private static Config run(ClusterSnapshot s, Options options, Errors errors) {
    ModeValidator.validate(options.bgpType(), s).forEach(errors::add);

    Map<String, BfdProfile> bfdProfiles = new TreeMap<>();
    for (BFDProfile cr : s.bfdProfiles()) {
      try {
        BfdProfile profile = BfdProfileParser.parse(cr);
        if (bfdProfiles.containsKey(profile.name())) {
          errors.add(new ConfigError("BFDProfile", name(cr), "metadata.name", "found duplicate bfd profile name " + profile.name(), false));
          continue;
        }
        bfdProfiles.put(profile.name(), profile);
      } catch (ParseFailure f) {
        int index = s.bfdProfiles().indexOf(cr) + 1;
        errors.add(f.prefixed("parsing bfd profile #" + index + ": ").toError("BFDProfile", name(cr)));
      }
    }

    Map<String, Peer> peers = new TreeMap<>();
    for (BGPPeer cr : s.peers()) {
      try {
        Peer peer = PeerParser.parse(cr, s.passwordSecrets() == null ? Map.of() : s.passwordSecrets(), options.frrK8sSecretPassthrough());
        if (!peer.bfdProfile().isEmpty() && !bfdProfiles.containsKey(peer.bfdProfile())) {
          errors.add(new ConfigError("BGPPeer", name(cr), "spec.bfdProfile", "peer " + name(cr) + " referencing non existing bfd profile " + peer.bfdProfile(), true));
          continue;
        }
        // [QUIRK] MetalLB compares whole parsed peers, names included: only an identical peer of the
        // same name is refused; a different one of the same name silently replaces it.
        if (peer.equals(peers.get(peer.name()))) {
          errors.add(new ConfigError("BGPPeer", name(cr), "metadata.name", "peer " + peer.name() + " already exists", false));
          continue;
        }
        peers.put(peer.name(), peer);
      } catch (ParseFailure f) {
        errors.add(f.toError("BGPPeer", name(cr)));
      }
    }

    Map<String, BgpCommunity> aliases = CommunityAliases.empty();
    for (Community cr : s.communities()) {
      try {
        CommunityAliases.add(cr, aliases);
      } catch (ParseFailure f) {
        errors.add(f.toError("Community", name(cr)));
      }
    }

    Map<String, Map<String, String>> namespaceLabels = labelsByName(s.namespaces());
    Map<String, Map<String, String>> nodeLabels = labelsByName(s.nodes());
    Map<String, Pool> pools = new LinkedHashMap<>();
    Map<String, Map<String, String>> poolLabels = new TreeMap<>();
    List<Cidr> acceptedCidrs = new ArrayList<>();
    for (IPAddressPool cr : s.pools()) {
      try {
        Pool pool = PoolParser.parse(cr, namespaceLabels);
        if (pools.containsKey(pool.name())) {
          errors.add(new ConfigError("IPAddressPool", name(cr), "metadata.name", "duplicate definition of pool " + GoFormat.quote(pool.name()), false));
          continue;
        }
        PoolParser.checkOverlaps(pool, acceptedCidrs);
        pools.put(pool.name(), pool);
        poolLabels.put(pool.name(), labels(cr));
      } catch (ParseFailure f) {
        errors.add(f.toError("IPAddressPool", name(cr)));
      }
    }

    Map<String, List<L2Advertisement>> l2ByPool = new TreeMap<>();
    for (io.metallb.api.v1beta1.L2Advertisement cr : s.l2Advertisements()) {
      try {
        L2Advertisement ad = AdvertisementParser.parseL2(cr, nodeLabels);
        var spec = cr.getSpec();
        for (String pool : AdvertisementParser.targetPools(
            spec == null ? List.of() : spec.ipAddressPools(),
            spec == null ? List.of() : spec.ipAddressPoolSelectors(),
            poolLabels)) {
          List<L2Advertisement> attached = l2ByPool.computeIfAbsent(pool, p -> new ArrayList<>());
          if (attached.stream().noneMatch(ad::sameAnnouncementAs)) {
            attached.add(ad);
          }
        }
      } catch (ParseFailure f) {
        errors.add(f.toError("L2Advertisement", name(cr)));
      }
    }

    // [QUIRK] MetalLB also refuses two deep-equal BGPAdvertisement resources ("duplicate definition
    // of bgpadvertisements"), metadata included, which distinct resources never are; not reproduced.
    Map<String, List<BgpAdvertisement>> bgpByPool = new TreeMap<>();
    for (BGPAdvertisement cr : s.bgpAdvertisements()) {
      try {
        BgpAdvertisement ad = AdvertisementParser.parseBgp(cr, aliases, nodeLabels);
        var spec = cr.getSpec();
        for (String poolName : AdvertisementParser.targetPools(
            spec == null ? List.of() : spec.ipAddressPools(),
            spec == null ? List.of() : spec.ipAddressPoolSelectors(),
            poolLabels)) {
          Pool pool = pools.get(poolName);
          List<BgpAdvertisement> attached = bgpByPool.computeIfAbsent(poolName, p -> new ArrayList<>());
          AdvertisementParser.checkAgainstPool(ad, pool.withAdvertisements(List.of(), attached));
          attached.add(ad);
        }
      } catch (ParseFailure f) {
        errors.add(f.toError("BGPAdvertisement", name(cr)));
      }
    }

    Map<String, Pool> finalPools = new TreeMap<>();
    pools.forEach((n, p) -> finalPools.put(n, p.withAdvertisements(l2ByPool.getOrDefault(n, List.of()), bgpByPool.getOrDefault(n, List.of()))));
    Config config = new Config(peers, indexes(finalPools), bfdProfiles, bgpExtras(s));

    crossChecks(config).forEach(errors::add);
    return config;
  }

  private static Config.Pools indexes(Map<String, Pool> pools) {
    Map<String, List<String>> byNamespace = new TreeMap<>();
    List<String> byServiceSelector = new ArrayList<>();
    pools.forEach((name, pool) -> {
      if (pool.serviceAllocation() == null) {
        return;
      }
      for (String ns : pool.serviceAllocation().namespaces()) {
        byNamespace.computeIfAbsent(ns, k -> new ArrayList<>()).add(name);
      }
      if (!pool.serviceAllocation().serviceSelectors().isEmpty()) {
        byServiceSelector.add(name);
      }
    });
    return new Config.Pools(pools, byNamespace, byServiceSelector);
  }

  private static String bgpExtras(ClusterSnapshot s) {
    if (s.bgpExtras() == null || s.bgpExtras().getData() == null) {
      return "";
    }
    String extras = s.bgpExtras().getData().get("extras");
    return extras == null ? "" : extras;
  }

  /** {@code validateConfig}: IPv6 pools cannot be advertised to peers whose BFD profile uses echo mode. */
  private static List<ConfigError> crossChecks(Config config) {
    List<ConfigError> errors = new ArrayList<>();
    for (Pool pool : config.pools().byName().values()) {
      if (pool.cidrs().stream().noneMatch(c -> c.family() == IpFamily.IPV6)) {
        continue;
      }
      for (BgpAdvertisement ad : pool.bgpAdvertisements()) {
        List<Peer> peers = ad.peers().isEmpty()
            ? List.copyOf(config.peers().values())
            : ad.peers().stream().map(config.peers()::get).filter(p -> p != null).toList();
        for (Peer peer : peers) {
          BfdProfile profile = config.bfdProfiles().get(peer.bfdProfile());
          if (profile != null && profile.echoMode()) {
            errors.add(new ConfigError("BGPAdvertisement", ad.name(), "spec.peers",
                "pool " + pool.name() + " has bgpadvertisement " + ad.name() + " which references peer " + peer.name() + " which has bfd echo enabled, which is not possible", false));
          }
        }
      }
    }
    return errors;
  }

  private static ClusterSnapshot sorted(ClusterSnapshot s) {
    return new ClusterSnapshot(
        byName(s.pools()), byName(s.peers()), byName(s.bfdProfiles()), byName(s.bgpAdvertisements()),
        byName(s.l2Advertisements()), byName(s.communities()),
        s.passwordSecrets() == null ? Map.of() : s.passwordSecrets(),
        byName(s.nodes()), byName(s.namespaces()), s.bgpExtras());
  }

  private static <T extends HasMetadata> List<T> byName(List<T> list) {
    if (list == null) {
      return List.of();
    }
    List<T> out = new ArrayList<>(list.stream().filter(x -> x != null).toList());
    out.sort(Comparator.comparing(ConfigParser::name));
    return out;
  }

  static String name(HasMetadata o) {
    return o.getMetadata() == null || o.getMetadata().getName() == null ? "" : o.getMetadata().getName();
  }

  static Map<String, String> labels(HasMetadata o) {
    return o.getMetadata() == null || o.getMetadata().getLabels() == null ? Map.of() : o.getMetadata().getLabels();
  }

  static Map<String, Map<String, String>> labelsByName(List<? extends HasMetadata> objects) {
    Map<String, Map<String, String>> out = new TreeMap<>();
    for (HasMetadata o : objects == null ? List.<HasMetadata>of() : objects) {
      if (o != null) {
        out.put(name(o), labels(o));
      }
    }
    return out;
  }

  /** Keeps the first error of each object. */
  private static final class Errors {
    final List<ConfigError> list = new ArrayList<>();
    final Set<String> objects = new HashSet<>();

    void add(ConfigError e) {
      if (e.kind().isEmpty() || objects.add(e.kind() + "/" + e.name())) {
        list.add(e);
      }
    }
  }
}
