package io.metallb.speaker.k8s;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which speaker pods to join (spec §8.5): the pod IPs that are not yet members, at the memberlist
 * port every speaker binds. Pure.
 */
public final class JoinPlan {
  private JoinPlan() {}

  /**
   * @param podIps {@code status.podIP} of the speaker pods (unparsable or empty ones skipped)
   * @param memberAddresses addresses of the current members
   * @param port the memberlist port ({@code --ml-bindport}, 7946)
   */
  public static List<InetSocketAddress> toJoin(Collection<String> podIps, Collection<InetAddress> memberAddresses, int port) {
    Set<String> members = memberAddresses.stream().map(InetAddress::getHostAddress).collect(Collectors.toSet());
    return podIps.stream()
        .filter(ip -> ip != null && !ip.isEmpty())
        .distinct()
        .sorted()
        .flatMap(ip -> io.metallb.net.IpAddress.parse(ip).stream())
        .filter(ip -> !members.contains(toInet(ip).getHostAddress()))
        .map(ip -> new InetSocketAddress(toInet(ip), port))
        .toList();
  }

  private static InetAddress toInet(io.metallb.net.IpAddress ip) {
    try {
      return InetAddress.getByAddress(ip.toBytes());
    } catch (java.net.UnknownHostException e) {
      throw new IllegalArgumentException(e);
    }
  }
}
