package io.metallb.lab.bgp;

import static org.assertj.core.api.Assertions.assertThat;

import io.metallb.lab.Golden;
import org.junit.jupiter.api.Test;

class FrrConfigTest {
  @Test
  void rendersRouterBgpd() {
    Golden.assertMatches("bgp/golden/frr-router-bgpd.conf", FrrConfig.bgpd(RouterConfigs.router()));
  }

  @Test
  void rendersBfdProfileForBfdd() {
    Golden.assertMatches("bgp/golden/frr-router-bfdd.conf", FrrConfig.bfdd(RouterConfigs.router()));
  }

  @Test
  void rendersIbgpSpeakerWithRouteMapsAndNextHopSelf() {
    Golden.assertMatches("bgp/golden/frr-speaker-bgpd.conf", FrrConfig.bgpd(RouterConfigs.ibgpSpeaker()));
  }

  @Test
  void alwaysDisablesTheEbgpPolicyRequirement() {
    assertThat(FrrConfig.bgpd(RouterConfig.of("x", 1, "192.0.2.1"))).contains(" no bgp ebgp-requires-policy\n");
  }

  @Test
  void anUnnumberedNeighbourIsAnInterfaceActivatedInBothFamilies() {
    String bgpd = FrrConfig.bgpd(RouterConfig.of("x", 64500, "192.0.2.1").withNeighbor(Neighbor.unnumbered("unnum0", 64512)));
    assertThat(bgpd).contains(" neighbor unnum0 interface remote-as 64512\n")
        .contains(" address-family ipv4 unicast\n  neighbor unnum0 activate\n")
        .contains(" address-family ipv6 unicast\n  neighbor unnum0 activate\n");
    assertThat(Neighbor.unnumbered("unnum0", 64512).transportFamily()).isEqualTo(AddressFamily.IPV6_UNICAST);
  }

  @Test
  void bfddWithoutProfileHoldsOnlyTheHostname() {
    assertThat(FrrConfig.bfdd(RouterConfigs.ibgpSpeaker())).isEqualTo("hostname spk\n");
  }
}
