package io.metallb.speaker.service;

import io.metallb.config.Config;
import io.metallb.config.L2Advertisement;
import io.metallb.config.Pool;
import io.metallb.net.IpAddress;
import io.metallb.speaker.election.L2Decision;
import io.metallb.speaker.layer2.IpAdvertisement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The speaker's Service pipeline for layer 2 (spec §8.3, §8.6, §8.7): from a Service as this node
 * sees it to "announce these addresses on these interfaces" or "withdraw, because". Pure.
 */
public final class L2ServicePlanner {
  /**
   * A Service reduced to what the pipeline reads.
   *
   * @param ingressIps {@code status.loadBalancer.ingress[].ip} in order (unparsed)
   * @param sharedIpAnnotated an allow-shared-ip annotation key is present (either prefix)
   * @param localTrafficPolicy {@code spec.externalTrafficPolicy == Local}
   */
  public record ServiceFacts(String key, boolean loadBalancer, List<String> ingressIps, Map<String, String> labels,
      boolean sharedIpAnnotated, boolean localTrafficPolicy) {}

  /** Everything about the cluster the decision needs besides the Service. */
  public record World(String myNode, List<L2Decision.Endpoint> endpoints, Optional<Set<String>> usableSpeakers,
      Map<String, L2Decision.NodeInfo> nodes, boolean ignoreExcludeLb, Set<String> nodeInterfaces) {}

  /** What to do with the Service. */
  public sealed interface Plan {
    /** Stop announcing it, for the logged reason (spec §8.4). */
    record Withdraw(String reason) implements Plan {}

    /**
     * Announce these addresses.
     *
     * @param missingInterfaces addresses skipped because none of their interfaces exists here
     *     (Warning event {@code announceFailed})
     */
    record Announce(List<IpAddress> ips, List<IpAdvertisement> advertisements, List<IpAddress> missingInterfaces) implements Plan {}

    /** No configuration yet: leave everything as it is. */
    record Ignore() implements Plan {}
  }

  private L2ServicePlanner() {}

  /**
   * @param service empty when the Service was deleted
   * @param config null before the first accepted configuration
   */
  public static Plan plan(Optional<ServiceFacts> service, Config config, World world) {
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
    ServiceFacts svc = service.orElseThrow();
    L2Decision.Result decision = L2Decision.shouldAnnounce(new L2Decision.Input(world.myNode(), svc.labels(), svc.sharedIpAnnotated(),
        svc.localTrafficPolicy(), ips.stream().map(IpAddress::toString).toList(), pool.l2Advertisements(), world.endpoints(),
        world.usableSpeakers(), world.nodes(), world.ignoreExcludeLb()));
    if (!decision.announce()) {
      return new Plan.Withdraw(decision.reason());
    }
    return advertisements(svc, pool, ips, world);
  }

  /**
   * The node that would announce the Service at layer 2 when every node in {@code nodes} runs a live
   * speaker (the {@code l2Node} of {@code metallb plan}), if any.
   */
  public static Optional<String> electedNode(ServiceFacts svc, Config config, List<L2Decision.Endpoint> endpoints,
      Map<String, L2Decision.NodeInfo> nodes) {
    for (String node : nodes.keySet()) {
      World world = new World(node, endpoints, Optional.of(Set.copyOf(nodes.keySet())), nodes, false, Set.of());
      if (plan(Optional.of(svc), config, world) instanceof Plan.Announce) {
        return Optional.of(node);
      }
    }
    return Optional.empty();
  }


  private static Plan advertisements(ServiceFacts svc, Pool pool, List<IpAddress> ips, World world) {
    List<L2Advertisement> mine = pool.l2Advertisements().stream()
        .filter(ad -> ad.serviceSelectors().isEmpty() || ad.serviceSelectors().stream().anyMatch(s -> s.matches(svc.labels())))
        .filter(ad -> ad.nodes().contains(world.myNode()))
        .toList();
    boolean everywhere = mine.stream().anyMatch(L2Advertisement::allInterfaces);
    Set<String> interfaces = new TreeSet<>();
    mine.forEach(ad -> interfaces.addAll(ad.interfaces()));
    List<IpAdvertisement> ads = new ArrayList<>();
    List<IpAddress> missing = new ArrayList<>();
    for (IpAddress ip : ips) {
      if (everywhere) {
        ads.add(IpAdvertisement.everywhere(ip));
      } else if (interfaces.stream().noneMatch(world.nodeInterfaces()::contains)) {
        missing.add(ip);
      } else {
        ads.add(IpAdvertisement.on(ip, interfaces));
      }
    }
    return new Plan.Announce(List.copyOf(ips), List.copyOf(ads), List.copyOf(missing));
  }
}
