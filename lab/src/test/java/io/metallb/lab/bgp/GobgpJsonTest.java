package io.metallb.lab.bgp;

import static org.assertj.core.api.Assertions.assertThat;

import io.metallb.lab.Golden;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class GobgpJsonTest {
  @Test
  void readsALearnedIpv4Path() {
    assertThat(GobgpJson.routes(Golden.read("bgp/gobgp-rtr-rib4.json"))).containsExactly(
        new BgpRoute("198.51.100.10/32", List.of("198.51.100.11"), "IGP", List.of(64512L), OptionalLong.empty(),
            List.of("64512:100"), List.of("64512:1:100"), true));
  }

  @Test
  void readsTheMpReachNextHopOfAnIpv6Path() {
    BgpRoute route = GobgpJson.routes(Golden.read("bgp/gobgp-rtr-rib6.json")).getFirst();
    assertThat(route.nextHops()).containsExactly("2001:db8:100::11");
    assertThat(route.communities()).containsExactly("64512:100", "64512:200");
  }

  @Test
  void readsALocallyOriginatedPathWithLocalPref() {
    BgpRoute route = GobgpJson.routes(Golden.read("bgp/gobgp-rib4.json")).getFirst();
    assertThat(route.origin()).isEqualTo("INCOMPLETE");
    assertThat(route.localPref()).hasValue(200);
    assertThat(route.asPath()).isEmpty();
  }

  @Test
  void splitsCommunitiesIntoAsnAndValue() {
    assertThat(GobgpJson.community(4227858532L)).isEqualTo("64512:100");
  }

  @Test
  void readsSessionStates() {
    assertThat(GobgpJson.sessions(Golden.read("bgp/gobgp-neighbor.json"))).containsExactly(
        new BgpSession("198.51.100.11", "Established", true),
        new BgpSession("2001:db8:100::11", "Established", true));
    assertThat(GobgpJson.sessions("[{\"conf\":{\"neighbor_address\":\"192.0.2.1\"},\"state\":{\"session_state\":3}}]"))
        .containsExactly(new BgpSession("192.0.2.1", "Active", false));
  }

  @Test
  void anEmptyRibHasNoRoutes() {
    assertThat(GobgpJson.routes("{}")).isEmpty();
    assertThat(GobgpJson.routes("")).isEmpty();
  }
}
