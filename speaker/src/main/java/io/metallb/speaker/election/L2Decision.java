package io.metallb.speaker.election;

import io.metallb.config.L2Advertisement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * MetalLB's layer 2 {@code ShouldAnnounce} (spec §8.6): whether this node announces a Service's
 * addresses, and if not why (the log reasons of §8.4). Pure.
 */
public final class L2Decision {
  /** The exclude label MetalLB honours unless {@code --ignore-exclude-lb}. */
  public static final String EXCLUDE_LABEL = "node.kubernetes.io/exclude-from-external-load-balancers";

  /** A node as the speaker knows it. */
  public record NodeInfo(Map<String, String> labels, boolean networkUnavailable) {}

  /**
   * An endpoint of the Service (from its EndpointSlices).
   *
   * @param ready {@code conditions.ready}, null when unset
   * @param serving {@code conditions.serving}, null when unset
   */
  public record Endpoint(String nodeName, Boolean ready, Boolean serving) {
    /** MetalLB's "can serve": ready unset or true, or serving true. */
    public boolean canServe() {
      return ready == null || ready || Boolean.TRUE.equals(serving);
    }
  }

  /**
   * Everything the decision reads.
   *
   * @param ips the Service's LB IPs in status order (text form)
   * @param sharedIpAnnotated the Service has an allow-shared-ip annotation key (any value)
   * @param poolAds the L2 advertisements of the Service's pool
   * @param usableSpeakers memberlist's usable members, or empty when memberlist is off
   * @param nodes the speaker's node map
   */
  public record Input(
      String myNode, Map<String, String> serviceLabels, boolean sharedIpAnnotated, boolean localTrafficPolicy, List<String> ips,
      List<L2Advertisement> poolAds, List<Endpoint> endpoints, Optional<Set<String>> usableSpeakers, Map<String, NodeInfo> nodes,
      boolean ignoreExcludeLb) {}

  /** The outcome: announce, or the reason not to; the winner when there is one. */
  public record Result(boolean announce, String reason, Optional<String> winner) {
    static Result no(String reason) {
      return new Result(false, reason, Optional.empty());
    }
  }

  private L2Decision() {}

  public static Result shouldAnnounce(Input in) {
    if (in.endpoints().stream().noneMatch(Endpoint::canServe)) {
      return Result.no("notOwner");
    }
    List<L2Advertisement> ads = new ArrayList<>();
    for (L2Advertisement ad : in.poolAds()) {
      if (ad.serviceSelectors().isEmpty() || ad.serviceSelectors().stream().anyMatch(s -> s.matches(in.serviceLabels()))) {
        ads.add(ad);
      }
    }
    if (in.sharedIpAnnotated() && ads.stream().anyMatch(a -> !a.serviceSelectors().isEmpty())) {
      return Result.no("sharedIPWithServiceSelector");
    }
    if (ads.stream().noneMatch(a -> a.nodes().contains(in.myNode()))) {
      return Result.no("noMatchingAdvertisement");
    }
    Set<String> candidates = new TreeSet<>(in.usableSpeakers().orElse(in.nodes().keySet()));
    candidates.removeIf(n -> {
      NodeInfo info = in.nodes().get(n);
      if (info == null) {
        return false; // unknown to the node map: passes both checks, as in MetalLB
      }
      return info.networkUnavailable() || (!in.ignoreExcludeLb() && info.labels().containsKey(EXCLUDE_LABEL));
    });
    candidates.removeIf(n -> ads.stream().noneMatch(a -> a.nodes().contains(n)));
    if (in.localTrafficPolicy()) {
      Set<String> withEndpoints = new TreeSet<>();
      in.endpoints().stream().filter(Endpoint::canServe).filter(e -> e.nodeName() != null).forEach(e -> withEndpoints.add(e.nodeName()));
      candidates.retainAll(withEndpoints);
    }
    if (candidates.isEmpty() || in.ips().isEmpty()) {
      return Result.no("notOwner");
    }
    Map<String, Long> preferences = new TreeMap<>();
    for (L2Advertisement ad : ads) {
      ad.preferredNodes().forEach((node, weight) -> preferences.merge(node, weight, Long::sum));
    }
    Optional<String> winner = L2Election.winner(candidates, in.ips().get(0), preferences);
    boolean mine = winner.isPresent() && winner.get().equals(in.myNode());
    return new Result(mine, mine ? "" : "notOwner", winner);
  }
}
