package io.metallb.lab.net;

import io.metallb.lab.process.Commands;
import java.util.ArrayList;
import java.util.List;

/**
 * A built lab network: a switch namespace with bridge {@code br0} (and {@code br1} with a second
 * link), node namespaces {@code <run>-n1..nN} with {@code eth0} (and {@code eth1}), a router
 * {@code <run>-rtr}, a client {@code <run>-client}, all with {@code eth0} on {@code br0}, and the
 * host link {@code <run>-h} on {@code br0}. Addresses follow {@link AddressPlan}.
 *
 * <p>Not thread-safe; {@link #teardown()} is idempotent.
 */
public final class Topology {
  /** The bridge of the node subnet, inside the switch namespace. */
  public static final String BRIDGE = "br0";
  /** The bridge of the second subnet, inside the switch namespace. */
  public static final String SECOND_BRIDGE = "br1";

  private final RunId run;
  private final TopologySpec spec;

  private Topology(RunId run, TopologySpec spec) {
    this.run = run;
    this.spec = spec;
  }

  /**
   * Builds the topology. On failure it removes what it built and rethrows.
   *
   * @throws io.metallb.lab.LabException if an {@code ip} command fails
   */
  public static Topology create(RunId run, TopologySpec spec) {
    Topology topology = new Topology(run, spec);
    try {
      topology.build();
      return topology;
    } catch (RuntimeException e) {
      topology.teardown();
      throw e;
    }
  }

  /** The run this topology belongs to. */
  public RunId run() {
    return run;
  }

  /** What was built. */
  public TopologySpec spec() {
    return spec;
  }

  /** The switch namespace, holding the bridges. */
  public String switchNamespace() {
    return run.name("sw");
  }

  /** Node {@code index}'s (1-based) namespace. */
  public String nodeNamespace(int index) {
    if (index < 1 || index > spec.nodes()) {
      throw new IllegalArgumentException("no node " + index + " in a " + spec.nodes() + "-node lab");
    }
    return run.name("n" + index);
  }

  /** All node namespaces, node 1 first. */
  public List<String> nodeNamespaces() {
    List<String> names = new ArrayList<>();
    for (int i = 1; i <= spec.nodes(); i++) {
      names.add(nodeNamespace(i));
    }
    return names;
  }

  /** The router namespace ({@link AddressPlan#ROUTER_V4}). */
  public String routerNamespace() {
    return run.name("rtr");
  }

  /** The client namespace ({@link AddressPlan#CLIENT_V4}). */
  public String clientNamespace() {
    return run.name("client");
  }

  /** The host-side link, in the caller's namespace ({@link AddressPlan#HOST_V4}). */
  public String hostLink() {
    return run.name("h");
  }

  /** Every namespace of the topology, the switch first. */
  public List<String> namespaces() {
    List<String> names = new ArrayList<>();
    names.add(switchNamespace());
    names.addAll(nodeNamespaces());
    names.add(routerNamespace());
    names.add(clientNamespace());
    return names;
  }

  private void build() {
    checkHostSideFree();
    for (String ns : namespaces()) {
      Namespaces.add(ns);
    }
    String sw = switchNamespace();
    addBridge(sw, BRIDGE);
    if (spec.secondLink()) {
      addBridge(sw, SECOND_BRIDGE);
    }
    for (int i = 1; i <= spec.nodes(); i++) {
      attach(nodeNamespace(i), "eth0", "n" + i, BRIDGE, AddressPlan.nodeV4(i), AddressPlan.nodeV6(i));
      if (spec.secondLink()) {
        attach(nodeNamespace(i), "eth1", "n" + i + "b", SECOND_BRIDGE,
            AddressPlan.nodeSecondV4(i), AddressPlan.nodeSecondV6(i));
      }
    }
    attach(routerNamespace(), "eth0", "rtr", BRIDGE, AddressPlan.ROUTER_V4, AddressPlan.ROUTER_V6);
    attach(clientNamespace(), "eth0", "client", BRIDGE, AddressPlan.CLIENT_V4, AddressPlan.CLIENT_V6);
    Commands.check("ip", "link", "add", hostLink(), "type", "veth", "peer", "name", "host", "netns", sw);
    Commands.check("ip", "-n", sw, "link", "set", "host", "master", BRIDGE, "up");
    Commands.check("ip", "link", "set", hostLink(), "up");
    Commands.check("ip", "addr", "add", AddressPlan.withPrefixLength(AddressPlan.HOST_V4), "dev", hostLink());
    if (spec.ipv6()) {
      Commands.check("ip", "addr", "add", AddressPlan.withPrefixLength(AddressPlan.HOST_V6), "dev", hostLink(),
          "nodad");
    }
  }

  private void checkHostSideFree() {
    String addresses = Commands.check("ip", "-o", "addr", "show");
    for (String line : addresses.lines().toList()) {
      if (line.contains(" " + AddressPlan.HOST_V4 + "/")) {
        throw new io.metallb.lab.LabException("another lab already holds " + AddressPlan.HOST_V4
            + " on the host (" + line.strip().split("\\s+")[1]
            + "); stop it with `metallb lab down` or remove leftovers with `metallb lab clean`");
      }
    }
  }

  private static void addBridge(String ns, String bridge) {
    Commands.check("ip", "-n", ns, "link", "add", bridge, "type", "bridge", "forward_delay", "0",
        "mcast_snooping", "0");
    Commands.check("ip", "-n", ns, "link", "set", bridge, "up");
  }

  private void attach(String ns, String device, String port, String bridge, String v4, String v6) {
    String sw = switchNamespace();
    Commands.check("ip", "link", "add", device, "netns", ns, "type", "veth", "peer", "name", port, "netns", sw);
    Commands.check("ip", "-n", sw, "link", "set", port, "master", bridge, "up");
    Commands.check("ip", "-n", ns, "link", "set", device, "up");
    Commands.check("ip", "-n", ns, "addr", "add", AddressPlan.withPrefixLength(v4), "dev", device);
    if (spec.ipv6()) {
      Commands.check("ip", "-n", ns, "addr", "add", AddressPlan.withPrefixLength(v6), "dev", device, "nodad");
    }
  }

  /**
   * Adds a point-to-point veth link named {@code device} at both ends between node {@code node}
   * and the router, with IPv6 link-local addresses only (no duplicate address detection, so they
   * are usable at once) — the link of unnumbered BGP. Deleted with the namespaces.
   */
  public void addPointToPointLink(int node, String device) {
    String nodeNs = nodeNamespace(node);
    String router = routerNamespace();
    Commands.check("ip", "link", "add", device, "netns", nodeNs, "type", "veth", "peer", "name", device, "netns", router);
    for (String ns : List.of(nodeNs, router)) {
      Commands.checkIn(ns, "sysctl", "-qw", "net.ipv6.conf." + device + ".accept_dad=0");
      Commands.check("ip", "-n", ns, "link", "set", device, "up");
    }
  }

  /**
   * Kills every process inside the namespaces, deletes the namespaces (and so their veths) and the
   * host link. Idempotent; blocks until done.
   */
  public void teardown() {
    List<String> existing = Namespaces.list();
    for (String ns : namespaces().reversed()) {
      if (existing.contains(ns)) {
        Namespaces.delete(ns);
      }
    }
    Namespaces.deleteHostLink(hostLink());
  }
}
