package io.metallb.lab.l2;

import static org.assertj.core.api.Assertions.assertThat;

import io.metallb.lab.Lab;
import io.metallb.lab.LabPreconditions.Tool;
import io.metallb.lab.junit.LabExtension;
import io.metallb.lab.net.AddressPlan;
import io.metallb.lab.net.Namespaces;
import io.metallb.lab.net.TopologySpec;
import io.metallb.lab.process.Await;
import io.metallb.lab.process.Commands;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class L2ClientsE2E {
  @RegisterExtension
  static final LabExtension LAB = LabExtension.of(TopologySpec.dualStack(2), Tool.ARPING, Tool.NDISC6, Tool.TCPDUMP);

  private static L2Client client() {
    return new L2Client(LAB.lab().topology().clientNamespace(), "eth0");
  }

  private static String node1Mac() {
    return Namespaces.mac(LAB.lab().topology().nodeNamespace(1), "eth0");
  }

  @Test
  void arpingReturnsTheMacOfTheNamespaceOwningTheAddress() {
    assertThat(client().arping(AddressPlan.nodeV4(1))).hasValue(node1Mac());
  }

  @Test
  void arpingForAnUnownedAddressReturnsNothing() {
    assertThat(client().arping("198.51.100.99")).isEmpty();
  }

  @Test
  void ndisc6ReturnsTheMacOfTheNamespaceOwningTheAddress() {
    assertThat(client().ndisc6(AddressPlan.nodeV6(1))).hasValue(node1Mac());
  }

  @Test
  void captureReadsBackArpAndNdpExchangesAndTheNeighbourTableHoldsTheMac() {
    Lab lab = LAB.lab();
    L2Client client = client();
    client.flushNeighbours();
    try (Capture capture = Capture.start(lab, lab.topology().clientNamespace(), "eth0", "client")) {
      client.arping(AddressPlan.nodeV4(1));
      client.ndisc6(AddressPlan.nodeV6(1));
      List<L2Packet> packets = Await.value("ARP reply and NA in the capture", Duration.ofSeconds(10), () -> {
        List<L2Packet> seen = capture.packets();
        boolean arp = seen.stream().anyMatch(p -> p instanceof ArpPacket a && a.operation() == ArpPacket.REPLY);
        boolean na = seen.stream().anyMatch(p -> p instanceof NdpPacket n && n.kind() == NdpPacket.Kind.ADVERTISEMENT);
        return arp && na ? java.util.Optional.of(seen) : java.util.Optional.empty();
      });
      ArpPacket reply = packets.stream().filter(p -> p instanceof ArpPacket a && a.operation() == ArpPacket.REPLY)
          .map(ArpPacket.class::cast).findFirst().orElseThrow();
      assertThat(reply.senderIp()).isEqualTo(AddressPlan.nodeV4(1));
      assertThat(reply.senderMac()).isEqualTo(node1Mac());
      NdpPacket advertisement = packets.stream()
          .filter(p -> p instanceof NdpPacket n && n.kind() == NdpPacket.Kind.ADVERTISEMENT)
          .map(NdpPacket.class::cast).findFirst().orElseThrow();
      assertThat(advertisement.target()).isEqualTo(AddressPlan.nodeV6(1));
      assertThat(advertisement.linkLayerAddress()).hasValue(node1Mac());
      assertThat(advertisement.solicited()).isTrue();
      assertThat(packets).anyMatch(p -> p instanceof NdpPacket n && n.kind() == NdpPacket.Kind.SOLICITATION);
      assertThat(packets.getFirst().timestamp()).isBeforeOrEqualTo(packets.getLast().timestamp());
    }
    Commands.runIn(lab.topology().clientNamespace(), "ping", "-c", "1", "-W", "2", AddressPlan.nodeV4(2));
    assertThat(client.neighbours()).anyMatch(e -> e.address().equals(AddressPlan.nodeV4(2))
        && e.mac().equals(java.util.Optional.of(Namespaces.mac(lab.topology().nodeNamespace(2), "eth0"))));
  }
}
