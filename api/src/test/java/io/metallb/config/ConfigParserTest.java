package io.metallb.config;

import static io.metallb.config.BgpType.FRR;
import static io.metallb.config.BgpType.FRR_K8S;
import static io.metallb.config.BgpType.NATIVE;
import static io.metallb.config.BgpType.NONE;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every rule of the configuration parser (spec §4), one row each: the resources, the mode, and the
 * first error MetalLB reports ({@code null}: valid). Messages are MetalLB's, verbatim.
 */
class ConfigParserTest {
  static String pool(String name, String spec) {
    return "apiVersion: metallb.io/v1beta1\nkind: IPAddressPool\nmetadata:\n  name: " + name + "\nspec:\n" + indent(spec) + "---\n";
  }

  static String peer(String name, String spec) {
    return "apiVersion: metallb.io/v1beta2\nkind: BGPPeer\nmetadata:\n  name: " + name + "\nspec:\n" + indent(spec) + "---\n";
  }

  static String peerV1(String name, String spec) {
    return "apiVersion: metallb.io/v1beta1\nkind: BGPPeer\nmetadata:\n  name: " + name + "\nspec:\n" + indent(spec) + "---\n";
  }

  static String bgpAd(String name, String spec) {
    return "apiVersion: metallb.io/v1beta1\nkind: BGPAdvertisement\nmetadata:\n  name: " + name + "\nspec:\n" + indent(spec) + "---\n";
  }

  static String l2Ad(String name, String spec) {
    return "apiVersion: metallb.io/v1beta1\nkind: L2Advertisement\nmetadata:\n  name: " + name + "\nspec:\n" + indent(spec) + "---\n";
  }

  static String bfd(String name, String spec) {
    return "apiVersion: metallb.io/v1beta1\nkind: BFDProfile\nmetadata:\n  name: " + name + "\nspec:\n" + indent(spec) + "---\n";
  }

  static String community(String name, String spec) {
    return "apiVersion: metallb.io/v1beta1\nkind: Community\nmetadata:\n  name: " + name + "\nspec:\n" + indent(spec) + "---\n";
  }

  static String node(String name, String labels) {
    return "apiVersion: v1\nkind: Node\nmetadata:\n  name: " + name + "\n  labels: " + labels + "\n---\n";
  }

  static String namespace(String name, String labels) {
    return "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: " + name + "\n  labels: " + labels + "\n---\n";
  }

  static String secret(String name, String type, String data) {
    return "apiVersion: v1\nkind: Secret\nmetadata:\n  name: " + name + "\n  namespace: metallb-system\ntype: " + type + "\n" + data + "\n---\n";
  }

  private static String indent(String s) {
    return s.lines().map(l -> "  " + l + "\n").reduce("", String::concat);
  }

  static final String PEER = "myASN: 64500\npeerASN: 64501\npeerAddress: 192.0.2.1\n";
  static final String POOL_V4 = "addresses: [198.51.100.0/24]\n";

  static Arguments row(String name, BgpType mode, String yaml, String firstError) {
    return Arguments.of(name, mode, yaml, firstError);
  }

  static Stream<Arguments> rows() {
    return Stream.of(
        // §4.3 peers
        row("valid peer", NATIVE, peer("p1", PEER), null),
        row("missing local ASN", NATIVE, peer("p1", "peerASN: 64501\npeerAddress: 192.0.2.1"), "BGPPeer/p1: parsing peer p1 missing local ASN"),
        row("missing peer ASN", FRR, peer("p1", "myASN: 64500\npeerAddress: 192.0.2.1"), "BGPPeer/p1: parsing peer p1 missing peer ASN and dynamicASN"),
        row("both ASN and dynamic", FRR, peer("p1", PEER + "dynamicASN: external"), "BGPPeer/p1: parsing peer p1 both peer ASN and dynamicASN specified"),
        row("bad dynamicASN", FRR, peer("p1", "myASN: 64500\ndynamicASN: sideways\npeerAddress: 192.0.2.1"), "BGPPeer/p1: parsing peer p1 invalid dynamicASN sideways"),
        row("dynamic ASN ok in frr", FRR, peer("p1", "myASN: 64500\ndynamicASN: internal\npeerAddress: 192.0.2.1"), null),
        row("ibgp multihop", FRR, peer("p1", "myASN: 64500\npeerASN: 64500\npeerAddress: 192.0.2.1\nebgpMultiHop: true"), "BGPPeer/p1: parsing peer p1 invalid ebgp-multihop parameter set for an ibgp peer"),
        row("no address nor interface", NATIVE, peer("p1", "myASN: 64500\npeerASN: 64501"), "BGPPeer/p1: parsing peer p1 peer has no Address or Interface specified"),
        row("address and interface", FRR, peer("p1", PEER + "interface: eth0"), "BGPPeer/p1: parsing peer p1 peer has both Address and Interface specified"),
        row("hold time under 3s", NATIVE, peer("p1", PEER + "holdTime: 1s"), "BGPPeer/p1: parsing peer p1 invalid BGPPeer timers: invalid hold time \"1s\": must be 0 or >=3s"),
        row("hold time 500ms truncates to 0", NATIVE, peer("p1", PEER + "holdTime: 500ms"), null),
        row("hold time 0", NATIVE, peer("p1", PEER + "holdTime: 0s"), null),
        row("keepalive above hold", FRR, peer("p1", PEER + "holdTime: 9s\nkeepaliveTime: 10s"), "BGPPeer/p1: parsing peer p1 invalid BGPPeer timers: invalid keepaliveTime \"10s\", must be lower than holdTime \"9s\""),
        row("keepalive equal to hold is allowed", FRR, peer("p1", PEER + "holdTime: 9s\nkeepaliveTime: 9s"), null),
        row("only keepalive, derived hold too short", FRR, peer("p1", PEER + "keepaliveTime: 500ms"), "BGPPeer/p1: parsing peer p1 invalid BGPPeer timers: invalid hold time <nil>: must be 0 or >=3s"),
        row("hold printed in Go form", NATIVE, peer("p1", PEER + "holdTime: 2500ms"), "BGPPeer/p1: parsing peer p1 invalid BGPPeer timers: invalid hold time \"2.5s\": must be 0 or >=3s"),
        row("bad address", NATIVE, peer("p1", "myASN: 64500\npeerASN: 64501\npeerAddress: 192.0.2.300"), "BGPPeer/p1: parsing peer p1 invalid BGPPeer address \"192.0.2.300\""),
        row("bad router id", NATIVE, peer("p1", PEER + "routerID: abc"), "BGPPeer/p1: parsing peer p1 invalid router ID \"abc\""),
        row("bad source address", NATIVE, peer("p1", PEER + "sourceAddress: 10.0.0"), "BGPPeer/p1: parsing peer p1 invalid source IP \"10.0.0\""),
        row("duplicate node selectors", NATIVE, peer("p1", PEER + "nodeSelectors:\n- matchLabels: {a: b}\n- matchLabels: {a: b}"), "BGPPeer/p1: parsing peer p1 duplicate definition of nodeSelectors {map[\"a\":\"b\"] []}"),
        row("duplicate expression values", NATIVE, peer("p1", PEER + "nodeSelectors:\n- matchExpressions:\n  - {key: a, operator: In, values: [x, x]}"), "BGPPeer/p1: parsing peer p1 duplicate definition of match expression value in label selector \"x\""),
        row("duplicate expressions", NATIVE, peer("p1", PEER + "nodeSelectors:\n- matchExpressions:\n  - {key: a, operator: In, values: [y, x]}\n  - {key: a, operator: In, values: [x, y]}"), "BGPPeer/p1: parsing peer p1 duplicate definition of match expressions {\"a\" \"In\" [\"x\" \"y\"]}"),
        row("bad selector operator", NATIVE, peer("p1", PEER + "nodeSelectors:\n- matchExpressions:\n  - {key: a, operator: Foo, values: [x]}"), "BGPPeer/p1: parsing peer p1 \"Foo\" is not a valid label selector operator\nfailed to convert peer p1 node selector"),
        row("password and secret", NATIVE, peer("p1", PEER + "password: pw\npasswordSecret: {name: s1}"), "BGPPeer/p1: parsing peer p1 can not have both password and secret ref set in peer config \"metallb-system\"/\"p1\""),
        row("secret missing (transient)", NATIVE, peer("p1", PEER + "passwordSecret: {name: s1}"), "BGPPeer/p1: parsing peer p1 secret ref not found for peer config \"metallb-system\"/\"p1\"\nfailed to parse peer p1 password secret"),
        row("secret of the wrong type", NATIVE, peer("p1", PEER + "passwordSecret: {name: s1}") + secret("s1", "Opaque", "data: {password: cHc=}"), "BGPPeer/p1: parsing peer p1 secret type mismatch on \"metallb-system\"/\"s1\", type \"kubernetes.io/basic-auth\" is expected \nfailed to parse peer p1 password secret"),
        row("secret without password", NATIVE, peer("p1", PEER + "passwordSecret: {name: s1}") + secret("s1", "kubernetes.io/basic-auth", "data: {username: dXNlcg==}"), "BGPPeer/p1: parsing peer p1 password not specified in the secret \"metallb-system\"/\"s1\"\nfailed to parse peer p1 password secret"),
        row("secret with password", NATIVE, peer("p1", PEER + "passwordSecret: {name: s1}") + secret("s1", "kubernetes.io/basic-auth", "data: {password: cHc=}"), null),
        row("unknown bfd profile (transient)", FRR, peer("p1", PEER + "bfdProfile: fast"), "BGPPeer/p1: peer p1 referencing non existing bfd profile fast"),
        row("known bfd profile", FRR, bfd("fast", "receiveInterval: 100") + peer("p1", PEER + "bfdProfile: fast"), null),
        row("v1beta1 peer is converted", NATIVE, peerV1("old", PEER), null),
        row("[QUIRK] an identical peer twice", NATIVE, peer("p1", PEER) + peer("p1", PEER), "BGPPeer/p1: peer p1 already exists"),
        row("[QUIRK] a different peer of the same name replaces it", NATIVE, peer("p1", PEER) + peer("p1", "myASN: 64500\npeerASN: 64502\npeerAddress: 192.0.2.1"), null),
        row("duplicate pool names", NATIVE, pool("a", POOL_V4) + pool("a", "addresses: [203.0.113.0/24]"), "IPAddressPool/a: duplicate definition of pool \"a\""),
        row("duplicate BFD profile names", FRR, bfd("b", "{}") + bfd("b", "{}"), "BFDProfile/b: found duplicate bfd profile name b"),
        // §3.6 BFD profiles
        row("bfd detect multiplier range", FRR, bfd("b1", "detectMultiplier: 1"), "BFDProfile/b1: parsing bfd profile #1: invalid value 1, must be in 2-255 range\ninvalid detect multiplier value"),
        row("bfd receive interval range", FRR, bfd("b1", "receiveInterval: 70000"), "BFDProfile/b1: parsing bfd profile #1: invalid value 70000, must be in 10-60000 range\ninvalid receive interval value"),
        row("bfd transmit interval range", FRR, bfd("a0", "{}") + bfd("b1", "transmitInterval: 5"), "BFDProfile/b1: parsing bfd profile #2: invalid value 5, must be in 10-60000 range\ninvalid transmit interval value"),
        row("bfd echo interval range", FRR, bfd("b1", "echoInterval: 9"), "BFDProfile/b1: parsing bfd profile #1: invalid value 9, must be in 10-60000 range\ninvalid echo interval value"),
        row("bfd minimum ttl range", FRR, bfd("b1", "minimumTtl: 255"), "BFDProfile/b1: parsing bfd profile #1: invalid value 255, must be in 1-254 range\ninvalid minimum ttl value"),
        // §4.4 pools
        row("valid pools", NATIVE, pool("a", "addresses: [198.51.100.0/25, 203.0.113.10-203.0.113.20]") + pool("b", "addresses: [198.51.100.128/25]"), null),
        row("pool without addresses", NATIVE, pool("a", "addresses: []"), "IPAddressPool/a: parsing address pool a: pool has no prefixes defined"),
        row("bad CIDR", NATIVE, pool("a", "addresses: [198.51.100.0/33]"), "IPAddressPool/a: parsing address pool a: invalid CIDR \"198.51.100.0/33\" in pool \"a\": invalid CIDR \"198.51.100.0/33\""),
        row("a bare IP is not a CIDR", NATIVE, pool("a", "addresses: [198.51.100.7]"), "IPAddressPool/a: parsing address pool a: invalid CIDR \"198.51.100.7\" in pool \"a\": invalid CIDR \"198.51.100.7\""),
        row("bad range start", NATIVE, pool("a", "addresses: [198.51.100.x-198.51.100.9]"), "IPAddressPool/a: parsing address pool a: invalid CIDR \"198.51.100.x-198.51.100.9\" in pool \"a\": invalid IP range \"198.51.100.x-198.51.100.9\": invalid start IP \"198.51.100.x\""),
        row("bad range end", NATIVE, pool("a", "addresses: [198.51.100.1 - 198.51.100]"), "IPAddressPool/a: parsing address pool a: invalid CIDR \"198.51.100.1 - 198.51.100\" in pool \"a\": invalid IP range \"198.51.100.1 - 198.51.100\": invalid end IP \" 198.51.100\""),
        row("range backwards", NATIVE, pool("a", "addresses: [198.51.100.9-198.51.100.1]"), "IPAddressPool/a: parsing address pool a: invalid CIDR \"198.51.100.9-198.51.100.1\" in pool \"a\": invalid IP range \"198.51.100.9-198.51.100.1\": start IP \"198.51.100.9\" is after the end IP \"198.51.100.1\""),
        row("spaces around range ends", NATIVE, pool("a", "addresses: [' 198.51.100.1 - 198.51.100.9 ']"), null),
        row("overlap across pools", NATIVE, pool("a", "addresses: [198.51.100.0/24]") + pool("b", "addresses: [198.51.100.128/25]"), "IPAddressPool/b: CIDR \"198.51.100.128/25\" in pool \"b\" overlaps with already defined CIDR \"198.51.100.0/24\""),
        row("overlap inside a pool", NATIVE, pool("a", "addresses: [198.51.100.0/24, 198.51.100.10-198.51.100.11]"), "IPAddressPool/a: CIDR \"198.51.100.10/31\" in pool \"a\" overlaps with already defined CIDR \"198.51.100.0/24\""),
        row("host bits dropped before overlap", NATIVE, pool("a", "addresses: [198.51.100.77/24]") + pool("b", "addresses: [198.51.100.0/24]"), "IPAddressPool/b: CIDR \"198.51.100.0/24\" in pool \"b\" overlaps with already defined CIDR \"198.51.100.0/24\""),
        row("ipv6 pool, no BGP ad, native", NATIVE, pool("a", "addresses: [2001:db8::/64]"), null),
        // §4.5 service allocation
        row("duplicate namespaces", NATIVE, pool("a", POOL_V4 + "serviceAllocation:\n  namespaces: [x, x]"), "IPAddressPool/a: parsing address pool a: duplicate definition in namespaces field"),
        row("duplicate namespace selectors", NATIVE, pool("a", POOL_V4 + "serviceAllocation:\n  namespaceSelectors:\n  - matchLabels: {t: a}\n  - matchLabels: {t: a}"), "IPAddressPool/a: parsing address pool a: duplicate definition of namespaceSelectors {map[\"t\":\"a\"] []}"),
        row("duplicate service selectors", NATIVE, pool("a", POOL_V4 + "serviceAllocation:\n  serviceSelectors:\n  - matchLabels: {t: a}\n  - matchLabels: {t: a}"), "IPAddressPool/a: parsing address pool a: duplicate definition of serviceSelectors {map[\"t\":\"a\"] []}"),
        row("bad namespace selector", NATIVE, pool("a", POOL_V4 + "serviceAllocation:\n  namespaceSelectors:\n  - matchExpressions: [{key: t, operator: Is, values: [a]}]"), "IPAddressPool/a: parsing address pool a: \"Is\" is not a valid label selector operator\ninvalid namespace label selector &LabelSelector{MatchLabels:map[string]string{},MatchExpressions:[]LabelSelectorRequirement{LabelSelectorRequirement{Key:t,Operator:Is,Values:[a],},},} in ip pool a"),
        // §4.6 communities
        row("community alias ok", NATIVE, community("c", "communities:\n- {name: no-export, value: '65535:65281'}") + pool("a", POOL_V4) + bgpAd("ad", "communities: [no-export]"), null),
        row("bad community value", NATIVE, community("c", "communities:\n- {name: big, value: '70000:1'}"), "Community/c: parsing community \"big\": invalid community value: invalid section \"70000\" of community \"70000:1\", err: \"strconv.ParseUint: parsing \\\"70000\\\": value out of range\""),
        row("duplicate alias across CRs", FRR, community("c1", "communities:\n- {name: a, value: '1:1'}") + community("c2", "communities:\n- {name: a, value: '1:2'}"), "Community/c2: duplicate definition of community \"a\""),
        row("large community marker", FRR, community("c", "communities:\n- {name: a, value: 'big:1:2:3'}"), "Community/c: parsing community \"a\": invalid community value: invalid marker for large community, expected community to be of format large:<uint32>:<uint32>:<uint32> but got \"big:1:2:3\" instead"),
        row("community format", FRR, community("c", "communities:\n- {name: a, value: '1:2:3'}"), "Community/c: parsing community \"a\": invalid community format: 1:2:3"),
        row("unknown alias is transient", NATIVE, pool("a", POOL_V4) + bgpAd("ad", "communities: [no-such-alias]"), "BGPAdvertisement/ad: invalid community format: no-such-alias\ninvalid community \"no-such-alias\" in BGP advertisement"),
        row("bad literal community", NATIVE, pool("a", POOL_V4) + bgpAd("ad", "communities: ['1:99999']"), "BGPAdvertisement/ad: invalid community value: invalid section \"99999\" of community \"1:99999\", err: \"strconv.ParseUint: parsing \\\"99999\\\": value out of range\"\ninvalid community \"1:99999\" in BGP advertisement"),
        // §4.7 L2 advertisements
        row("l2 duplicate pools", NATIVE, pool("a", POOL_V4) + l2Ad("l2", "ipAddressPools: [a, a]"), "L2Advertisement/l2: duplicate definition of ipAddressPools \"a\""),
        row("l2 duplicate node selectors", NATIVE, pool("a", POOL_V4) + l2Ad("l2", "nodeSelectors:\n- matchLabels: {n: a}\n- matchLabels: {n: a}"), "L2Advertisement/l2: duplicate definition of nodeSelectors {map[\"n\":\"a\"] []}"),
        row("l2 bad node selector", NATIVE, pool("a", POOL_V4) + l2Ad("l2", "nodeSelectors:\n- matchExpressions: [{key: k, operator: Foo, values: [a]}]"), "L2Advertisement/l2: \"Foo\" is not a valid label selector operator\ninvalid label selector {map[] [{k Foo [a]}]}\nfailed to parse node selector for l2"),
        row("l2 unknown pool ignored", NATIVE, pool("a", POOL_V4) + l2Ad("l2", "ipAddressPools: [nope]"), null),
        // §4.8 BGP advertisements
        row("bgp duplicate peers", NATIVE, pool("a", POOL_V4) + bgpAd("ad", "peers: [p, p]"), "BGPAdvertisement/ad: duplicate definition of peers \"p\""),
        row("bgp duplicate communities", NATIVE, pool("a", POOL_V4) + bgpAd("ad", "communities: ['1:1', '1:1']"), "BGPAdvertisement/ad: duplicate definition of community \"1:1\""),
        row("bgp aggregation above 32", NATIVE, pool("a", POOL_V4) + bgpAd("ad", "aggregationLength: 33"), "BGPAdvertisement/ad: invalid aggregation length 33 for IPv4"),
        row("bgp aggregation v6 above 128", FRR, pool("a", POOL_V4) + bgpAd("ad", "aggregationLengthV6: 129"), "BGPAdvertisement/ad: invalid aggregation length 129 for IPv6"),
        row("aggregation shorter than pool prefix", NATIVE, pool("a", "addresses: [198.51.100.0/24]") + bgpAd("ad", "aggregationLength: 16"), "BGPAdvertisement/ad: invalid aggregation length 16: prefix 24 in this pool is more specific than the aggregation length for addresses 198.51.100.0/24"),
        row("aggregation equal to pool prefix", NATIVE, pool("a", "addresses: [198.51.100.0/24]") + bgpAd("ad", "aggregationLength: 24"), null),
        row("aggregation vs range", NATIVE, pool("a", "addresses: [198.51.100.10-198.51.100.20]") + bgpAd("ad", "aggregationLength: 29"), "BGPAdvertisement/ad: invalid aggregation length 29: prefix 30 in this pool is more specific than the aggregation length for addresses 198.51.100.10-198.51.100.20"),
        row("v6 aggregation message prints the v4 length", FRR, pool("a", "addresses: [2001:db8::/64]") + bgpAd("ad", "aggregationLengthV6: 48"), "BGPAdvertisement/ad: invalid aggregation length 32: prefix 64 in this pool is more specific than the aggregation length for addresses 2001:db8::/64"),
        row("service selectors with aggregation", NATIVE, pool("a", POOL_V4) + bgpAd("ad", "aggregationLength: 30\nserviceSelectors:\n- matchLabels: {a: b}"), "BGPAdvertisement/ad: serviceSelectors and aggregationLength are mutually exclusive, both cannot be set in ad"),
        row("service selectors with v6 aggregation", FRR, pool("a", POOL_V4) + bgpAd("ad", "aggregationLengthV6: 120\nserviceSelectors:\n- matchLabels: {a: b}"), "BGPAdvertisement/ad: serviceSelectors and aggregationLengthV6 are mutually exclusive, both cannot be set in ad"),
        row("local pref conflict", NATIVE, node("n1", "{}") + pool("a", POOL_V4) + bgpAd("ad1", "localPref: 100") + bgpAd("ad2", "localPref: 200"), "BGPAdvertisement/ad2: invalid local preference 200: local preferernce 100 was already set for the same type of BGP update. Check existing BGP advertisements with common pools and aggregation lengths"),
        row("local pref without known nodes", NATIVE, pool("a", POOL_V4) + bgpAd("ad1", "localPref: 100") + bgpAd("ad2", "localPref: 200"), null),
        row("local pref with other aggregation", NATIVE, node("n1", "{}") + pool("a", POOL_V4) + bgpAd("ad1", "localPref: 100") + bgpAd("ad2", "localPref: 200\naggregationLength: 25"), null),
        row("local pref with disjoint peers", NATIVE, node("n1", "{}") + pool("a", POOL_V4) + bgpAd("ad1", "localPref: 100\npeers: [x]") + bgpAd("ad2", "localPref: 200\npeers: [y]"), null),
        row("local pref with disjoint nodes", NATIVE, node("n1", "{r: a}") + node("n2", "{r: b}") + pool("a", POOL_V4) + bgpAd("ad1", "localPref: 100\nnodeSelectors: [{matchLabels: {r: a}}]") + bgpAd("ad2", "localPref: 200\nnodeSelectors: [{matchLabels: {r: b}}]"), null),
        // §4.9 native mode
        row("native: bfd profile on peer", NATIVE, bfd("b", "{}") + peer("p1", PEER + "bfdProfile: b"), "BGPPeer/p1: peer 192.0.2.1 has bfd-profile set on native bgp mode"),
        row("native: keepalive", NATIVE, peer("p1", PEER + "keepaliveTime: 10s"), "BGPPeer/p1: peer 192.0.2.1 has keepalive-time set on native bgp mode"),
        row("native: zero keepalive is fine", NATIVE, peer("p1", PEER + "keepaliveTime: 0s"), null),
        row("native: vrf", NATIVE, peer("p1", PEER + "vrf: red"), "BGPPeer/p1: peer 192.0.2.1 has vrf set on native bgp mode"),
        row("native: connect time", NATIVE, peer("p1", PEER + "connectTime: 5s"), "BGPPeer/p1: peer 192.0.2.1 has connect time set on native bgp mode"),
        row("native: graceful restart", NATIVE, peer("p1", PEER + "enableGracefulRestart: true"), "BGPPeer/p1: peer 192.0.2.1 has EnableGracefulRestart flag set on native bgp mode"),
        row("native: disableMP", NATIVE, peer("p1", PEER + "disableMP: true"), "BGPPeer/p1: peer 192.0.2.1 has disable MP flag set on native bgp mode"),
        row("native: dual stack", NATIVE, peer("p1", PEER + "dualStackAddressFamily: true"), "BGPPeer/p1: peer 192.0.2.1 has dualstackaddressfamily flag set on native bgp mode"),
        row("native: dynamic ASN", NATIVE, peer("p1", "myASN: 64500\ndynamicASN: external\npeerAddress: 192.0.2.1"), "BGPPeer/p1: peer 192.0.2.1 has dynamicASN set on native bgp mode"),
        row("native: interface (no address)", NATIVE, peer("p1", "myASN: 64500\npeerASN: 64501\ninterface: eth1"), "BGPPeer/p1: peer  has interface set on native bgp mode"),
        row("native: local ASN", NATIVE, peer("p1", PEER + "localASN: 64999"), "BGPPeer/p1: peer 192.0.2.1 has localASN set on native bgp mode"),
        row("native: any BFD profile", NATIVE, bfd("b", "{}"), "BFDProfile/b: bfd profiles section set"),
        row("native: ipv6 pool under a catch-all BGP ad", NATIVE, pool("a", POOL_V4) + pool("b", "addresses: [2001:db8:0:0::/120]") + bgpAd("ad", "{}"), "IPAddressPool/b: pool \"b\" has ipv6 CIDR 2001:db8::/120, native bgp mode does not support ipv6"),
        row("native: ipv6 pool not advertised", NATIVE, pool("a", POOL_V4) + pool("b", "addresses: [2001:db8::/120]") + bgpAd("ad", "ipAddressPools: [a]"), null),
        row("native: large community literal", NATIVE, pool("a", POOL_V4) + bgpAd("ad", "communities: ['large:1:2:3']"), "BGPAdvertisement/ad: native BGP mode only supports legacy communities, BGP advertisement \"ad\" has non legacy community \"large:1:2:3\""),
        row("native: large community CR", NATIVE, community("c", "communities:\n- {name: big, value: 'large:1:2:3'}"), "Community/c: native BGP mode only supports legacy communities, BGP community CR \"c\" has non legacy community {\"big\" \"large:1:2:3\"}"),
        row("frr: large community fine", FRR, pool("a", POOL_V4) + bgpAd("ad", "communities: ['large:1:2:3']"), null),
        row("none: no mode checks", NONE, bfd("b", "{}") + peer("p1", PEER + "keepaliveTime: 10s\nbfdProfile: b"), null),
        // §4.9 FRR modes
        row("frr: router IDs differ", FRR, peer("p1", PEER + "routerID: 192.0.2.10") + peer("p2", "myASN: 64500\npeerASN: 64501\npeerAddress: 192.0.2.2\nrouterID: 192.0.2.11"), "BGPPeer/p2: peer 192.0.2.11 has RouterID different from 192.0.2.10, in FRR mode peers selecting the same node must all have the same RouterID"),
        row("frr: duplicate peer", FRR_K8S, peer("p1", PEER) + peer("p2", PEER), "BGPPeer/p2: peer 192.0.2.1 already exists, FRR mode doesn't support duplicate BGPPeers selecting the same node"),
        row("frr: duplicate peer in other VRF is fine", FRR, peer("p1", PEER) + peer("p2", PEER + "vrf: red"), null),
        row("frr: myASN differs", FRR, peer("p1", PEER) + peer("p2", "myASN: 64510\npeerASN: 64501\npeerAddress: 192.0.2.2"), "BGPPeer/p2: peer 192.0.2.2 has myAsn different from 192.0.2.1, in FRR mode peers selecting the same node must have the same myAsn within the same VRF"),
        row("frr: duplicate peers on disjoint nodes", FRR, node("n1", "{r: a}") + node("n2", "{r: b}") + peer("p1", PEER + "nodeSelectors: [{matchLabels: {r: a}}]") + peer("p2", PEER + "nodeSelectors: [{matchLabels: {r: b}}]"), null),
        // §4.10 cross checks
        row("bfd echo with ipv6 pool", FRR, bfd("echo", "echoMode: true") + peer("p1", PEER + "bfdProfile: echo") + pool("v6", "addresses: [2001:db8::/120]") + bgpAd("ad", "{}"), "BGPAdvertisement/ad: pool v6 has bgpadvertisement ad which references peer p1 which has bfd echo enabled, which is not possible"),
        row("bfd echo with ipv4 pool is fine", FRR, bfd("echo", "echoMode: true") + peer("p1", PEER + "bfdProfile: echo") + pool("v4", POOL_V4) + bgpAd("ad", "{}"), null));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rows")
  void firstErrorIsMetalLbs(String name, BgpType mode, String yaml, String firstError) {
    List<String> errors = Snapshots.errors(mode, yaml);
    if (firstError == null) {
      assertThat(errors).as(name).isEmpty();
    } else {
      assertThat(errors).as(name).isNotEmpty();
      assertThat(errors.get(0)).as(name).isEqualTo(firstError);
    }
  }
}
