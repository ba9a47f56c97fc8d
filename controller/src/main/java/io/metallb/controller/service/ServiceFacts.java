package io.metallb.controller.service;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.metallb.controller.allocator.AllocationException;
import io.metallb.controller.allocator.FamilyPolicy;
import io.metallb.controller.allocator.Port;
import io.metallb.controller.allocator.ServiceFamily;
import io.metallb.controller.allocator.ServiceRequest;
import io.metallb.controller.allocator.SharingKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the allocator reads from a Service (MetalLB's {@code k8salloc} and annotation helpers).
 * Pure functions of the Service object.
 */
public final class ServiceFacts {
  public static final String PREFIX = "metallb.io/";
  public static final String DEPRECATED_PREFIX = "metallb.universe.tf";
  public static final String ADDRESS_POOL = "address-pool";
  public static final String LOAD_BALANCER_IPS = "loadBalancerIPs";
  public static final String ALLOW_SHARED_IP = "allow-shared-ip";
  public static final String IP_ALLOCATED_FROM_POOL = "ip-allocated-from-pool";

  private ServiceFacts() {}

  /** {@code namespace/name}. */
  public static String key(Service svc) {
    return svc.getMetadata().getNamespace() + "/" + svc.getMetadata().getName();
  }

  /**
   * The value of {@code metallb.io/<name>}, else of {@code metallb.universe.tf/<name>}, else "";
   * present-but-empty counts as present.
   */
  public static String annotation(Service svc, String name) {
    Map<String, String> a = annotations(svc);
    if (a.containsKey(PREFIX + name)) {
      return nz(a.get(PREFIX + name));
    }
    return nz(a.get(DEPRECATED_PREFIX + "/" + name));
  }

  public static Map<String, String> annotations(Service svc) {
    Map<String, String> a = svc.getMetadata().getAnnotations();
    return a == null ? Map.of() : a;
  }

  /** (protocol, port) of every {@code spec.ports} entry. */
  public static List<Port> ports(Service svc) {
    List<Port> out = new ArrayList<>();
    if (svc.getSpec() != null && svc.getSpec().getPorts() != null) {
      for (ServicePort p : svc.getSpec().getPorts()) {
        out.add(new Port(nz(p.getProtocol()), p.getPort() == null ? 0 : p.getPort()));
      }
    }
    return out;
  }

  /** The sharing key and, for {@code externalTrafficPolicy: Local}, the selector as backend key. */
  public static SharingKey sharingKey(Service svc) {
    String backend = "";
    if ("Local".equals(svc.getSpec().getExternalTrafficPolicy())) {
      Map<String, String> selector = svc.getSpec().getSelector() == null ? Map.of() : svc.getSpec().getSelector();
      backend = String.join(",", new TreeMap<>(selector).entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList());
    }
    return new SharingKey(annotation(svc, ALLOW_SHARED_IP), backend);
  }

  /** {@code spec.clusterIPs}, or {@code [spec.clusterIP]} when only that is set. */
  public static List<String> clusterIps(Service svc) {
    if (svc.getSpec().getClusterIPs() != null && !svc.getSpec().getClusterIPs().isEmpty()) {
      return svc.getSpec().getClusterIPs();
    }
    String ip = svc.getSpec().getClusterIP();
    return ip == null || ip.isEmpty() ? List.of() : List.of(ip);
  }

  /** MetalLB's {@code ipfamily.ForService}: the family of the cluster IPs. */
  public static ServiceFamily family(Service svc) throws AllocationException {
    return ServiceFamily.ofAddresses(clusterIps(svc));
  }

  public static FamilyPolicy policy(Service svc) {
    return FamilyPolicy.of(svc.getSpec().getIpFamilyPolicy());
  }

  /** The allocator's view of the Service; {@code family} as computed by the caller. */
  public static ServiceRequest request(Service svc, ServiceFamily family) {
    List<String> families = svc.getSpec().getIpFamilies();
    return new ServiceRequest(
        key(svc), svc.getMetadata().getNamespace(), svc.getMetadata().getLabels(), family, policy(svc),
        families != null && !families.isEmpty() && "IPv6".equals(families.get(0)),
        ports(svc), sharingKey(svc));
  }

  static String nz(String s) {
    return s == null ? "" : s;
  }
}
