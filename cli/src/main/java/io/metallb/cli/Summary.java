package io.metallb.cli;

import io.metallb.config.BgpType;
import io.metallb.config.Config;
import io.metallb.config.Pool;

/** The one-line summary of a valid configuration. */
final class Summary {
  private Summary() {}

  static String of(Config config, BgpType type) {
    long l2 = config.pools().byName().values().stream().mapToLong(p -> p.l2Advertisements().size()).sum();
    long bgp = config.pools().byName().values().stream().mapToLong(p -> p.bgpAdvertisements().size()).sum();
    long cidrs = config.pools().byName().values().stream().mapToLong(p -> p.cidrs().size()).sum();
    long unannounced = config.pools().byName().values().stream().filter(Summary::unannounced).count();
    return "valid (" + type.text() + "): "
        + plural(config.pools().byName().size(), "pool") + " (" + plural(cidrs, "CIDR") + "), "
        + plural(config.peers().size(), "BGP peer") + ", "
        + plural(config.bfdProfiles().size(), "BFD profile") + ", "
        + plural(l2, "L2 advertisement") + " and " + plural(bgp, "BGP advertisement") + " attached to pools"
        + (unannounced > 0 ? "; " + plural(unannounced, "pool") + " allocate but nothing announces them" : "");
  }

  private static boolean unannounced(Pool p) {
    return p.l2Advertisements().isEmpty() && p.bgpAdvertisements().isEmpty();
  }

  private static String plural(long n, String word) {
    return n + " " + word + (n == 1 ? "" : "s");
  }
}
