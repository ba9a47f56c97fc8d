package io.metallb.lab.bgp;

import static org.assertj.core.api.Assertions.assertThat;

import io.metallb.lab.Golden;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class FrrJsonTest {
  @Test
  void readsPrefixesOfTheTable() {
    assertThat(FrrJson.prefixes(Golden.read("bgp/frr-table4.json"))).containsExactly("198.51.100.10/32");
  }

  @Test
  void readsAnEbgpPathWithCommunities() {
    assertThat(FrrJson.routes("198.51.100.10/32", Golden.read("bgp/frr-detail4.json"))).containsExactly(
        new BgpRoute("198.51.100.10/32", List.of("198.51.100.11"), "INCOMPLETE", List.of(64512L),
            OptionalLong.empty(), List.of("64512:100"), List.of("64512:1:100"), true));
  }

  @Test
  void readsAnIpv6PathWithTwoCommunities() {
    BgpRoute route = FrrJson.routes("2001:db8:100::10/128", Golden.read("bgp/frr-detail6.json")).getFirst();
    assertThat(route.nextHops()).containsExactly("2001:db8:100::11");
    assertThat(route.communities()).containsExactly("64512:100", "64512:200");
  }

  @Test
  void readsSessionsOfBothFamilies() {
    assertThat(FrrJson.sessions(Golden.read("bgp/frr-summary.json"))).containsExactly(
        new BgpSession("198.51.100.11", "Established", true),
        new BgpSession("2001:db8:100::11", "Established", true));
  }

  @Test
  void readsBfdPeers() {
    assertThat(FrrJson.bfdPeers("[{\"peer\":\"198.51.100.11\",\"status\":\"up\"}]"))
        .isEqualTo(Map.of("198.51.100.11", "up"));
  }
}
