package io.metallb.lab.bgp;

import java.util.List;

/**
 * Renders a {@link RouterConfig} to FRR 8 configuration, one file per daemon (bgpd, bfdd, zebra):
 * FRR daemons given a file with another daemon's blocks silently skip the rest of it. Pure.
 *
 * <p>Always sets {@code no bgp ebgp-requires-policy} (FRR ≥ 7.4 otherwise drops eBGP routes) and
 * {@code no bgp network import-check} (announcements need no route in the RIB).
 */
public final class FrrConfig {
  /** The number of equal-cost paths with multipath on. */
  public static final int MAXIMUM_PATHS = 8;

  private FrrConfig() {}

  /** The zebra configuration. */
  public static String zebra(RouterConfig config) {
    return "hostname " + config.name() + "\n";
  }

  /** The bfdd configuration: the BFD profile, if any. */
  public static String bfdd(RouterConfig config) {
    StringBuilder out = new StringBuilder("hostname " + config.name() + "\n");
    config.bfdProfile().ifPresent(p -> out.append("bfd\n")
        .append(" profile ").append(p.name()).append('\n')
        .append("  receive-interval ").append(p.receiveIntervalMs()).append('\n')
        .append("  transmit-interval ").append(p.transmitIntervalMs()).append('\n')
        .append("  detect-multiplier ").append(p.detectMultiplier()).append('\n')
        .append(" exit\n")
        .append("exit\n"));
    return out.toString();
  }

  /** The bgpd configuration. */
  public static String bgpd(RouterConfig config) {
    StringBuilder out = new StringBuilder();
    out.append("frr defaults traditional\n");
    out.append("hostname ").append(config.name()).append('\n');
    out.append("!\n");
    out.append("router bgp ").append(config.localAsn()).append('\n');
    out.append(" bgp router-id ").append(config.routerId()).append('\n');
    out.append(" no bgp ebgp-requires-policy\n");
    out.append(" no bgp network import-check\n");
    out.append(" no bgp default ipv4-unicast\n");
    if (config.multipath()) {
      out.append(" bgp bestpath as-path multipath-relax\n");
    }
    for (Neighbor n : config.neighbors()) {
      String p = " neighbor " + n.address() + " ";
      out.append(p).append(n.unnumbered() ? "interface " : "").append("remote-as ").append(n.remoteAsn()).append('\n');
      if (n.passive()) {
        out.append(p).append("passive\n");
      }
      n.md5Password().ifPresent(pw -> out.append(p).append("password ").append(pw).append('\n'));
      if (n.multihopTtl() > 0) {
        out.append(p).append("ebgp-multihop ").append(n.multihopTtl()).append('\n');
      }
      out.append(p).append("timers connect ").append(config.connectRetrySeconds()).append('\n');
      if (n.bfd()) {
        out.append(p).append("bfd\n");
        out.append(p).append("bfd profile ").append(config.bfdProfile().orElseThrow().name()).append('\n');
      }
    }
    for (AddressFamily family : AddressFamily.values()) {
      List<Neighbor> members = config.neighbors().stream().filter(n -> n.families().contains(family)).toList();
      List<Announcement> announced = config.announcements().stream().filter(a -> a.family() == family).toList();
      if (members.isEmpty() && announced.isEmpty()) {
        continue;
      }
      out.append(" !\n");
      out.append(" address-family ").append(family.shortName()).append(" unicast\n");
      for (Announcement a : announced) {
        out.append("  network ").append(a.prefix()).append(" route-map ").append(routeMapName(config, a))
            .append('\n');
      }
      for (Neighbor n : members) {
        out.append("  neighbor ").append(n.address()).append(" activate\n");
        if (config.isInternal(n)) {
          out.append("  neighbor ").append(n.address()).append(" next-hop-self\n");
        }
      }
      if (config.multipath()) {
        out.append("  maximum-paths ").append(MAXIMUM_PATHS).append('\n');
        out.append("  maximum-paths ibgp ").append(MAXIMUM_PATHS).append('\n');
      }
      out.append(" exit-address-family\n");
    }
    out.append("exit\n");
    for (Announcement a : config.announcements()) {
      out.append("!\n");
      out.append("route-map ").append(routeMapName(config, a)).append(" permit 10\n");
      if (!a.communities().isEmpty()) {
        out.append(" set community ").append(String.join(" ", a.communities())).append('\n');
      }
      if (!a.largeCommunities().isEmpty()) {
        out.append(" set large-community ").append(String.join(" ", a.largeCommunities())).append('\n');
      }
      a.localPref().ifPresent(lp -> out.append(" set local-preference ").append(lp).append('\n'));
      out.append("exit\n");
    }
    out.append("!\n");
    return out.toString();
  }

  private static String routeMapName(RouterConfig config, Announcement a) {
    return "ANNOUNCE-" + (config.announcements().indexOf(a) + 1);
  }
}
