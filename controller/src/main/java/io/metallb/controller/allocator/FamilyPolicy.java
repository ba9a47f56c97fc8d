package io.metallb.controller.allocator;

/** A Service's {@code spec.ipFamilyPolicy}; unset is SingleStack. */
public enum FamilyPolicy {
  SINGLE_STACK,
  PREFER_DUAL_STACK,
  REQUIRE_DUAL_STACK;

  public static FamilyPolicy of(String kubernetesValue) {
    if (kubernetesValue == null) {
      return SINGLE_STACK;
    }
    return switch (kubernetesValue) {
      case "PreferDualStack" -> PREFER_DUAL_STACK;
      case "RequireDualStack" -> REQUIRE_DUAL_STACK;
      default -> SINGLE_STACK;
    };
  }
}
