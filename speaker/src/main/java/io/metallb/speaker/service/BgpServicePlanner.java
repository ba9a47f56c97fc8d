package io.metallb.speaker.service;

import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.metallb.config.BgpAdvertisement;
import io.metallb.config.Config;
import io.metallb.config.Pool;
import io.metallb.net.IpAddress;
import io.metallb.speaker.bgp.Advertisement;
import io.metallb.speaker.bgp.Advertisements;
import io.metallb.speaker.election.L2Decision;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The speaker's Service pipeline for BGP (spec §8.3, §8.4, §8.9): from a Service as this node sees
 * it to "announce these advertisements" or "withdraw, because". Pure: no clock, no client, no thread.
 */
public final class BgpServicePlanner {
  /**
   * An endpoint of the Service as BGP's {@code ShouldAnnounce} reads it.
   *
   * @param nodeName {@code nodeName}, null when unset
   * @param ready {@code conditions.ready}, null when unset
   * @param serving {@code conditions.serving}, null when unset
   * @param addressCount how many {@code addresses} the endpoint has
   */
  public record Endpoint(String nodeName, Boolean ready, Boolean serving, int addressCount) {
    /** MetalLB's "can serve" (ready unset or true, or serving true) with at least one address. */
    public boolean servesWithAddress() {
      return addressCount > 0 && (ready == null || ready || Boolean.TRUE.equals(serving));
    }
  }

  /**
   * Everything about the cluster the decision needs besides the Service.
   *
   * @param nodes the speaker's node map; a node missing from it counts as available and not excluded
   */
  public record World(String myNode, List<Endpoint> endpoints, Map<String, L2Decision.NodeInfo> nodes, boolean ignoreExcludeLb) {
    public World {
      endpoints = List.copyOf(endpoints);
      nodes = Map.copyOf(nodes);
    }
  }

  /** What to do with the Service. */
  public sealed interface Plan {
    /** Stop announcing it over BGP, for the logged reason (spec §8.4). */
    record Withdraw(String reason) implements Plan {}

    /**
     * Announce: {@code advertisements} is {@link Advertisements#forService} of {@code ips} and the
     * BGPAdvertisements that select this node and Service, in pool order.
     */
    record Announce(List<IpAddress> ips, List<Advertisement> advertisements) implements Plan {
      public Announce {
        ips = List.copyOf(ips);
        advertisements = List.copyOf(advertisements);
      }
    }

    /** No configuration yet: leave everything as it is. */
    record Ignore() implements Plan {}
  }

  private BgpServicePlanner() {}

  /**
   * The BGP half of {@code SetBalancer} with {@code ShouldAnnounce} (reasons in the order of §8.9).
   *
   * @param service empty when the Service was deleted
   * @param config null before the first accepted configuration
   */
  public static Plan plan(Optional<L2ServicePlanner.ServiceFacts> service, Config config, World world) {
    List<IpAddress> ips;
    Pool pool;
    switch (ServicePipeline.admit(service, config)) {
      case ServicePipeline.Admission.Withdraw w -> {
        return new Plan.Withdraw(w.reason());
      }
      case ServicePipeline.Admission.Ignore i -> {
        return new Plan.Ignore();
      }
      case ServicePipeline.Admission.Admitted a -> {
        ips = a.ips();
        pool = a.pool();
      }
    }
    L2ServicePlanner.ServiceFacts svc = service.orElseThrow();
    List<BgpAdvertisement> forNode = pool.bgpAdvertisements().stream().filter(ad -> ad.nodes().contains(world.myNode())).toList();
    if (forNode.isEmpty()) {
      return new Plan.Withdraw("notOwner");
    }
    List<BgpAdvertisement> ads = forNode.stream()
        .filter(ad -> ad.serviceSelectors().isEmpty() || ad.serviceSelectors().stream().anyMatch(s -> s.matches(svc.labels())))
        .toList();
    if (ads.isEmpty()) {
      return new Plan.Withdraw("noMatchingAdvertisement");
    }
    if (!compatible(ads, pool)) {
      return new Plan.Withdraw("conflictingAdvertisements");
    }
    L2Decision.NodeInfo me = world.nodes().get(world.myNode());
    if (me != null && me.networkUnavailable()) {
      return new Plan.Withdraw("nodeNetworkUnavailable");
    }
    if (me != null && !world.ignoreExcludeLb() && me.labels().containsKey(L2Decision.EXCLUDE_LABEL)) {
      return new Plan.Withdraw("nodeLabeledExcludeBalancers");
    }
    if (svc.localTrafficPolicy()) {
      if (world.endpoints().stream().noneMatch(e -> e.servesWithAddress() && world.myNode().equals(e.nodeName()))) {
        return new Plan.Withdraw("noLocalEndpoints");
      }
    } else if (world.endpoints().stream().noneMatch(Endpoint::servesWithAddress)) {
      return new Plan.Withdraw("noEndpoints");
    }
    return new Plan.Announce(ips, Advertisements.forService(ips, ads));
  }

  /**
   * The endpoints of Service {@code namespace/name} in {@code slices} (slices of other Services are
   * skipped), with their address counts.
   */
  public static List<Endpoint> endpoints(List<EndpointSlice> slices, String namespace, String name) {
    List<Endpoint> endpoints = new ArrayList<>();
    for (EndpointSlice slice : slices) {
      Map<String, String> labels = slice.getMetadata().getLabels();
      if (!namespace.equals(slice.getMetadata().getNamespace()) || labels == null
          || !name.equals(labels.get(ServiceFactsReader.SERVICE_NAME_LABEL)) || slice.getEndpoints() == null) {
        continue;
      }
      slice.getEndpoints().forEach(e -> endpoints.add(new Endpoint(e.getNodeName(),
          e.getConditions() == null ? null : e.getConditions().getReady(),
          e.getConditions() == null ? null : e.getConditions().getServing(),
          e.getAddresses() == null ? 0 : e.getAddresses().size())));
    }
    return endpoints;
  }

  /** Spec §4.8's LOCAL_PREF compatibility, pairwise between every ad matching the Service. */
  static boolean compatible(List<BgpAdvertisement> ads, Pool pool) {
    boolean v4 = pool.cidrs().stream().anyMatch(c -> c.network().isIpv4());
    boolean v6 = pool.cidrs().stream().anyMatch(c -> !c.network().isIpv4());
    for (int i = 0; i < ads.size(); i++) {
      for (int j = i + 1; j < ads.size(); j++) {
        if (!compatible(ads.get(i), ads.get(j), v4, v6)) {
          return false;
        }
      }
    }
    return true;
  }

  private static boolean compatible(BgpAdvertisement a, BgpAdvertisement b, boolean v4, boolean v6) {
    if (a.localPref() == b.localPref()) {
      return true;
    }
    boolean v4Differ = a.aggregationLength() != b.aggregationLength();
    boolean v6Differ = a.aggregationLengthV6() != b.aggregationLengthV6();
    boolean lengthsDiffer = v4 && v6 ? v4Differ && v6Differ : v6 ? v6Differ : v4Differ;
    if (lengthsDiffer) {
      return true;
    }
    if (!a.peers().isEmpty() && !b.peers().isEmpty() && a.peers().stream().noneMatch(b.peers()::contains)) {
      return true;
    }
    return a.nodes().stream().noneMatch(b.nodes()::contains);
  }
}
