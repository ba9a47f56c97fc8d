package io.metallb.controller.service;

import io.fabric8.kubernetes.api.model.Service;
import java.util.List;
import tools.jackson.dataformat.yaml.YAMLMapper;

/** Test helper: Services from YAML snippets. */
final class Services {
  private static final YAMLMapper YAML = YAMLMapper.builder().build();

  private Services() {}

  /** A LoadBalancer Service {@code ns/name} with one IPv4 cluster IP, patched by {@code extraYaml} (merged at top level of spec/metadata). */
  static Service svc(String key, String yaml) {
    String ns = key.split("/")[0];
    String name = key.split("/")[1];
    String doc = "apiVersion: v1\nkind: Service\nmetadata: {name: " + name + ", namespace: " + ns + "}\n"
        + "spec: {type: LoadBalancer, clusterIP: 10.96.0.10, clusterIPs: [10.96.0.10], ports: [{protocol: TCP, port: 80}]}\n";
    try {
      var base = (tools.jackson.databind.node.ObjectNode) YAML.readTree(doc);
      var patch = YAML.readTree(yaml.isBlank() ? "{}" : yaml);
      merge(base, patch);
      return YAML.treeToValue(base, Service.class);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private static void merge(tools.jackson.databind.node.ObjectNode base, tools.jackson.databind.JsonNode patch) {
    patch.propertyStream().forEach(e -> {
      var existing = base.get(e.getKey());
      if (existing instanceof tools.jackson.databind.node.ObjectNode o && e.getValue().isObject()) {
        merge(o, e.getValue());
      } else {
        base.set(e.getKey(), e.getValue());
      }
    });
  }

  static List<String> ingress(Service svc) {
    if (svc == null || svc.getStatus() == null || svc.getStatus().getLoadBalancer() == null) {
      return List.of();
    }
    return svc.getStatus().getLoadBalancer().getIngress().stream().map(i -> i.getIp()).toList();
  }

}
