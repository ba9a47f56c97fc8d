package io.metallb.config.legacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.metallb.api.v1beta1.BFDProfile;
import io.metallb.api.v1beta1.BGPAdvertisement;
import io.metallb.api.v1beta1.Community;
import io.metallb.api.v1beta1.IPAddressPool;
import io.metallb.api.v1beta1.L2Advertisement;
import io.metallb.api.v1beta2.BGPPeer;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.dataformat.yaml.YAMLMapper;

/** MetalLB's configmaptocrs, spec §5.2. */
class LegacyConfigConverterTest {
  static final YAMLMapper YAML = YAMLMapper.builder().build();

  static List<HasMetadata> convert(String config) throws Exception {
    return LegacyConfigConverter.convert(YAML.readTree(config), "metallb-system");
  }

  @Test
  void convertsEveryKindInTheConvertersOrder() throws Exception {
    List<HasMetadata> out = convert("""
        peers:
        - {my-asn: 64500, peer-asn: 64501, peer-address: 198.51.100.1, keepalive-time: 30.5s}
        - {my-asn: 64500, peer-asn: 64502, peer-address: 198.51.100.2, hold-time: 3.9s, ebgp-multihop: true, bfd-profile: Fast_One}
        bgp-communities: {zz: '1:2', aa: '65535:65281'}
        address-pools:
        - {name: bgp-a, protocol: bgp, addresses: [203.0.113.0/25]}
        - name: bgp-b
          protocol: bgp
          addresses: [203.0.113.128/25]
          bgp-advertisements:
          - {aggregation-length: 26, localpref: 100, communities: [aa]}
          - {aggregation-length-v6: 64}
        - {name: l2, protocol: layer2, addresses: [198.51.100.200-198.51.100.250], auto-assign: false, avoid-buggy-ips: true}
        - {name: other, protocol: l2, addresses: [192.0.2.0/24]}
        bfd-profiles:
        - {name: Fast_One, receive-interval: 100, echo-mode: true}
        """);
    assertThat(out).extracting(o -> o.getKind() + "/" + o.getMetadata().getName()).containsExactly(
        "BGPPeer/peer1", "BGPPeer/peer2",
        "IPAddressPool/bgp-a", "IPAddressPool/bgp-b", "IPAddressPool/l2", "IPAddressPool/other",
        "BGPAdvertisement/bgpadvertisement1", "BGPAdvertisement/bgpadvertisement2", "BGPAdvertisement/bgpadvertisement3",
        "L2Advertisement/l2advertisement1",
        "BFDProfile/fast-one",
        "Community/communities");
    assertThat(out).allSatisfy(o -> assertThat(o.getMetadata().getNamespace()).isEqualTo("metallb-system"));

    BGPPeer p1 = (BGPPeer) out.get(0);
    assertThat(p1.getSpec().holdTime()).isEqualTo("1m30s");
    assertThat(p1.getSpec().keepaliveTime()).isEqualTo("30s");
    BGPPeer p2 = (BGPPeer) out.get(1);
    assertThat(p2.getSpec().holdTime()).isEqualTo("3s");
    assertThat(p2.getSpec().keepaliveTime()).isNull();
    assertThat(p2.getSpec().ebgpMultiHop()).isTrue();
    assertThat(p2.getSpec().bfdProfile()).isEqualTo("fast-one");

    IPAddressPool l2 = (IPAddressPool) out.get(4);
    assertThat(l2.getSpec().autoAssign()).isFalse();
    assertThat(l2.getSpec().avoidBuggyIPs()).isTrue();
    assertThat(((IPAddressPool) out.get(2)).getSpec().autoAssign()).isNull();

    BGPAdvertisement first = (BGPAdvertisement) out.get(6);
    assertThat(first.getSpec().ipAddressPools()).containsExactly("bgp-a");
    assertThat(first.getSpec().aggregationLength()).isNull();
    BGPAdvertisement second = (BGPAdvertisement) out.get(7);
    assertThat(second.getSpec().ipAddressPools()).containsExactly("bgp-b");
    assertThat(second.getSpec().aggregationLength()).isEqualTo(26);
    assertThat(second.getSpec().localPref()).isEqualTo(100L);
    assertThat(second.getSpec().communities()).containsExactly("aa");
    assertThat(((BGPAdvertisement) out.get(8)).getSpec().aggregationLengthV6()).isEqualTo(64);

    assertThat(((L2Advertisement) out.get(9)).getSpec().ipAddressPools()).containsExactly("l2");
    BFDProfile bfd = (BFDProfile) out.get(10);
    assertThat(bfd.getSpec().echoMode()).isTrue();
    assertThat(bfd.getSpec().passiveMode()).isFalse();
    assertThat(bfd.getSpec().receiveInterval()).isEqualTo(100L);
    Community communities = (Community) out.get(11);
    assertThat(communities.getSpec().communities()).extracting(c -> c.name() + "=" + c.value()).containsExactly("aa=65535:65281", "zz=1:2");
  }

  @Test
  void holdTimeRulesAreTheLegacyParsers() {
    assertThatThrownBy(() -> convert("peers:\n- {my-asn: 1, peer-asn: 2, peer-address: 192.0.2.1, hold-time: 2s}"))
        .hasMessage("invalid hold time \"2s\": must be 0 or >=3s");
    assertThatThrownBy(() -> convert("peers:\n- {my-asn: 1, peer-asn: 2, peer-address: 192.0.2.1, hold-time: soon}"))
        .hasMessage("invalid hold time \"soon\": time: invalid duration \"soon\"");
  }

  @Test
  void namesAreMadeDns1123Compatible() throws Exception {
    assertThat(LegacyConfigConverter.k8sName("IpAddressPool", "01-numbered-addresspool")).isEqualTo("numbered-addresspool");
    assertThat(LegacyConfigConverter.k8sName("IpAddressPool", "Capitalized-AddressPool")).isEqualTo("capitalized-addresspool");
    assertThat(LegacyConfigConverter.k8sName("BFDProfile", "underscored_bfd_profile")).isEqualTo("underscored-bfd-profile");
    assertThat(LegacyConfigConverter.k8sName("BFDProfile", "tooLongBFDProfileName01-tooLongBFDProfileName02-tooLongBFDProfileName03-tooLongBFDProfileName04"))
        .isEqualTo("toolongbfdprofilename01-toolongbfdprofilename02-toolongbfdprofi");
    assertThat(LegacyConfigConverter.k8sName("IpAddressPool", "fine-name")).isEqualTo("fine-name");
    assertThatThrownBy(() -> LegacyConfigConverter.k8sName("IpAddressPool", "1234"))
        .hasMessage("failed to make IpAddressPool K8S compatible: 1234");
  }
}
