package io.metallb.lab.apiserver;

import java.util.List;

/** The built-in resource types the lab's API server announces in discovery. */
public final class BuiltinResources {
  private BuiltinResources() {}

  private static ApiResourceType type(
      String group, String version, String kind, String plural, boolean namespaced, boolean status,
      String... shortNames) {
    return new ApiResourceType(group, version, kind, plural, kind.toLowerCase(java.util.Locale.ROOT), namespaced,
        List.of(shortNames), status);
  }

  /** The types, core group first. */
  public static final List<ApiResourceType> ALL = List.of(
      type("", "v1", "Namespace", "namespaces", false, true, "ns"),
      type("", "v1", "Node", "nodes", false, true, "no"),
      type("", "v1", "Service", "services", true, true, "svc"),
      type("", "v1", "Endpoints", "endpoints", true, false, "ep"),
      type("", "v1", "Pod", "pods", true, true, "po"),
      type("", "v1", "Secret", "secrets", true, false),
      type("", "v1", "ConfigMap", "configmaps", true, false, "cm"),
      type("", "v1", "Event", "events", true, false, "ev"),
      type("", "v1", "ServiceAccount", "serviceaccounts", true, false, "sa"),
      type("apps", "v1", "Deployment", "deployments", true, true, "deploy"),
      type("apps", "v1", "DaemonSet", "daemonsets", true, true, "ds"),
      type("discovery.k8s.io", "v1", "EndpointSlice", "endpointslices", true, false),
      type("coordination.k8s.io", "v1", "Lease", "leases", true, false),
      type("events.k8s.io", "v1", "Event", "events", true, false, "ev"),
      type("apiextensions.k8s.io", "v1", "CustomResourceDefinition", "customresourcedefinitions", false, true,
          "crd", "crds"),
      type("admissionregistration.k8s.io", "v1", "ValidatingWebhookConfiguration",
          "validatingwebhookconfigurations", false, false),
      type("rbac.authorization.k8s.io", "v1", "Role", "roles", true, false),
      type("rbac.authorization.k8s.io", "v1", "RoleBinding", "rolebindings", true, false),
      type("rbac.authorization.k8s.io", "v1", "ClusterRole", "clusterroles", false, false),
      type("rbac.authorization.k8s.io", "v1", "ClusterRoleBinding", "clusterrolebindings", false, false));
}
