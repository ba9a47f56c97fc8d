package io.metallb.controller.allocator;

import java.util.List;
import java.util.Map;

/**
 * What the allocator needs to know about a Service: who it is (for pool restrictions), its family
 * and policy, and what it shares an IP by.
 *
 * @param key {@code namespace/name}
 * @param ipv6Primary {@code spec.ipFamilies[0]} is IPv6
 */
public record ServiceRequest(
    String key,
    String namespace,
    Map<String, String> labels,
    ServiceFamily family,
    FamilyPolicy policy,
    boolean ipv6Primary,
    List<Port> ports,
    SharingKey sharingKey) {
  public ServiceRequest {
    labels = labels == null ? Map.of() : Map.copyOf(labels);
    ports = List.copyOf(ports);
  }
}
