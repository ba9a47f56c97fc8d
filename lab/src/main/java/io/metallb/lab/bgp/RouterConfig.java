package io.metallb.lab.bgp;

import java.util.List;
import java.util.Optional;

/**
 * One daemon-neutral BGP router configuration, rendered to FRR, BIRD or GoBGP configuration by
 * {@link FrrConfig}, {@link BirdConfig} and {@link GobgpConfig}.
 *
 * @param name short identifier, used in file and protocol names ({@code [a-z0-9]+})
 * @param localAsn the router's AS number
 * @param routerId BGP identifier, an IPv4 address
 * @param neighbors its neighbours
 * @param multipath whether to install/keep equal-cost paths
 * @param bfdProfile BFD timers for neighbours with BFD on
 * @param connectRetrySeconds ConnectRetry timer; 5 s in the lab (defaults are 120 s)
 * @param announcements prefixes it originates
 */
public record RouterConfig(
    String name,
    long localAsn,
    String routerId,
    List<Neighbor> neighbors,
    boolean multipath,
    Optional<BfdProfile> bfdProfile,
    int connectRetrySeconds,
    List<Announcement> announcements) {
  /** The lab's ConnectRetry. */
  public static final int LAB_CONNECT_RETRY_SECONDS = 5;

  /** Checks values and copies the lists. */
  public RouterConfig {
    if (!name.matches("[a-z0-9]+")) {
      throw new IllegalArgumentException("router name must match [a-z0-9]+: " + name);
    }
    neighbors = List.copyOf(neighbors);
    announcements = List.copyOf(announcements);
    if (bfdProfile.isEmpty() && neighbors.stream().anyMatch(Neighbor::bfd)) {
      throw new IllegalArgumentException("a neighbour enables BFD but the router has no BFD profile");
    }
  }

  /** A router with multipath on, no BFD, lab connect-retry, no neighbours or announcements yet. */
  public static RouterConfig of(String name, long localAsn, String routerId) {
    return new RouterConfig(name, localAsn, routerId, List.of(), true, Optional.empty(),
        LAB_CONNECT_RETRY_SECONDS, List.of());
  }

  /** A copy with {@code neighbor} added. */
  public RouterConfig withNeighbor(Neighbor neighbor) {
    return new RouterConfig(name, localAsn, routerId, append(neighbors, neighbor), multipath, bfdProfile,
        connectRetrySeconds, announcements);
  }

  /** A copy with {@code announcement} added. */
  public RouterConfig withAnnouncement(Announcement announcement) {
    return new RouterConfig(name, localAsn, routerId, neighbors, multipath, bfdProfile, connectRetrySeconds,
        append(announcements, announcement));
  }

  /** A copy with BFD profile {@code profile}. */
  public RouterConfig withBfd(BfdProfile profile) {
    return new RouterConfig(name, localAsn, routerId, neighbors, multipath, Optional.of(profile),
        connectRetrySeconds, announcements);
  }

  /** A copy with multipath as given. */
  public RouterConfig withMultipath(boolean value) {
    return new RouterConfig(name, localAsn, routerId, neighbors, value, bfdProfile, connectRetrySeconds,
        announcements);
  }

  /** True if the session to {@code neighbor} is iBGP. */
  public boolean isInternal(Neighbor neighbor) {
    return neighbor.remoteAsn() == localAsn;
  }

  private static <T> List<T> append(List<T> list, T item) {
    var copy = new java.util.ArrayList<>(list);
    copy.add(item);
    return copy;
  }
}
