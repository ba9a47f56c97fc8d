package io.metallb.controller.service;

import io.fabric8.kubernetes.api.model.LoadBalancerIngress;
import io.fabric8.kubernetes.api.model.LoadBalancerStatus;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.ServiceStatus;
import io.metallb.config.Config;
import io.metallb.config.GoFormat;
import io.metallb.controller.allocator.AllocationException;
import io.metallb.controller.allocator.Allocator;
import io.metallb.controller.allocator.FamilyPolicy;
import io.metallb.controller.allocator.GoText;
import io.metallb.controller.allocator.ServiceFamily;
import io.metallb.controller.allocator.ServiceRequest;
import io.metallb.controller.allocator.SharingKey;
import io.metallb.net.IpAddress;
import io.metallb.sync.SyncState;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The controller's per-Service logic (MetalLB's {@code SetBalancer}, {@code convergeBalancer} and
 * {@code SetPools}, spec §7.4–7.7): from a Service as read, what to write back, which Events to
 * record, and what the reconciler should do next. Pure: the glue reads and writes the API.
 *
 * <p>Not thread-safe; one reconcile loop owns it, with its {@link Allocator}.
 */
public final class ServiceConverger {
  /**
   * What one pass decided.
   *
   * @param toWrite the Service with its new status and annotations, or null when nothing changed
   * @param events Events to record on the Service, in order
   */
  public record Outcome(SyncState state, Service toWrite, List<ServiceEvent> events) {
    public Outcome {
      events = List.copyOf(events);
    }
  }

  private final Allocator ips;
  private Config.Pools pools;

  public ServiceConverger(Allocator ips) {
    this.ips = ips;
  }

  public Allocator allocator() {
    return ips;
  }

  /** True once a configuration has been accepted. */
  public boolean hasPools() {
    return pools != null;
  }

  /** A new configuration: the allocator re-homes what it can; everything must be reprocessed. */
  public SyncState setPools(Config.Pools newPools) {
    if (newPools == null) {
      return SyncState.ERROR_NO_RETRY; // "configuration is missing, MetalLB will not function"
    }
    ips.setPools(newPools);
    pools = newPools;
    return SyncState.REPROCESS_ALL;
  }

  /** One pass over a Service, or over a deleted one ({@code service} null). */
  public Outcome setBalancer(String key, Service service) {
    List<ServiceEvent> events = new ArrayList<>();
    if (service == null) {
      return new Outcome(ips.unassign(key) ? SyncState.REPROCESS_ALL : SyncState.SUCCESS, null, events);
    }
    if (pools == null) {
      return new Outcome(SyncState.SUCCESS, null, events);
    }
    Service svc = new ServiceBuilder(service).build();
    SyncState state = SyncState.SUCCESS;
    List<IpAddress> previousIps = ips.ips(key);
    SharingKey previousKey = ips.allocationKey(key);
    if (!converge(key, svc, events)) {
      state = SyncState.ERROR_NO_RETRY;
    }
    if (!previousKey.equals(ips.allocationKey(key))) {
      state = SyncState.REPROCESS_ALL; // sharing siblings must be looked at again
    }
    if (service.equals(svc)) {
      return new Outcome(state, null, events);
    }
    // Spec §6.1: a Warning per deprecated annotation when there is something to write. The
    // annotations stay: they still carry the Service's sharing key or pool.
    for (String annotation : annotationsOf(service).keySet()) {
      if (annotation.startsWith(ServiceFacts.DEPRECATED_PREFIX)) {
        events.add(ServiceEvent.warning("deprecatedAnnotation", "Service uses deprecated annotation " + annotation));
      }
    }
    if (!previousIps.isEmpty() && ips.pool(key).isEmpty() && ips.poolFor(previousIps).isPresent()) {
      state = SyncState.REPROCESS_ALL; // the freed address may serve a pending Service
    }
    boolean statusChanged = !Objects.equals(service.getStatus(), svc.getStatus());
    boolean annotationsChanged = !Objects.equals(service.getMetadata().getAnnotations(), svc.getMetadata().getAnnotations());
    return new Outcome(state, statusChanged || annotationsChanged ? svc : null, events);
  }

  /** {@code convergeBalancer}: true when the Service converged, false for MetalLB's ErrConverge. */
  private boolean converge(String key, Service svc, List<ServiceEvent> events) {
    if (!"LoadBalancer".equals(svc.getSpec().getType())) {
      clear(key, svc);
      return true;
    }
    if (pools.byName().isEmpty()) {
      clear(key, svc);
      return false;
    }
    if (ServiceFacts.clusterIps(svc).isEmpty()) {
      clear(key, svc);
      return false;
    }
    List<IpAddress> lbIps = new ArrayList<>();
    for (LoadBalancerIngress ingress : ingresses(svc)) {
      if (ingress.getIp() != null && !ingress.getIp().isEmpty()) {
        lbIps.add(IpAddress.parse(ingress.getIp()).orElse(null));
      }
    }
    FamilyPolicy policy = ServiceFacts.policy(svc);
    List<String> clusterIps = svc.getSpec().getClusterIPs() == null ? List.of() : svc.getSpec().getClusterIPs();
    if (policy == FamilyPolicy.REQUIRE_DUAL_STACK && clusterIps.size() < 2) {
      events.add(ServiceEvent.warning("not enough clusterips", "Service requires dual stack but not enough clusterips " + goList(clusterIps)));
      clear(key, svc);
      return false;
    }
    ServiceFamily clusterFamily;
    if (lbIps.isEmpty()) {
      clear(key, svc);
    } else {
      ServiceFamily lbFamily;
      try {
        lbFamily = ServiceFamily.ofAddresses(lbIps.stream().map(ip -> ip == null ? "<nil>" : ip.toString()).toList());
      } catch (AllocationException e) {
        events.add(ServiceEvent.warning("nolbIPsIPFamily", "Failed to retrieve LBIPs IPFamily for " + GoText.quoteIps(lbIps) + ": " + e.getMessage()));
        lbFamily = ServiceFamily.UNKNOWN;
      }
      try {
        clusterFamily = ServiceFacts.family(svc);
      } catch (AllocationException e) {
        events.add(ServiceEvent.warning("noclusterIPsIPFamily", "Failed to retrieve ClusterIPs IPFamily for " + GoText.quoteList(clusterIps) + " " + ServiceFacts.nz(svc.getSpec().getClusterIP()) + ": " + e.getMessage()));
        return false;
      }
      if (familyChanged(lbFamily, clusterFamily, policy)) {
        clear(key, svc);
        lbIps = new ArrayList<>();
      }
    }
    ServiceRequest request = ServiceFacts.request(svc, familyOrUnknown(svc));
    if (!lbIps.isEmpty()) {
      try {
        if (lbIps.contains(null)) {
          throw new AllocationException(GoText.quoteIps(lbIps) + " is not allowed in config");
        }
        ips.assign(request, lbIps);
      } catch (AllocationException e) {
        events.add(ServiceEvent.normal("ClearAssignment", "current IP for " + GoFormat.quote(key) + " not allowed by config, will attempt for new IP assignment: " + e.getMessage()));
        clear(key, svc);
        lbIps = new ArrayList<>();
      }
      String desiredPool = ServiceFacts.annotation(svc, ServiceFacts.ADDRESS_POOL);
      if (!lbIps.isEmpty() && !desiredPool.isEmpty() && !ips.pool(key).equals(desiredPool)) {
        clear(key, svc);
        lbIps = new ArrayList<>();
      }
      DesiredIps desired;
      try {
        desired = desiredIps(svc);
      } catch (AllocationException e) {
        events.add(ServiceEvent.warning("LoadBalancerFailed", "invalid requested loadbalancer IPs: " + e.getMessage()));
        return false;
      }
      if (!desired.ips().isEmpty()) {
        // [QUIRK] MetalLB's isEqualIPs sorts both lists by their text in place, so the status is
        // rewritten in that order.
        lbIps.sort(Comparator.comparing(IpAddress::toString));
        List<IpAddress> wanted = new ArrayList<>(desired.ips());
        wanted.sort(Comparator.comparing(IpAddress::toString));
        if (!lbIps.equals(wanted)) {
          clear(key, svc);
          lbIps = new ArrayList<>();
        }
      }
    }
    if (lbIps.size() == 1 && policy == FamilyPolicy.PREFER_DUAL_STACK) {
      try {
        IpAddress added = ips.allocateFromPoolForAdditionalFamily(request, lbIps.get(0), ips.pool(key));
        lbIps.add(added);
        events.add(ServiceEvent.normal("IPAllocated", "Assigned additional IP " + GoFormat.quote(added.toString())));
      } catch (AllocationException e) {
        events.add(ServiceEvent.normal("AdditionalAssignFailed", "cannot assign additional IP in PreferDualStack: " + e.getMessage()));
      }
    }
    if (lbIps.isEmpty()) {
      try {
        lbIps = new ArrayList<>(allocateIps(key, svc));
      } catch (AllocationException e) {
        events.add(ServiceEvent.warning("AllocationFailed", "Failed to allocate IP for " + GoFormat.quote(key) + ": " + e.getMessage()));
        return false;
      }
      events.add(ServiceEvent.normal("IPAllocated", "Assigned IP " + GoText.quoteIps(lbIps)));
    }
    if (lbIps.isEmpty()) {
      events.add(ServiceEvent.warning("InternalError", "didn't allocate an IP but also did not fail"));
      clear(key, svc);
      return false;
    }
    String pool = ips.pool(key);
    if (pool.isEmpty() || !pools.byName().containsKey(pool)) {
      events.add(ServiceEvent.warning("InternalError", "allocated an IP that has no pool"));
      clear(key, svc);
      return false;
    }
    List<LoadBalancerIngress> ingress = new ArrayList<>();
    for (IpAddress ip : lbIps) {
      LoadBalancerIngress i = new LoadBalancerIngress();
      i.setIp(ip.toString());
      ingress.add(i);
    }
    ServiceStatus status = svc.getStatus() == null ? new ServiceStatus() : svc.getStatus();
    LoadBalancerStatus lb = new LoadBalancerStatus();
    lb.setIngress(ingress);
    status.setLoadBalancer(lb);
    svc.setStatus(status);
    Map<String, String> annotations = annotationsOf(svc);
    annotations.put(ServiceFacts.PREFIX + ServiceFacts.IP_ALLOCATED_FROM_POOL, pool);
    annotations.remove(ServiceFacts.DEPRECATED_PREFIX + "/" + ServiceFacts.IP_ALLOCATED_FROM_POOL);
    svc.getMetadata().setAnnotations(annotations);
    return true;
  }

  /** {@code allocateIPs} (spec §7.7): requested addresses, else the requested pool, else any pool. */
  private List<IpAddress> allocateIps(String key, Service svc) throws AllocationException {
    ServiceFamily family = ServiceFacts.family(svc);
    DesiredIps desired = desiredIps(svc);
    ServiceRequest request = ServiceFacts.request(svc, family);
    String desiredPool = ServiceFacts.annotation(svc, ServiceFacts.ADDRESS_POOL);
    if (!desired.ips().isEmpty()) {
      if (family != desired.family()) {
        throw new AllocationException("requested loadBalancer IP(s) " + GoText.quoteIps(desired.ips()) + " does not match the ipFamily of the service");
      }
      ips.assign(request, desired.ips());
      if (!desiredPool.isEmpty() && !ips.pool(key).equals(desiredPool)) {
        ips.unassign(key);
        throw new AllocationException("requested loadBalancer IP(s) " + GoText.quoteIps(desired.ips()) + " is not compatible with requested address pool " + desiredPool);
      }
      return desired.ips();
    }
    if (!desiredPool.isEmpty()) {
      return ips.allocateFromPool(request, desiredPool);
    }
    return ips.allocate(request);
  }

  private record DesiredIps(List<IpAddress> ips, ServiceFamily family) {}

  /** {@code getDesiredLbIPs}: from the loadBalancerIPs annotation or {@code spec.loadBalancerIP}. */
  private static DesiredIps desiredIps(Service svc) throws AllocationException {
    String annotation = ServiceFacts.annotation(svc, ServiceFacts.LOAD_BALANCER_IPS);
    String specIp = ServiceFacts.nz(svc.getSpec().getLoadBalancerIP());
    if (annotation.isEmpty() && specIp.isEmpty()) {
      return new DesiredIps(List.of(), null);
    }
    if (!annotation.isEmpty() && !specIp.isEmpty()) {
      throw new AllocationException("service can not have both " + ServiceFacts.PREFIX + ServiceFacts.LOAD_BALANCER_IPS + " and svc.Spec.LoadBalancerIP");
    }
    if (!annotation.isEmpty()) {
      List<IpAddress> out = new ArrayList<>();
      for (String part : annotation.split(",", -1)) {
        Optional<IpAddress> ip = IpAddress.parse(part.strip());
        if (ip.isEmpty()) {
          throw new AllocationException("invalid " + ServiceFacts.PREFIX + ServiceFacts.LOAD_BALANCER_IPS + ": " + GoFormat.quote(annotation));
        }
        out.add(ip.get());
      }
      return new DesiredIps(out, ServiceFamily.ofIps(out));
    }
    IpAddress ip = IpAddress.parse(specIp).orElseThrow(() -> new AllocationException("invalid spec.loadBalancerIP " + GoFormat.quote(specIp)));
    return new DesiredIps(List.of(ip), ServiceFamily.of(ip.family()));
  }

  /** {@code serviceFamilyChanged}. */
  private static boolean familyChanged(ServiceFamily lb, ServiceFamily cluster, FamilyPolicy policy) {
    if (lb == ServiceFamily.UNKNOWN) {
      return true;
    }
    if (lb == cluster) {
      return false;
    }
    return !(cluster == ServiceFamily.DUAL && policy == FamilyPolicy.PREFER_DUAL_STACK);
  }

  /**
   * Unassigns and removes what the controller manages: the pool annotation and the status. Leaves
   * the object untouched where there is nothing to remove, so that no empty write follows.
   */
  private void clear(String key, Service svc) {
    ips.unassign(key);
    Map<String, String> annotations = svc.getMetadata().getAnnotations();
    String current = ServiceFacts.PREFIX + ServiceFacts.IP_ALLOCATED_FROM_POOL;
    String deprecated = ServiceFacts.DEPRECATED_PREFIX + "/" + ServiceFacts.IP_ALLOCATED_FROM_POOL;
    if (annotations != null && (annotations.containsKey(current) || annotations.containsKey(deprecated))) {
      annotations = new LinkedHashMap<>(annotations);
      annotations.remove(current);
      annotations.remove(deprecated);
      svc.getMetadata().setAnnotations(annotations);
    }
    if (svc.getStatus() != null && svc.getStatus().getLoadBalancer() != null && !new LoadBalancerStatus().equals(svc.getStatus().getLoadBalancer())) {
      svc.getStatus().setLoadBalancer(new LoadBalancerStatus());
    }
  }

  private static ServiceFamily familyOrUnknown(Service svc) {
    try {
      return ServiceFacts.family(svc);
    } catch (AllocationException e) {
      return ServiceFamily.UNKNOWN;
    }
  }

  private static List<LoadBalancerIngress> ingresses(Service svc) {
    if (svc.getStatus() == null || svc.getStatus().getLoadBalancer() == null || svc.getStatus().getLoadBalancer().getIngress() == null) {
      return List.of();
    }
    return svc.getStatus().getLoadBalancer().getIngress();
  }

  private static Map<String, String> annotationsOf(Service svc) {
    Map<String, String> a = svc.getMetadata().getAnnotations();
    return a == null ? new LinkedHashMap<>() : new LinkedHashMap<>(a);
  }

  /** Go's {@code %v} of a {@code []string}: {@code [a b]}. */
  private static String goList(List<String> values) {
    return "[" + String.join(" ", values) + "]";
  }
}
