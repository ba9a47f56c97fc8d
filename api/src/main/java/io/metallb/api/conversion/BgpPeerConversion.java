package io.metallb.api.conversion;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.metallb.api.v1beta1.LegacyNodeSelector;
import io.metallb.api.v1beta1.LegacySelectorRequirement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * BGPPeer conversion between v1beta1 and the v1beta2 hub (spec §3.5.2), pure: the inputs are not
 * changed and the outputs share no mutable state with them.
 */
public final class BgpPeerConversion {
  /** What an absent v1beta1 duration becomes: Go's zero {@code metav1.Duration}. */
  static final String ZERO_DURATION = "0s";

  private BgpPeerConversion() {}

  /**
   * v1beta1 → v1beta2. [QUIRK] Hold and keepalive times are always set, so an absent v1beta1 hold
   * time becomes an explicit {@code 0s} (and the native speaker then uses hold time 0), as MetalLB's
   * conversion does.
   */
  public static io.metallb.api.v1beta2.BGPPeer toV1beta2(io.metallb.api.v1beta1.BGPPeer src) {
    var s = src.getSpec() == null ? new io.metallb.api.v1beta1.BGPPeerSpec(null, null, null, null, null, null, null, null, null, null, null, null) : src.getSpec();
    var spec = new io.metallb.api.v1beta2.BGPPeerSpec(
        s.myASN(), s.peerASN(), null, null, s.peerAddress(), null, s.sourceAddress(),
        s.peerPort() == null || s.peerPort() == 0 ? null : s.peerPort(),
        orZero(s.holdTime()), orZero(s.keepaliveTime()), null, s.routerID(),
        s.nodeSelectors() == null || s.nodeSelectors().isEmpty() ? null : s.nodeSelectors().stream().map(BgpPeerConversion::toLabelSelector).toList(),
        s.password(), null, s.bfdProfile(), null, s.ebgpMultiHop(), null, null, null);
    var dst = new io.metallb.api.v1beta2.BGPPeer();
    dst.setMetadata(copy(src.getMetadata()));
    dst.setSpec(spec);
    dst.setStatus(src.getStatus());
    return dst;
  }

  /**
   * v1beta2 → v1beta1. Fields v1beta1 lacks (dynamicASN, interface, connectTime, passwordSecret,
   * vrf, enableGracefulRestart, disableMP, dualStackAddressFamily, localASN) are dropped; unset
   * durations become {@code 0s}; node selectors are always a list, each with labels and expressions.
   */
  public static io.metallb.api.v1beta1.BGPPeer toV1beta1(io.metallb.api.v1beta2.BGPPeer src) {
    var s = src.getSpec() == null ? new io.metallb.api.v1beta2.BGPPeerSpec(null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null) : src.getSpec();
    List<LegacyNodeSelector> selectors = new ArrayList<>();
    if (s.nodeSelectors() != null) {
      s.nodeSelectors().forEach(sel -> selectors.add(toLegacy(sel)));
    }
    var spec = new io.metallb.api.v1beta1.BGPPeerSpec(
        s.myASN(), s.peerASN(), s.peerAddress(), s.sourceAddress(), s.peerPort(),
        orZero(s.holdTime()), orZero(s.keepaliveTime()), s.routerID(), selectors, s.password(), s.bfdProfile(), s.ebgpMultiHop());
    var dst = new io.metallb.api.v1beta1.BGPPeer();
    dst.setMetadata(copy(src.getMetadata()));
    dst.setSpec(spec);
    dst.setStatus(src.getStatus());
    return dst;
  }

  private static String orZero(String duration) {
    return duration == null || duration.isEmpty() ? ZERO_DURATION : duration;
  }

  /** A legacy selector with neither labels nor expressions is the match-everything selector. */
  static LabelSelector toLabelSelector(LegacyNodeSelector selector) {
    LegacyNodeSelector legacy = selector == null ? new LegacyNodeSelector(null, null) : selector;
    boolean noLabels = legacy.matchLabels() == null || legacy.matchLabels().isEmpty();
    boolean noExpressions = legacy.matchExpressions() == null || legacy.matchExpressions().isEmpty();
    LabelSelector out = new LabelSelector();
    if (noLabels && noExpressions) {
      return out;
    }
    out.setMatchLabels(legacy.matchLabels() == null ? new LinkedHashMap<>() : new LinkedHashMap<>(legacy.matchLabels()));
    List<LabelSelectorRequirement> expressions = new ArrayList<>();
    if (legacy.matchExpressions() != null) {
      for (LegacySelectorRequirement r : legacy.matchExpressions()) {
        if (r == null) {
          expressions.add(new LabelSelectorRequirement());
          continue;
        }
        expressions.add(new LabelSelectorRequirement(r.key(), r.operator(), r.values() == null ? null : new ArrayList<>(r.values())));
      }
    }
    out.setMatchExpressions(expressions);
    return out;
  }

  static LegacyNodeSelector toLegacy(LabelSelector given) {
    LabelSelector selector = given == null ? new LabelSelector() : given;
    List<LegacySelectorRequirement> expressions = new ArrayList<>();
    if (selector.getMatchExpressions() != null) {
      for (LabelSelectorRequirement r : selector.getMatchExpressions()) {
        if (r == null) {
          expressions.add(new LegacySelectorRequirement(null, null, List.of()));
          continue;
        }
        expressions.add(new LegacySelectorRequirement(r.getKey(), r.getOperator(), r.getValues() == null ? List.of() : new ArrayList<>(r.getValues())));
      }
    }
    return new LegacyNodeSelector(
        selector.getMatchLabels() == null ? new LinkedHashMap<>() : new LinkedHashMap<>(selector.getMatchLabels()), expressions);
  }

  private static ObjectMeta copy(ObjectMeta meta) {
    return meta == null ? new ObjectMeta() : new ObjectMetaBuilder(meta).build();
  }
}
