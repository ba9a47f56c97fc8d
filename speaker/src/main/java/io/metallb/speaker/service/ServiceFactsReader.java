package io.metallb.speaker.service;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LoadBalancerIngress;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.metallb.speaker.election.L2Decision;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Reads the Kubernetes objects the layer 2 pipeline needs into its own records. Pure. */
public final class ServiceFactsReader {
  /** The label that ties an EndpointSlice to its Service. */
  public static final String SERVICE_NAME_LABEL = "kubernetes.io/service-name";

  private ServiceFactsReader() {}

  /** {@code namespace/name} of an object. */
  public static String key(HasMetadata o) {
    return o.getMetadata().getNamespace() + "/" + o.getMetadata().getName();
  }

  /** The namespace part of a {@code namespace/name} key. */
  public static String namespaceOf(String key) {
    return key.substring(0, key.indexOf('/'));
  }

  /** The name part of a {@code namespace/name} key. */
  public static String nameOf(String key) {
    return key.substring(key.indexOf('/') + 1);
  }

  /** A Service is ours when its class equals {@code --lb-class} (no class when the flag is empty). */
  public static boolean handlesClass(Service svc, String lbClass) {
    String cls = svc.getSpec() == null ? null : svc.getSpec().getLoadBalancerClass();
    return lbClass.isEmpty() ? cls == null || cls.isEmpty() : lbClass.equals(cls);
  }

  /** The Service as {@link L2ServicePlanner} reads it. */
  public static L2ServicePlanner.ServiceFacts facts(Service svc) {
    List<String> ingress = new ArrayList<>();
    if (svc.getStatus() != null && svc.getStatus().getLoadBalancer() != null && svc.getStatus().getLoadBalancer().getIngress() != null) {
      for (LoadBalancerIngress in : svc.getStatus().getLoadBalancer().getIngress()) {
        ingress.add(Objects.requireNonNullElse(in.getIp(), ""));
      }
    }
    return facts(svc, ingress);
  }

  /** The Service with {@code ingressIps} in place of its status (for planning). */
  public static L2ServicePlanner.ServiceFacts facts(Service svc, List<String> ingressIps) {
    Map<String, String> annotations = svc.getMetadata().getAnnotations() == null ? Map.of() : svc.getMetadata().getAnnotations();
    boolean shared = annotations.containsKey("metallb.io/allow-shared-ip") || annotations.containsKey("metallb.universe.tf/allow-shared-ip");
    return new L2ServicePlanner.ServiceFacts(svc.getMetadata().getNamespace() + "/" + svc.getMetadata().getName(),
        svc.getSpec() != null && "LoadBalancer".equals(svc.getSpec().getType()), List.copyOf(ingressIps),
        svc.getMetadata().getLabels() == null ? Map.of() : svc.getMetadata().getLabels(), shared,
        svc.getSpec() != null && "Local".equals(svc.getSpec().getExternalTrafficPolicy()));
  }

  /** The endpoints of Service {@code namespace/name} in {@code slices} (others are skipped). */
  public static List<L2Decision.Endpoint> endpoints(List<EndpointSlice> slices, String namespace, String name) {
    List<L2Decision.Endpoint> endpoints = new ArrayList<>();
    for (EndpointSlice slice : slices) {
      Map<String, String> labels = slice.getMetadata().getLabels();
      if (!namespace.equals(slice.getMetadata().getNamespace()) || labels == null || !name.equals(labels.get(SERVICE_NAME_LABEL))
          || slice.getEndpoints() == null) {
        continue;
      }
      slice.getEndpoints().forEach(e -> endpoints.add(new L2Decision.Endpoint(e.getNodeName(),
          e.getConditions() == null ? null : e.getConditions().getReady(), e.getConditions() == null ? null : e.getConditions().getServing())));
    }
    return endpoints;
  }

  /** The node map: labels and the NetworkUnavailable condition. */
  public static Map<String, L2Decision.NodeInfo> nodes(List<Node> nodes) {
    Map<String, L2Decision.NodeInfo> out = new LinkedHashMap<>();
    for (Node node : nodes) {
      boolean unavailable = node.getStatus() != null && node.getStatus().getConditions() != null && node.getStatus().getConditions().stream()
          .anyMatch(c -> "NetworkUnavailable".equals(c.getType()) && "True".equals(c.getStatus()));
      out.put(node.getMetadata().getName(), new L2Decision.NodeInfo(
          node.getMetadata().getLabels() == null ? Map.of() : node.getMetadata().getLabels(), unavailable));
    }
    return out;
  }
}
