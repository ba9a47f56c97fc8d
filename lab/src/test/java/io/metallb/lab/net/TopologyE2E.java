package io.metallb.lab.net;

import static org.assertj.core.api.Assertions.assertThat;

import io.metallb.lab.LabPreconditions.Tool;
import io.metallb.lab.junit.LabExtension;
import io.metallb.lab.process.CommandResult;
import io.metallb.lab.process.Commands;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class TopologyE2E {
  @RegisterExtension
  static final LabExtension LAB = LabExtension.of(new TopologySpec(2, true, true), Tool.PING);

  private static CommandResult ping(String namespace, String address) {
    return Commands.runIn(namespace, "ping", "-c", "1", "-W", "2", address);
  }

  @Test
  void nodeReachesRouterClientOtherNodeAndHostOverIpv4AndIpv6() {
    Topology t = LAB.lab().topology();
    String n1 = t.nodeNamespace(1);
    for (String target : new String[] {AddressPlan.ROUTER_V4, AddressPlan.ROUTER_V6, AddressPlan.CLIENT_V4,
        AddressPlan.CLIENT_V6, AddressPlan.nodeV4(2), AddressPlan.nodeV6(2), AddressPlan.HOST_V4,
        AddressPlan.HOST_V6}) {
      assertThat(ping(n1, target).succeeded()).as("ping %s from %s", target, n1).isTrue();
    }
  }

  @Test
  void secondLinkConnectsNodesOnTheSecondSubnet() {
    Topology t = LAB.lab().topology();
    assertThat(ping(t.nodeNamespace(2), AddressPlan.nodeSecondV4(1)).succeeded()).isTrue();
    assertThat(ping(t.nodeNamespace(2), AddressPlan.nodeSecondV6(1)).succeeded()).isTrue();
  }

  @Test
  void hostSideReachesNodes() {
    assertThat(Commands.run("ping", "-c", "1", "-W", "2", AddressPlan.nodeV4(1)).succeeded()).isTrue();
    assertThat(Commands.run("ping", "-c", "1", "-W", "2", AddressPlan.nodeV6(2)).succeeded()).isTrue();
  }

  @Test
  void secondSubnetIsNotOnTheRouter() {
    assertThat(ping(LAB.lab().topology().routerNamespace(), AddressPlan.nodeSecondV4(1)).succeeded()).isFalse();
  }
}
