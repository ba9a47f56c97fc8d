package io.metallb.lab.net;

/**
 * What a lab topology holds: the switch, {@code nodes} node namespaces, a router, a client and the
 * host side are always there.
 *
 * @param nodes how many node namespaces (1..{@link AddressPlan#MAX_NODES})
 * @param secondLink whether each node also gets {@code eth1} on a second bridge (192.0.2.0/24)
 * @param ipv6 whether IPv6 addresses are configured next to the IPv4 ones
 */
public record TopologySpec(int nodes, boolean secondLink, boolean ipv6) {
  /** Checks the node count. */
  public TopologySpec {
    if (nodes < 1 || nodes > AddressPlan.MAX_NODES) {
      throw new IllegalArgumentException("nodes must be 1.." + AddressPlan.MAX_NODES + ": " + nodes);
    }
  }

  /** {@code nodes} nodes, dual-stack, no second link. */
  public static TopologySpec dualStack(int nodes) {
    return new TopologySpec(nodes, false, true);
  }
}
