package io.metallb.lab.bgp;

import static org.assertj.core.api.Assertions.assertThat;

import io.metallb.lab.Golden;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class BirdTextTest {
  @Test
  void readsALearnedIpv4Path() {
    assertThat(BirdText.routes(Golden.read("bgp/bird-rtr-routes4.txt"))).containsExactly(
        new BgpRoute("198.51.100.10/32", List.of("198.51.100.11"), "IGP", List.of(64512L), OptionalLong.of(100),
            List.of("64512:100"), List.of("64512:1:100"), true));
  }

  @Test
  void readsAnIpv6PathWithTwoCommunities() {
    BgpRoute route = BirdText.routes(Golden.read("bgp/bird-rtr-routes6.txt")).getFirst();
    assertThat(route.prefix()).isEqualTo("2001:db8:100::10/128");
    assertThat(route.nextHops()).containsExactly("2001:db8:100::11");
    assertThat(route.communities()).containsExactly("64512:100", "64512:200");
  }

  @Test
  void readsAStaticAnnouncementWithoutBgpAttributes() {
    assertThat(BirdText.routes(Golden.read("bgp/bird-routes4.txt"))).containsExactly(
        new BgpRoute("198.51.100.10/32", List.of(), "", List.of(), OptionalLong.empty(), List.of(), List.of(), true));
  }

  @Test
  void readsTwoPathsOfOnePrefix() {
    String text = """
        BIRD 2.0.12 ready.
        Table master4:
        198.51.100.10/32     unicast [peer1 13:33:02.899] * (100) [AS64512i]
        \tvia 198.51.100.11 on eth0
        \tType: BGP univ
        \tBGP.origin: IGP
        \tBGP.as_path: 64512
        \tBGP.next_hop: 198.51.100.11
        \tBGP.local_pref: 100
                             unicast [peer3 13:33:03.100] (100) [AS64513i]
        \tvia 198.51.100.12 on eth0
        \tType: BGP univ
        \tBGP.origin: IGP
        \tBGP.as_path: 64513 64600
        \tBGP.next_hop: 198.51.100.12
        \tBGP.local_pref: 100
        """;
    List<BgpRoute> routes = BirdText.routes(text);
    assertThat(routes).extracting(BgpRoute::prefix).containsExactly("198.51.100.10/32", "198.51.100.10/32");
    assertThat(routes).extracting(BgpRoute::best).containsExactly(true, false);
    assertThat(routes.get(1).asPath()).containsExactly(64513L, 64600L);
    assertThat(routes.get(1).nextHops()).containsExactly("198.51.100.12");
  }

  @Test
  void readsBgpStatesOfProtocols() {
    var states = BirdText.protocolStates(Golden.read("bgp/bird-rtr-protocols.txt"));
    assertThat(states).containsEntry("peer1", "Established").containsEntry("peer2", "Established")
        .containsEntry("kernel4", "up").containsEntry("bfd1", "up");
    assertThat(BirdText.protocolStates("peer1      BGP        ---        start  13:32:44.248  Active        "
        + "Socket: Connection refused")).containsEntry("peer1", "Active");
  }
}
