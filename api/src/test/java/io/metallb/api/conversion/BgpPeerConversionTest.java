package io.metallb.api.conversion;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.SecretReference;
import io.metallb.api.v1beta1.LegacyNodeSelector;
import io.metallb.api.v1beta1.LegacySelectorRequirement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BgpPeerConversionTest {
  static io.metallb.api.v1beta1.BGPPeer v1(io.metallb.api.v1beta1.BGPPeerSpec spec) {
    var p = new io.metallb.api.v1beta1.BGPPeer();
    ObjectMeta meta = new ObjectMeta();
    meta.setName("peer");
    meta.setNamespace("metallb-system");
    p.setMetadata(meta);
    p.setSpec(spec);
    return p;
  }

  @Test
  void absentTimersBecomeExplicitZeroInV1beta2() {
    var converted = BgpPeerConversion.toV1beta2(v1(new io.metallb.api.v1beta1.BGPPeerSpec(
        64500L, 64501L, "192.0.2.1", null, null, null, null, null, null, null, null, null)));
    // [QUIRK] spec §3.5.2: the v1beta1 hold time is not a pointer, so "unset" arrives as 0s.
    assertThat(converted.getSpec().holdTime()).isEqualTo("0s");
    assertThat(converted.getSpec().keepaliveTime()).isEqualTo("0s");
    assertThat(converted.getSpec().myASN()).isEqualTo(64500L);
    assertThat(converted.getSpec().peerASN()).isEqualTo(64501L);
    assertThat(converted.getSpec().peerAddress()).isEqualTo("192.0.2.1");
    assertThat(converted.getSpec().nodeSelectors()).isNull();
    assertThat(converted.getMetadata().getName()).isEqualTo("peer");
    assertThat(converted.getApiVersion()).isEqualTo("metallb.io/v1beta2");
  }

  @Test
  void everyCommonFieldIsCopied() {
    var converted = BgpPeerConversion.toV1beta2(v1(new io.metallb.api.v1beta1.BGPPeerSpec(
        64500L, 64501L, "192.0.2.1", "192.0.2.10", 1179, "90s", "30s", "192.0.2.10",
        List.of(new LegacyNodeSelector(Map.of("rack", "r1"), List.of(new LegacySelectorRequirement("zone", "In", List.of("a", "b"))))),
        "secret", "fast", true))).getSpec();
    assertThat(converted.sourceAddress()).isEqualTo("192.0.2.10");
    assertThat(converted.peerPort()).isEqualTo(1179);
    assertThat(converted.holdTime()).isEqualTo("90s");
    assertThat(converted.keepaliveTime()).isEqualTo("30s");
    assertThat(converted.routerID()).isEqualTo("192.0.2.10");
    assertThat(converted.password()).isEqualTo("secret");
    assertThat(converted.bfdProfile()).isEqualTo("fast");
    assertThat(converted.ebgpMultiHop()).isTrue();
    LabelSelector selector = converted.nodeSelectors().get(0);
    assertThat(selector.getMatchLabels()).containsEntry("rack", "r1");
    assertThat(selector.getMatchExpressions()).containsExactly(new LabelSelectorRequirement("zone", "In", List.of("a", "b")));
  }

  @Test
  void anEmptyLegacySelectorMatchesEverything() {
    var converted = BgpPeerConversion.toV1beta2(v1(new io.metallb.api.v1beta1.BGPPeerSpec(
        64500L, 64501L, "192.0.2.1", null, null, null, null, null, List.of(new LegacyNodeSelector(null, null)), null, null, null)));
    LabelSelector selector = converted.getSpec().nodeSelectors().get(0);
    assertThat(selector.getMatchLabels()).isNullOrEmpty();
    assertThat(selector.getMatchExpressions()).isNullOrEmpty();
  }

  @Test
  void v1beta2OnlyFieldsAreDroppedAndSelectorsAlwaysListed() {
    var p = new io.metallb.api.v1beta2.BGPPeer();
    ObjectMeta meta = new ObjectMeta();
    meta.setName("peer");
    p.setMetadata(meta);
    LabelSelector sel = new LabelSelector();
    sel.setMatchExpressions(List.of(new LabelSelectorRequirement("zone", "NotIn", List.of("c"))));
    p.setSpec(new io.metallb.api.v1beta2.BGPPeerSpec(
        64500L, 64501L, 64999L, null, "192.0.2.1", null, null, 179, null, null, "5s", null, List.of(sel),
        null, new SecretReference("s", "metallb-system"), null, true, null, "red", true, true));
    var v1 = BgpPeerConversion.toV1beta1(p);
    assertThat(v1.getApiVersion()).isEqualTo("metallb.io/v1beta1");
    assertThat(v1.getSpec().holdTime()).isEqualTo("0s");
    assertThat(v1.getSpec().keepaliveTime()).isEqualTo("0s");
    assertThat(v1.getSpec().peerPort()).isEqualTo(179);
    assertThat(v1.getSpec().nodeSelectors()).containsExactly(
        new LegacyNodeSelector(Map.of(), List.of(new LegacySelectorRequirement("zone", "NotIn", List.of("c")))));

    p.getSpec();
    var none = new io.metallb.api.v1beta2.BGPPeer();
    none.setMetadata(meta);
    none.setSpec(new io.metallb.api.v1beta2.BGPPeerSpec(64500L, 64501L, null, null, "192.0.2.1", null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null));
    assertThat(BgpPeerConversion.toV1beta1(none).getSpec().nodeSelectors()).isEmpty();
  }

  @Test
  void roundTripV1beta1KeepsWhatV1beta1Has() {
    var original = v1(new io.metallb.api.v1beta1.BGPPeerSpec(
        64500L, 64501L, "192.0.2.1", "192.0.2.10", 1179, "90s", "30s", "192.0.2.10",
        List.of(new LegacyNodeSelector(Map.of("rack", "r1"), List.of(new LegacySelectorRequirement("zone", "In", List.of("a"))))),
        "secret", "fast", true));
    var back = BgpPeerConversion.toV1beta1(BgpPeerConversion.toV1beta2(original));
    assertThat(back.getSpec()).isEqualTo(original.getSpec());
    assertThat(back.getMetadata()).isEqualTo(original.getMetadata());
  }
}
