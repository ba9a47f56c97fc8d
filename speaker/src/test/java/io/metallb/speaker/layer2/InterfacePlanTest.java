package io.metallb.speaker.layer2;

import static io.metallb.speaker.layer2.InterfacePlan.IFF_BROADCAST;
import static io.metallb.speaker.layer2.InterfacePlan.IFF_NOARP;
import static io.metallb.speaker.layer2.InterfacePlan.IFF_UP;
import static org.assertj.core.api.Assertions.assertThat;

import io.metallb.net.IpAddress;
import io.metallb.speaker.layer2.InterfacePlan.InterfaceFacts;
import io.metallb.speaker.layer2.packet.MacAddress;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class InterfacePlanTest {
  private static final Optional<IpAddress> LINK_LOCAL = Optional.of(IpAddress.of("fe80::1"));

  private static InterfaceFacts iface(String name, int flags, boolean master, Optional<IpAddress> linkLocal) {
    return new InterfaceFacts(name, flags, master, linkLocal, MacAddress.of(new byte[] {2, 0, 0, 0, 0, 1}));
  }

  @Test
  void respondersFollowMetallbsInterfaceRules() {
    List<InterfaceFacts> host = List.of(
        iface("lo", IFF_UP, false, LINK_LOCAL),
        iface("eth0", IFF_UP | IFF_BROADCAST, false, LINK_LOCAL),
        iface("eth1", IFF_UP | IFF_BROADCAST, false, Optional.empty()),
        iface("eth2", IFF_BROADCAST, false, LINK_LOCAL),
        iface("bond-slave", IFF_UP | IFF_BROADCAST, true, LINK_LOCAL),
        iface("tun0", IFF_UP | IFF_NOARP, false, LINK_LOCAL),
        iface("wg0", IFF_UP, false, LINK_LOCAL),
        iface("veth1234", IFF_UP | IFF_BROADCAST, false, LINK_LOCAL),
        iface("mydocker0", IFF_UP | IFF_BROADCAST, false, LINK_LOCAL));

    InterfacePlan.Plan plan = InterfacePlan.plan(host, InterfacePlan.excludePattern(InterfacePlan.DEFAULT_EXCLUDES));

    assertThat(plan.nodeInterfaces()).as("down and enslaved interfaces still exist; excluded ones do not")
        .containsExactly("eth0", "eth1", "eth2", "bond-slave", "tun0", "wg0", "mydocker0");
    assertThat(plan.arp()).extracting(InterfaceFacts::name).containsExactly("eth0", "eth1", "mydocker0");
    assertThat(plan.ndp()).extracting(InterfaceFacts::name).containsExactly("eth0", "wg0", "mydocker0");
  }

  @Test
  void excludesAreUnanchoredLikeGoMatchString() {
    var pattern = InterfacePlan.excludePattern(List.of("docker"));
    assertThat(InterfacePlan.plan(List.of(iface("mydocker0", IFF_UP | IFF_BROADCAST, false, LINK_LOCAL)), pattern).nodeInterfaces()).isEmpty();
  }

  @Test
  void noExcludesKeepsEverything() {
    assertThat(InterfacePlan.excludePattern(List.of())).isEmpty();
    assertThat(InterfacePlan.plan(List.of(iface("lo", IFF_UP, false, LINK_LOCAL)), Optional.empty()).ndp()).hasSize(1);
  }
}
