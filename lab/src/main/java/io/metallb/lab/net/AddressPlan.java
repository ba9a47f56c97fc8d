package io.metallb.lab.net;

/**
 * The lab's fixed address plan (documentation ranges only, RFC 5737 and RFC 3849).
 *
 * <pre>
 * node subnet     198.51.100.0/24   2001:db8:100::/64   on eth0 / bridge br0
 * second subnet   192.0.2.0/24      2001:db8:101::/64   on eth1 / bridge br1 (optional)
 * router          .1                ::1
 * node i (1-based) .(10+i)          ::(10+i)
 * client          .100              ::100
 * host side       .254              ::254
 * </pre>
 *
 * <p>L2 pools belong inside the node subnet ({@link #L2_POOL_V4}); BGP pools outside it
 * ({@link #BGP_POOL_V4}, {@link #BGP_POOL_V6}).
 */
public final class AddressPlan {
  /** Prefix length of the IPv4 subnets. */
  public static final int V4_PREFIX_LENGTH = 24;
  /** Prefix length of the IPv6 subnets. */
  public static final int V6_PREFIX_LENGTH = 64;
  /** The node subnet, IPv4. */
  public static final String NODE_SUBNET_V4 = "198.51.100.0/24";
  /** The node subnet, IPv6. */
  public static final String NODE_SUBNET_V6 = "2001:db8:100::/64";
  /** The second (eth1) subnet, IPv4. */
  public static final String SECOND_SUBNET_V4 = "192.0.2.0/24";
  /** The second (eth1) subnet, IPv6. */
  public static final String SECOND_SUBNET_V6 = "2001:db8:101::/64";
  /** A range inside the node subnet for layer-2 pools. */
  public static final String L2_POOL_V4 = "198.51.100.200-198.51.100.250";
  /** A range for BGP pools, outside the node subnet. */
  public static final String BGP_POOL_V4 = "203.0.113.0/24";
  /** A range for BGP pools, outside the node subnet. */
  public static final String BGP_POOL_V6 = "2001:db8:200::/64";
  /** The router's node-subnet address, IPv4. */
  public static final String ROUTER_V4 = "198.51.100.1";
  /** The router's node-subnet address, IPv6. */
  public static final String ROUTER_V6 = "2001:db8:100::1";
  /** The client's address, IPv4. */
  public static final String CLIENT_V4 = "198.51.100.100";
  /** The client's address, IPv6. */
  public static final String CLIENT_V6 = "2001:db8:100::100";
  /** The host side (API server, test driver), IPv4. */
  public static final String HOST_V4 = "198.51.100.254";
  /** The host side (API server, test driver), IPv6. */
  public static final String HOST_V6 = "2001:db8:100::254";
  /** The most nodes the plan has addresses for. */
  public static final int MAX_NODES = 80;

  private AddressPlan() {}

  /** Node {@code index}'s (1-based) IPv4 address on eth0. */
  public static String nodeV4(int index) {
    return "198.51.100." + hostPart(index);
  }

  /** Node {@code index}'s (1-based) IPv6 address on eth0. */
  public static String nodeV6(int index) {
    return "2001:db8:100::" + hostPart(index);
  }

  /** Node {@code index}'s (1-based) IPv4 address on eth1. */
  public static String nodeSecondV4(int index) {
    return "192.0.2." + hostPart(index);
  }

  /** Node {@code index}'s (1-based) IPv6 address on eth1. */
  public static String nodeSecondV6(int index) {
    return "2001:db8:101::" + hostPart(index);
  }

  /** {@code address} with the node-subnet prefix length appended, e.g. {@code 198.51.100.11/24}. */
  public static String withPrefixLength(String address) {
    return address + "/" + (address.contains(":") ? V6_PREFIX_LENGTH : V4_PREFIX_LENGTH);
  }

  private static int hostPart(int index) {
    if (index < 1 || index > MAX_NODES) {
      throw new IllegalArgumentException("node index must be 1.." + MAX_NODES + ": " + index);
    }
    return 10 + index;
  }
}
