package io.metallb.lab.net;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NamespacesTest {
  @Test
  void parsesNetnsList() {
    assertThat(Namespaces.parseNetnsList("mlb0a1b2c-n1 (id: 3)\nmlb0a1b2c-sw\n\n"))
        .containsExactly("mlb0a1b2c-n1", "mlb0a1b2c-sw");
  }

  @Test
  void parsesLinkNamesWithoutPeerSuffix() {
    String out = """
        1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN mode DEFAULT group default qlen 1000\\    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00
        7: mlb0a1b2c-h@if2: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP mode DEFAULT
        """;
    assertThat(Namespaces.parseLinkNames(out)).containsExactly("lo", "mlb0a1b2c-h");
  }

  @Test
  void addressPlanFollowsTheArchitecture() {
    assertThat(AddressPlan.nodeV4(1)).isEqualTo("198.51.100.11");
    assertThat(AddressPlan.nodeV6(3)).isEqualTo("2001:db8:100::13");
    assertThat(AddressPlan.nodeSecondV4(2)).isEqualTo("192.0.2.12");
    assertThat(AddressPlan.withPrefixLength(AddressPlan.HOST_V6)).isEqualTo("2001:db8:100::254/64");
  }
}
