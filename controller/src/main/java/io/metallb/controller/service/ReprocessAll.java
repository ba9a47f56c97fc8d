package io.metallb.controller.service;

import io.fabric8.kubernetes.api.model.Service;
import io.metallb.sync.SyncState;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * MetalLB's "reprocess all" pass (spec §7.3): Services holding more addresses go first, so that a
 * restarted controller gives every Service back what it holds before anyone else can take it;
 * Services of another load-balancer class are skipped. Pure.
 */
public final class ReprocessAll {
  /** One Service's outcome in a pass. */
  public record Result(String key, ServiceConverger.Outcome outcome) {}

  private ReprocessAll() {}

  /**
   * Whether MetalLB handles the Service under {@code --lb-class} (empty: only Services without a
   * class; X: only Services of class X).
   */
  public static boolean handles(Service svc, String lbClass) {
    String cls = svc.getSpec() == null ? null : svc.getSpec().getLoadBalancerClass();
    if (lbClass == null || lbClass.isEmpty()) {
      return cls == null;
    }
    return lbClass.equals(cls);
  }

  /** The order of a pass: more ingress entries first; the input order among equals. */
  public static List<Service> order(List<Service> services) {
    List<Service> sorted = new ArrayList<>(services);
    sorted.sort(Comparator.comparingInt(ReprocessAll::ingressCount).reversed());
    return sorted;
  }

  /** Runs one pass; a pass is clean when no Service asked for a retry or another pass. */
  public static List<Result> pass(ServiceConverger converger, List<Service> services, String lbClass) {
    List<Result> results = new ArrayList<>();
    for (Service svc : order(services)) {
      if (!handles(svc, lbClass)) {
        continue;
      }
      String key = ServiceFacts.key(svc);
      results.add(new Result(key, converger.setBalancer(key, svc)));
    }
    return results;
  }

  public static boolean clean(List<Result> results) {
    return results.stream().noneMatch(r -> r.outcome().state() == SyncState.ERROR || r.outcome().state() == SyncState.REPROCESS_ALL);
  }

  static int ingressCount(Service svc) {
    if (svc.getStatus() == null || svc.getStatus().getLoadBalancer() == null || svc.getStatus().getLoadBalancer().getIngress() == null) {
      return 0;
    }
    return svc.getStatus().getLoadBalancer().getIngress().size();
  }
}
