package io.metallb.controller.allocator;

/**
 * What decides whether Services may share an IP: the {@code allow-shared-ip} value (empty: no
 * sharing) and the backend key (the selector of an {@code externalTrafficPolicy: Local} Service,
 * empty for Cluster).
 */
public record SharingKey(String sharing, String backend) {
  public SharingKey {
    sharing = sharing == null ? "" : sharing;
    backend = backend == null ? "" : backend;
  }

  /** MetalLB's {@code sharingOK}: null when {@code candidate} may join an IP held under {@code this}. */
  String incompatibility(SharingKey candidate) {
    if (sharing.isEmpty()) {
      return "existing service does not allow sharing";
    }
    if (candidate.sharing.isEmpty()) {
      return "new service does not allow sharing";
    }
    if (!sharing.equals(candidate.sharing)) {
      return "sharing key \"" + candidate.sharing + "\" does not match existing sharing key \"" + sharing + "\"";
    }
    if (!backend.equals(candidate.backend)) {
      return "backend key \"" + candidate.backend + "\" does not match existing sharing key \"" + backend + "\"";
    }
    return null;
  }
}
