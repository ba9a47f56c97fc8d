package io.metallb.speaker.service;

import io.metallb.config.Config;
import io.metallb.config.Pool;
import io.metallb.net.IpAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The protocol-independent start of the speaker's {@code SetBalancer} (spec §8.3 steps 1–4), shared
 * by the layer 2 and BGP planners. Pure.
 */
public final class ServicePipeline {
  /** Whether a Service goes on to the protocols' {@code ShouldAnnounce}. */
  public sealed interface Admission {
    /** Withdraw everywhere, for the logged reason (spec §8.4). */
    record Withdraw(String reason) implements Admission {}

    /** No configuration yet: leave everything as it is. */
    record Ignore() implements Admission {}

    /** The Service's addresses (status order) and the pool that holds them all. */
    record Admitted(List<IpAddress> ips, Pool pool) implements Admission {}
  }

  private ServicePipeline() {}

  /**
   * @param service empty when the Service was deleted
   * @param config null before the first accepted configuration
   */
  public static Admission admit(Optional<L2ServicePlanner.ServiceFacts> service, Config config) {
    if (service.isEmpty()) {
      return new Admission.Withdraw("serviceDeleted");
    }
    L2ServicePlanner.ServiceFacts svc = service.get();
    if (!svc.loadBalancer()) {
      return new Admission.Withdraw("notLoadBalancer");
    }
    if (config == null) {
      return new Admission.Ignore();
    }
    if (svc.ingressIps().isEmpty()) {
      return new Admission.Withdraw("noIPAllocated");
    }
    List<IpAddress> ips = new ArrayList<>();
    for (String text : svc.ingressIps()) {
      Optional<IpAddress> ip = IpAddress.parse(text);
      if (ip.isEmpty()) {
        return new Admission.Withdraw("invalidIP");
      }
      ips.add(ip.get());
    }
    Optional<Pool> pool = poolContaining(config, ips);
    return pool.<Admission>map(p -> new Admission.Admitted(List.copyOf(ips), p)).orElseGet(() -> new Admission.Withdraw("ipNotAllowed"));
  }

  /** The first pool (by name) whose CIDRs contain every address; plain containment, no buggy-IP rule. */
  static Optional<Pool> poolContaining(Config config, List<IpAddress> ips) {
    return config.pools().byName().values().stream()
        .filter(p -> ips.stream().allMatch(ip -> p.cidrs().stream().anyMatch(c -> c.contains(ip))))
        .findFirst();
  }

  /**
   * Spec §8.2 step 2, the speaker's refusal rule: the Services among {@code announced} (key to its
   * addresses, from either protocol) whose addresses no pool of {@code candidate} holds, in key
   * order. A configuration with any is refused until the controller has moved them and they are
   * withdrawn.
   */
  public static List<String> servicesOutsideEveryPool(Config candidate, Map<String, List<IpAddress>> announced) {
    return announced.entrySet().stream().filter(e -> poolContaining(candidate, e.getValue()).isEmpty())
        .map(Map.Entry::getKey).sorted().toList();
  }
}
