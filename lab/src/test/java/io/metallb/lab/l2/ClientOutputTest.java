package io.metallb.lab.l2;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class ClientOutputTest {
  @Test
  void readsTheMacThatAnsweredArping() {
    String out = """
        ARPING 198.51.100.11 from 198.51.100.100 eth0
        Unicast reply from 198.51.100.11 [4A:4C:9C:C8:22:F8]  0.560ms
        Sent 1 probes (1 broadcast(s))
        Received 1 response(s)
        """;
    assertThat(ClientOutput.arpingMac(out)).hasValue("4a:4c:9c:c8:22:f8");
  }

  @Test
  void arpingWithoutReplyHasNoMac() {
    assertThat(ClientOutput.arpingMac("ARPING 198.51.100.99 from 198.51.100.100 eth0\nSent 3 probes\nReceived 0 response(s)\n"))
        .isEmpty();
  }

  @Test
  void listsEveryMacThatAnsweredArping() {
    String out = """
        Unicast reply from 198.51.100.200 [02:00:00:00:00:11]  0.5ms
        Unicast reply from 198.51.100.200 [02:00:00:00:00:12]  0.6ms
        Unicast reply from 198.51.100.200 [02:00:00:00:00:11]  0.5ms
        """;
    assertThat(ClientOutput.arpingMacs(out)).containsExactly("02:00:00:00:00:11", "02:00:00:00:00:12");
  }

  @Test
  void readsTheTargetLinkLayerAddressOfNdisc6() {
    String out = """
        Soliciting 2001:db8:100::11 (2001:db8:100::11) on eth0...
        Target link-layer address: 4A:4C:9C:C8:22:F8
         from 2001:db8:100::11
        """;
    assertThat(ClientOutput.ndisc6Mac(out)).hasValue("4a:4c:9c:c8:22:f8");
    assertThat(ClientOutput.ndisc6Mac("Soliciting 2001:db8:100::99 on eth0...\nTimed out.\nNo response.\n")).isEmpty();
  }

  @Test
  void readsNeighbourEntries() {
    String out = """
        198.51.100.11 lladdr 4a:4c:9c:c8:22:f8 REACHABLE
        198.51.100.99 FAILED
        2001:db8:100::11 dev eth0 lladdr 4A:4C:9C:C8:22:F8 router STALE
        """;
    assertThat(ClientOutput.neighbours(out)).containsExactly(
        new NeighbourEntry("198.51.100.11", "", Optional.of("4a:4c:9c:c8:22:f8"), "REACHABLE"),
        new NeighbourEntry("198.51.100.99", "", Optional.empty(), "FAILED"),
        new NeighbourEntry("2001:db8:100::11", "eth0", Optional.of("4a:4c:9c:c8:22:f8"), "STALE"));
  }
}
