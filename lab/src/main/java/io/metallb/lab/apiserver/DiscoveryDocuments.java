package io.metallb.lab.apiserver;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * Renders the Kubernetes discovery documents ({@code /version}, {@code /api}, {@code /apis},
 * {@code /api/v1}, {@code /apis/<group>/<version>}) for a list of resource types, as JSON in the
 * legacy (non-aggregated) format kubectl falls back to. Pure.
 */
public final class DiscoveryDocuments {
  /** The Kubernetes version the lab's API server claims. */
  public static final String GIT_VERSION = "v1.32.0-metallb-lab";

  private static final ObjectMapper JSON = JsonMapper.builder().build();

  private DiscoveryDocuments() {}

  /** The {@code /version} document. */
  public static String version() {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("major", "1");
    doc.put("minor", "32");
    doc.put("gitVersion", GIT_VERSION);
    doc.put("gitCommit", "0000000000000000000000000000000000000000");
    doc.put("gitTreeState", "clean");
    doc.put("buildDate", "2026-01-01T00:00:00Z");
    doc.put("goVersion", "go1.23");
    doc.put("compiler", "gc");
    doc.put("platform", "linux/amd64");
    return JSON.writeValueAsString(doc);
  }

  /** The {@code /api} document (APIVersions). */
  public static String coreVersions(String serverAddress) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("kind", "APIVersions");
    doc.put("versions", List.of("v1"));
    doc.put("serverAddressByClientCIDRs", List.of(Map.of("clientCIDR", "0.0.0.0/0", "serverAddress", serverAddress)));
    return JSON.writeValueAsString(doc);
  }

  /** The {@code /apis} document (APIGroupList) for the non-core groups among {@code types}. */
  public static String groupList(List<ApiResourceType> types) {
    Map<String, Set<String>> versionsByGroup = new LinkedHashMap<>();
    for (ApiResourceType t : types) {
      if (!t.group().isEmpty()) {
        versionsByGroup.computeIfAbsent(t.group(), g -> new LinkedHashSet<>()).add(t.version());
      }
    }
    List<Object> groups = new ArrayList<>();
    versionsByGroup.forEach((group, versions) -> {
      List<Object> versionDocs = versions.stream()
          .map(v -> (Object) orderedMap("groupVersion", group + "/" + v, "version", v))
          .toList();
      Map<String, Object> doc = new LinkedHashMap<>();
      doc.put("name", group);
      doc.put("versions", versionDocs);
      doc.put("preferredVersion", versionDocs.getFirst());
      groups.add(doc);
    });
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("kind", "APIGroupList");
    doc.put("apiVersion", "v1");
    doc.put("groups", groups);
    return JSON.writeValueAsString(doc);
  }

  /**
   * The {@code /api/v1} or {@code /apis/<group>/<version>} document (APIResourceList), or empty if
   * no type has that group and version.
   */
  public static Optional<String> resourceList(String group, String version, List<ApiResourceType> types) {
    List<Object> resources = new ArrayList<>();
    for (ApiResourceType t : types) {
      if (t.group().equals(group) && t.version().equals(version)) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("name", t.plural());
        doc.put("singularName", t.singular());
        doc.put("namespaced", t.namespaced());
        doc.put("kind", t.kind());
        doc.put("verbs", ApiResourceType.VERBS);
        if (!t.shortNames().isEmpty()) {
          doc.put("shortNames", t.shortNames());
        }
        resources.add(doc);
        if (t.statusSubresource()) {
          Map<String, Object> status = new LinkedHashMap<>();
          status.put("name", t.plural() + "/status");
          status.put("singularName", "");
          status.put("namespaced", t.namespaced());
          status.put("kind", t.kind());
          status.put("verbs", List.of("get", "patch", "update"));
          resources.add(status);
        }
      }
    }
    if (resources.isEmpty()) {
      return Optional.empty();
    }
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("kind", "APIResourceList");
    doc.put("apiVersion", "v1");
    doc.put("groupVersion", group.isEmpty() ? version : group + "/" + version);
    doc.put("resources", resources);
    return Optional.of(JSON.writeValueAsString(doc));
  }

  private static Map<String, Object> orderedMap(String k1, Object v1, String k2, Object v2) {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put(k1, v1);
    map.put(k2, v2);
    return map;
  }
}
