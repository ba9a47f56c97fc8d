package io.metallb.lab.cli;

import io.metallb.lab.Lab;
import io.metallb.lab.bgp.BfdProfile;
import io.metallb.lab.bgp.BirdDaemon;
import io.metallb.lab.bgp.FrrDaemon;
import io.metallb.lab.bgp.GobgpDaemon;
import io.metallb.lab.bgp.Neighbor;
import io.metallb.lab.bgp.RouterConfig;
import io.metallb.lab.net.AddressPlan;
import io.metallb.lab.net.Topology;

/**
 * Starts the router {@code lab up} asked for: AS {@value #ROUTER_ASN} at
 * {@link AddressPlan#ROUTER_V4}, every node a passive neighbour with AS {@value #NODE_ASN}
 * (IPv6 sessions too with {@code --ipv6}), multipath on.
 */
final class RouterSetup {
  /** The router's AS number. */
  static final long ROUTER_ASN = 64500;
  /** The AS number the router expects from the nodes' speakers. */
  static final long NODE_ASN = 64512;

  private RouterSetup() {}

  /** The router configuration for {@code topology}. */
  static RouterConfig config(Topology topology, boolean ipv6) {
    RouterConfig config = RouterConfig.of("rtr", ROUTER_ASN, AddressPlan.ROUTER_V4).withBfd(BfdProfile.fast("lab"));
    for (int i = 1; i <= topology.spec().nodes(); i++) {
      config = config.withNeighbor(Neighbor.of(AddressPlan.nodeV4(i), NODE_ASN).asPassive());
      if (ipv6) {
        config = config.withNeighbor(Neighbor.of(AddressPlan.nodeV6(i), NODE_ASN).asPassive());
      }
    }
    return config;
  }

  /** Starts {@code choice} in the lab's router namespace; returns help lines for the user. */
  static String start(Lab lab, RouterChoice choice, boolean ipv6) {
    Topology t = lab.topology();
    String ns = t.routerNamespace();
    RouterConfig config = config(t, ipv6);
    String peers = "            AS " + ROUTER_ASN + ", nodes peer as AS " + NODE_ASN + " (router is passive)\n";
    return switch (choice) {
      case none -> "";
      case frr -> {
        FrrDaemon frr = FrrDaemon.start(lab, ns, config);
        yield "  FRR       ip netns exec " + ns + " vtysh --vty_socket " + frr.directory()
            + " -c 'show bgp summary'\n" + peers;
      }
      case bird -> {
        BirdDaemon.start(lab, ns, config);
        yield "  BIRD      ip netns exec " + ns + " birdc -s " + lab.runDir().resolve("bird-rtr/bird.ctl")
            + " show protocols\n" + peers;
      }
      case gobgp -> {
        GobgpDaemon.start(lab, ns, config);
        yield "  GoBGP     ip netns exec " + ns + " gobgp -u 127.0.0.1 -p " + GobgpDaemon.API_PORT + " neighbor\n"
            + peers;
      }
    };
  }
}
