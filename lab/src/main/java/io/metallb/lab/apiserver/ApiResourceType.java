package io.metallb.lab.apiserver;

import java.util.List;

/**
 * One resource type as discovery documents describe it.
 *
 * @param group the API group, empty for the core group
 * @param version e.g. {@code v1}
 * @param kind e.g. {@code Service}
 * @param plural e.g. {@code services}
 * @param singular e.g. {@code service}
 * @param namespaced whether objects live in namespaces
 * @param shortNames e.g. {@code svc}
 * @param statusSubresource whether {@code <plural>/status} exists
 */
public record ApiResourceType(
    String group,
    String version,
    String kind,
    String plural,
    String singular,
    boolean namespaced,
    List<String> shortNames,
    boolean statusSubresource) {
  /** The verbs every type served by the mock supports. */
  public static final List<String> VERBS =
      List.of("create", "delete", "deletecollection", "get", "list", "patch", "update", "watch");

  /** Copies the list. */
  public ApiResourceType {
    shortNames = List.copyOf(shortNames);
  }

  /** {@code group/version}, or just {@code version} for the core group. */
  public String groupVersion() {
    return group.isEmpty() ? version : group + "/" + version;
  }
}
