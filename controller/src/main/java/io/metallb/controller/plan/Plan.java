package io.metallb.controller.plan;

import io.fabric8.kubernetes.api.model.Service;
import io.metallb.config.ClusterSnapshot;
import io.metallb.config.Config;
import io.metallb.controller.allocator.Allocator;
import io.metallb.controller.service.ReprocessAll;
import io.metallb.controller.service.ServiceConverger;
import io.metallb.controller.service.ServiceEvent;
import io.metallb.controller.service.ServiceFacts;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An offline dry run of the controller: the pools of a configuration and a list of Services in,
 * what each Service would get out. Uses the controller's own allocator and convergence, and runs
 * reprocess-all passes as a controller starting on that cluster would, until they settle. Pure.
 */
public final class Plan {
  /** Passes after which a configuration that keeps asking for more is reported as it stands. */
  static final int MAX_PASSES = 10;

  /**
   * What a Service ends with.
   *
   * @param ips its addresses, empty while pending
   * @param pool the pool they come from, or ""
   * @param error why it is pending (the last failure Event), or ""
   * @param events the Events recorded on it, each once, in order
   */
  public record ServicePlan(String namespace, String name, List<String> ips, String pool, String error, List<ServiceEvent> events) {}

  private Plan() {}

  /** Plans {@code services} (in their given order) against the pools of {@code config}. */
  public static List<ServicePlan> run(Config.Pools pools, List<Service> services, String lbClass) {
    ServiceConverger converger = new ServiceConverger(new Allocator());
    converger.setPools(pools);
    Map<String, Service> current = new LinkedHashMap<>();
    services.forEach(s -> current.put(ServiceFacts.key(s), s));
    Map<String, Set<ServiceEvent>> events = new LinkedHashMap<>();
    for (int i = 0; i < MAX_PASSES; i++) {
      List<ReprocessAll.Result> results = ReprocessAll.pass(converger, List.copyOf(current.values()), lbClass);
      boolean wrote = false;
      for (ReprocessAll.Result r : results) {
        events.computeIfAbsent(r.key(), k -> new LinkedHashSet<>()).addAll(r.outcome().events());
        if (r.outcome().toWrite() != null) {
          current.put(r.key(), r.outcome().toWrite());
          wrote = true;
        }
      }
      if (ReprocessAll.clean(results) && !wrote) {
        break;
      }
    }
    List<ServicePlan> out = new ArrayList<>();
    for (Service original : services) {
      String key = ServiceFacts.key(original);
      Service s = current.get(key);
      List<String> ips = s.getStatus() == null || s.getStatus().getLoadBalancer() == null ? List.of()
          : s.getStatus().getLoadBalancer().getIngress().stream().map(ing -> ing.getIp()).toList();
      String pool = ServiceFacts.annotations(s).getOrDefault(ServiceFacts.PREFIX + ServiceFacts.IP_ALLOCATED_FROM_POOL, "");
      List<ServiceEvent> recorded = List.copyOf(events.getOrDefault(key, Set.of()));
      String error = "";
      if (ips.isEmpty() && ReprocessAll.handles(s, lbClass) && "LoadBalancer".equals(s.getSpec().getType())) {
        error = recorded.stream().filter(ServiceEvent::warning).reduce((a, b) -> b).map(ServiceEvent::message)
            .orElse(pools.byName().isEmpty() ? "no address pools are configured" : "no cluster IP");
      }
      out.add(new ServicePlan(s.getMetadata().getNamespace(), s.getMetadata().getName(), ips, pool, error, recorded));
    }
    return out;
  }

  /** The part of a snapshot the controller parses (spec §4.2): pools, communities, namespaces. */
  public static ClusterSnapshot controllerView(ClusterSnapshot s) {
    return new ClusterSnapshot(s.pools(), List.of(), List.of(), List.of(), List.of(), s.communities(), Map.of(), List.of(), s.namespaces(), null);
  }
}
