package io.metallb.lab.bgp;

import java.util.List;

/**
 * Renders a {@link RouterConfig} to a BIRD 2 configuration. Pure.
 *
 * <p>Learned BGP routes go to the kernel (merged into ECMP routes with multipath on); only the
 * router's own announcements (static blackhole routes with their attributes set by the export
 * filter) are exported to neighbours. iBGP sessions get {@code direct} (BIRD otherwise treats them
 * as multihop with recursive next hops, which leaves on-link routes unreachable) and
 * {@code next hop self}.
 */
public final class BirdConfig {
  private BirdConfig() {}

  /** The protocol name BIRD gives neighbour {@code index} (0-based). */
  public static String protocolName(int index) {
    return "peer" + (index + 1);
  }

  /** The configuration text. */
  public static String render(RouterConfig config) {
    StringBuilder out = new StringBuilder();
    out.append("router id ").append(config.routerId()).append(";\n");
    out.append("log stderr all;\n");
    out.append("protocol device { }\n");
    String merge = config.multipath() ? " merge paths on;" : "";
    out.append("protocol kernel kernel4 { ipv4 { export where source = RTS_BGP; };").append(merge).append(" }\n");
    out.append("protocol kernel kernel6 { ipv6 { export where source = RTS_BGP; };").append(merge).append(" }\n");
    config.bfdProfile().ifPresent(p -> out.append("protocol bfd {\n")
        .append("  interface \"*\" { min rx interval ").append(p.receiveIntervalMs())
        .append(" ms; min tx interval ").append(p.transmitIntervalMs())
        .append(" ms; multiplier ").append(p.detectMultiplier()).append("; };\n")
        .append("  multihop { min rx interval ").append(p.receiveIntervalMs())
        .append(" ms; min tx interval ").append(p.transmitIntervalMs())
        .append(" ms; multiplier ").append(p.detectMultiplier()).append("; };\n")
        .append("}\n"));
    for (AddressFamily family : AddressFamily.values()) {
      List<Announcement> announced = config.announcements().stream().filter(a -> a.family() == family).toList();
      if (!announced.isEmpty()) {
        out.append("protocol static announce").append(family == AddressFamily.IPV4_UNICAST ? "4" : "6")
            .append(" { ").append(family.shortName()).append(";");
        announced.forEach(a -> out.append(" route ").append(a.prefix()).append(" blackhole;"));
        out.append(" }\n");
      }
    }
    boolean announces = !config.announcements().isEmpty();
    if (announces) {
      out.append("filter announce {\n");
      out.append("  if source != RTS_STATIC then reject;\n");
      for (Announcement a : config.announcements()) {
        out.append("  if net = ").append(a.prefix()).append(" then {");
        a.communities().forEach(c -> out.append(" bgp_community.add((").append(c.replace(':', ',')).append("));"));
        a.largeCommunities().forEach(c -> out.append(" bgp_large_community.add((")
            .append(c.replace(":", ", ")).append("));"));
        a.localPref().ifPresent(lp -> out.append(" bgp_local_pref = ").append(lp).append(";"));
        out.append(" }\n");
      }
      out.append("  accept;\n");
      out.append("}\n");
    }
    List<Neighbor> neighbors = config.neighbors();
    for (int i = 0; i < neighbors.size(); i++) {
      Neighbor n = neighbors.get(i);
      boolean internal = config.isInternal(n);
      out.append("protocol bgp ").append(protocolName(i)).append(" {\n");
      out.append("  local as ").append(config.localAsn()).append(";\n");
      out.append("  neighbor ").append(n.address()).append(" as ").append(n.remoteAsn()).append(";\n");
      out.append("  connect retry time ").append(config.connectRetrySeconds()).append(";\n");
      out.append("  error wait time 2, 10;\n");
      if (n.passive()) {
        out.append("  passive on;\n");
      }
      n.md5Password().ifPresent(pw -> out.append("  password \"").append(pw).append("\";\n"));
      if (n.multihopTtl() > 0) {
        out.append("  multihop ").append(n.multihopTtl()).append(";\n");
      } else if (internal) {
        out.append("  direct;\n");
      }
      if (n.bfd()) {
        out.append("  bfd on;\n");
      }
      for (AddressFamily family : AddressFamily.values()) {
        if (n.families().contains(family)) {
          out.append("  ").append(family.shortName()).append(" { import all; export ")
              .append(announces ? "filter announce" : "none").append(";")
              .append(internal ? " next hop self;" : "").append(" };\n");
        }
      }
      out.append("}\n");
    }
    return out.toString();
  }
}
