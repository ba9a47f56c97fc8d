package io.metallb.api.v1beta1;

/** Names shared by every metallb.io resource. */
public final class MetalLb {
  /** The API group of every MetalLB custom resource. */
  public static final String GROUP = "metallb.io";

  public static final String V1BETA1 = "v1beta1";
  public static final String V1BETA2 = "v1beta2";

  private MetalLb() {}
}
