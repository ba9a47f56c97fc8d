package io.metallb.config;

import java.util.Locale;

/** The BGP implementation, chosen like MetalLB's {@code METALLB_BGP_TYPE}; it picks the mode validator. */
public enum BgpType {
  /** MetalLB's own BGP speaker: FRR-only fields are refused ({@code DiscardFRROnly}). */
  NATIVE("native"),
  /** FRR sidecar mode: native-only constructs are refused ({@code DiscardNativeOnly}). */
  FRR("frr"),
  /** FRR-K8s mode: as FRR. */
  FRR_K8S("frr-k8s"),
  /** No mode validation: the parse checks alone. */
  NONE("none");

  private final String text;

  BgpType(String text) {
    this.text = text;
  }

  public String text() {
    return text;
  }

  /** {@code METALLB_BGP_TYPE}'s reading: unset or empty is native; an unknown value validates nothing. */
  public static BgpType fromEnv(String value) {
    if (value == null || value.isEmpty()) {
      return NATIVE;
    }
    for (BgpType t : values()) {
      if (t.text.equals(value.toLowerCase(Locale.ROOT))) {
        return t;
      }
    }
    return NONE;
  }
}
