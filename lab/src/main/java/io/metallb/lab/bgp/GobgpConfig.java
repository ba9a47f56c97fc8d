package io.metallb.lab.bgp;

import java.util.ArrayList;
import java.util.List;

/**
 * Renders a {@link RouterConfig} to a gobgpd TOML configuration, plus the {@code gobgp} CLI
 * commands that add its announcements once gobgpd runs (gobgpd's file has no static routes).
 * Pure.
 *
 * <p>GoBGP 3.10 has no BFD: a neighbour's BFD flag and the BFD profile are ignored.
 */
public final class GobgpConfig {
  private GobgpConfig() {}

  /** The gobgpd configuration text. */
  public static String render(RouterConfig config) {
    StringBuilder out = new StringBuilder();
    out.append("[global.config]\n");
    out.append("  as = ").append(config.localAsn()).append('\n');
    out.append("  router-id = \"").append(config.routerId()).append("\"\n");
    out.append("[global.use-multiple-paths.config]\n");
    out.append("  enabled = ").append(config.multipath()).append('\n');
    for (Neighbor n : config.neighbors()) {
      out.append("\n[[neighbors]]\n");
      out.append("  [neighbors.config]\n");
      out.append("    neighbor-address = \"").append(n.address()).append("\"\n");
      out.append("    peer-as = ").append(n.remoteAsn()).append('\n');
      n.md5Password().ifPresent(pw -> out.append("    auth-password = \"").append(pw).append("\"\n"));
      out.append("  [neighbors.timers.config]\n");
      out.append("    connect-retry = ").append(config.connectRetrySeconds()).append('\n');
      out.append("  [neighbors.transport.config]\n");
      out.append("    passive-mode = ").append(n.passive()).append('\n');
      if (n.multihopTtl() > 0) {
        out.append("  [neighbors.ebgp-multihop.config]\n");
        out.append("    enabled = true\n");
        out.append("    multihop-ttl = ").append(n.multihopTtl()).append('\n');
      }
      for (AddressFamily family : AddressFamily.values()) {
        if (n.families().contains(family)) {
          out.append("  [[neighbors.afi-safis]]\n");
          out.append("    [neighbors.afi-safis.config]\n");
          out.append("      afi-safi-name = \"").append(family.shortName()).append("-unicast\"\n");
        }
      }
    }
    return out.toString();
  }

  /**
   * The {@code gobgp} argument vectors (without the leading {@code gobgp} and API flags) that add
   * the announcements, e.g. {@code global rib -a ipv4 add 198.51.100.10/32 community 64512:100}.
   */
  public static List<List<String>> announceCommands(RouterConfig config) {
    List<List<String>> commands = new ArrayList<>();
    for (Announcement a : config.announcements()) {
      List<String> argv = new ArrayList<>(List.of("global", "rib", "-a", a.family().shortName(), "add", a.prefix()));
      if (!a.communities().isEmpty()) {
        argv.addAll(List.of("community", String.join(",", a.communities())));
      }
      if (!a.largeCommunities().isEmpty()) {
        argv.addAll(List.of("large-community", String.join(",", a.largeCommunities())));
      }
      a.localPref().ifPresent(lp -> argv.addAll(List.of("local-pref", Long.toString(lp))));
      commands.add(argv);
    }
    return commands;
  }
}
