package io.metallb.controller.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.metallb.api.manifest.SnapshotLoader;
import io.metallb.api.v1beta1.BGPAdvertisement;
import io.metallb.api.v1beta1.Community;
import io.metallb.api.v1beta1.IPAddressPool;
import io.metallb.api.v1beta1.L2Advertisement;
import io.metallb.api.v1beta2.BGPPeer;
import io.metallb.config.BgpType;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/** Every webhook's decisions (spec §16), with MetalLB's messages. */
class AdmissionValidatorTest {
  static final YAMLMapper YAML = YAMLMapper.builder().build();
  static final String NS = "metallb-system";

  final AdmissionValidator native_ = new AdmissionValidator(NS, BgpType.NATIVE);

  static JsonNode obj(String kind, String apiVersion, String name, String ns, String spec) {
    return YAML.readTree("apiVersion: " + apiVersion + "\nkind: " + kind + "\nmetadata: {name: " + name + ", namespace: " + ns + "}\nspec: " + spec + "\n");
  }

  static JsonNode pool(String name, String spec) {
    return obj("IPAddressPool", "metallb.io/v1beta1", name, NS, spec);
  }

  static <T> T typed(JsonNode tree, Class<T> type) {
    return SnapshotLoader.decode(tree, type);
  }

  AdmissionValidator.Existing existing() {
    return new AdmissionValidator.Existing(
        List.of(typed(pool("a", "{addresses: [198.51.100.0/24]}"), IPAddressPool.class)),
        List.of(typed(obj("BGPPeer", "metallb.io/v1beta2", "p1", NS, "{myASN: 64500, peerASN: 64501, peerAddress: 192.0.2.1, bfdProfile: fast}"), BGPPeer.class)),
        List.of(typed(obj("BGPAdvertisement", "metallb.io/v1beta1", "ad1", NS, "{ipAddressPools: [a], aggregationLength: 24, communities: [not-yet-an-alias]}"), BGPAdvertisement.class)),
        List.of(typed(obj("L2Advertisement", "metallb.io/v1beta1", "l2", NS, "{ipAddressPools: [a]}"), L2Advertisement.class)),
        List.of(typed(obj("Community", "metallb.io/v1beta1", "c", NS, "{communities: [{name: a, value: '1:1'}]}"), Community.class)),
        List.of());
  }

  String decide(String kind, String op, JsonNode o) {
    AdmissionValidator.Decision d = native_.validate(kind, op, o, existing());
    return (d.allowed() ? "allowed" : "denied: " + d.message()) + (d.warnings().isEmpty() ? "" : " warnings " + d.warnings());
  }

  @Test
  void pools() {
    assertThat(decide("IPAddressPool", "CREATE", pool("b", "{addresses: [203.0.113.0/24]}"))).isEqualTo("allowed");
    assertThat(decide("IPAddressPool", "CREATE", pool("b", "{addresses: [198.51.100.128/25]}")))
        .isEqualTo("denied: CIDR \"198.51.100.128/25\" in pool \"b\" overlaps with already defined CIDR \"198.51.100.0/24\"");
    assertThat(decide("IPAddressPool", "CREATE", obj("IPAddressPool", "metallb.io/v1beta1", "b", "default", "{addresses: [203.0.113.0/24]}")))
        .isEqualTo("denied: resource must be created in metallb-system namespace");
    assertThat(decide("IPAddressPool", "UPDATE", obj("IPAddressPool", "metallb.io/v1beta1", "b", "default", "{addresses: [203.0.113.0/24]}")))
        .as("no namespace check on update").isEqualTo("allowed");
    assertThat(decide("IPAddressPool", "UPDATE", pool("a", "{addresses: [198.51.100.0/28]}")))
        .as("the updated pool replaces the existing one; the BGP advertisement's aggregation is checked against it")
        .isEqualTo("denied: invalid aggregation length 24: prefix 28 in this pool is more specific than the aggregation length for addresses 198.51.100.0/28");
    assertThat(decide("IPAddressPool", "CREATE", pool("b", "{addresses: [nonsense]}")))
        .isEqualTo("denied: parsing address pool b: invalid CIDR \"nonsense\" in pool \"b\": invalid CIDR \"nonsense\"");
    assertThat(decide("IPAddressPool", "DELETE", pool("a", "{addresses: [198.51.100.0/24]}"))).isEqualTo("allowed");
  }

  @Test
  void advertisementsAndCommunities() {
    assertThat(decide("BGPAdvertisement", "CREATE", obj("BGPAdvertisement", "metallb.io/v1beta1", "ad2", NS, "{communities: [another-alias, '65535:65281']}")))
        .as("unknown aliases are transient").isEqualTo("allowed");
    assertThat(decide("BGPAdvertisement", "CREATE", obj("BGPAdvertisement", "metallb.io/v1beta1", "ad2", NS, "{communities: ['1:99999']}")))
        .isEqualTo("denied: invalid community value: invalid section \"99999\" of community \"1:99999\", err: \"strconv.ParseUint: parsing \\\"99999\\\": value out of range\"\ninvalid community \"1:99999\" in BGP advertisement");
    assertThat(decide("BGPAdvertisement", "CREATE", obj("BGPAdvertisement", "metallb.io/v1beta1", "ad2", NS, "{communities: ['large:1:2:3']}")))
        .isEqualTo("denied: native BGP mode only supports legacy communities, BGP advertisement \"ad2\" has non legacy community \"large:1:2:3\"");
    assertThat(decide("L2Advertisement", "CREATE", obj("L2Advertisement", "metallb.io/v1beta1", "l3", NS, "{ipAddressPools: [a, a]}")))
        .isEqualTo("denied: duplicate definition of ipAddressPools \"a\"");
    assertThat(decide("L2Advertisement", "UPDATE", obj("L2Advertisement", "metallb.io/v1beta1", "l2", NS, "{interfaces: [eth1]}"))).isEqualTo("allowed");
    assertThat(decide("Community", "CREATE", obj("Community", "metallb.io/v1beta1", "c2", NS, "{communities: [{name: a, value: '1:2'}]}")))
        .isEqualTo("denied: duplicate definition of community \"a\"");
    assertThat(decide("Community", "CREATE", obj("Community", "metallb.io/v1beta1", "c2", NS, "{communities: [{name: b, value: '1:2'}]}"))).isEqualTo("allowed");
  }

  @Test
  void peersAndBfdProfiles() {
    assertThat(decide("BGPPeer", "CREATE", obj("BGPPeer", "metallb.io/v1beta2", "p2", NS, "{myASN: 64500, peerASN: 64501, peerAddress: 192.0.2.2, passwordSecret: {name: missing}}")))
        .as("bfdProfile and passwordSecret are stripped: transient").isEqualTo("allowed");
    assertThat(decide("BGPPeer", "CREATE", obj("BGPPeer", "metallb.io/v1beta2", "p2", NS, "{myASN: 64500, peerASN: 64501, peerAddress: 192.0.2.2, holdTime: 1s}")))
        .isEqualTo("denied: parsing peer p2 invalid BGPPeer timers: invalid hold time \"1s\": must be 0 or >=3s");
    assertThat(decide("BGPPeer", "CREATE", obj("BGPPeer", "metallb.io/v1beta2", "p2", NS, "{myASN: 64500, peerASN: 64501, peerAddress: 192.0.2.2, keepaliveTime: 3s}")))
        .isEqualTo("denied: peer 192.0.2.2 has keepalive-time set on native bgp mode");
    assertThat(decide("BGPPeer", "CREATE", obj("BGPPeer", "metallb.io/v1beta2", "p2", "default", "{myASN: 64500, peerASN: 64501, peerAddress: 192.0.2.2}")))
        .isEqualTo("denied: resource must be created in metallb-system namespace");
    // [QUIRK] spec §16: disableMP on create is allowed with a warning, nothing else checked.
    assertThat(decide("BGPPeer", "CREATE", obj("BGPPeer", "metallb.io/v1beta2", "p2", "default", "{myASN: 0, disableMP: true}")))
        .isEqualTo("allowed warnings [disable mp is deprecated and has no effect since it's the default behavior now]");
    assertThat(decide("BFDProfile", "CREATE", obj("BFDProfile", "metallb.io/v1beta1", "slow", NS, "{}"))).isEqualTo("allowed");
    assertThat(decide("BFDProfile", "CREATE", obj("BFDProfile", "metallb.io/v1beta1", "slow", "default", "{}")))
        .isEqualTo("denied: resource must be created in metallb-system namespace");
    assertThat(decide("BFDProfile", "DELETE", obj("BFDProfile", "metallb.io/v1beta1", "fast", NS, "{}")))
        .isEqualTo("denied: failed to delete BFDProfile fast, used by BGPPeer p1");
    assertThat(decide("BFDProfile", "DELETE", obj("BFDProfile", "metallb.io/v1beta1", "unused", NS, "{}"))).isEqualTo("allowed");
  }
}
