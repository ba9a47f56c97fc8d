package io.metallb.speaker.layer2.lab;

import static org.assertj.core.api.Assertions.assertThat;

import io.metallb.lab.LabPreconditions.Tool;
import io.metallb.lab.junit.LabExtension;
import io.metallb.lab.l2.L2Client;
import io.metallb.lab.net.Namespaces;
import io.metallb.lab.net.TopologySpec;
import io.metallb.lab.process.Await;
import io.metallb.lab.process.SupervisedProcess;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The raw-socket responder on a lab node answers ARP and NDP for addresses no interface holds:
 * the client's arping and its kernel's neighbour discovery get the node's MAC.
 */
class L2ResponderE2E {
  @RegisterExtension
  static final LabExtension LAB = LabExtension.of(TopologySpec.dualStack(1), Tool.ARPING);

  @Test
  void clientsGetTheRespondingNodesMac() {
    var lab = LAB.lab();
    String node = lab.topology().nodeNamespace(1);
    SupervisedProcess responder = lab.supervisor().startIn(node, "l2-responder", List.of(
        ProcessHandle.current().info().command().orElse("java"), "--enable-native-access=ALL-UNNAMED",
        "-cp", System.getProperty("java.class.path"), L2ResponderMain.class.getName(), "eth0", "198.51.100.200", "2001:db8:100::200"));
    Await.until("the responder to listen", Duration.ofSeconds(30), () -> {
      if (!responder.isAlive()) {
        throw new AssertionError("responder exited: " + String.join("\n", responder.lastLogLines(30)));
      }
      return String.join("\n", responder.lastLogLines(50)).contains("ready");
    });
    L2Client client = new L2Client(lab.topology().clientNamespace(), "eth0");
    String mac = Namespaces.mac(node, "eth0");
    assertThat(client.arping("198.51.100.200")).hasValue(mac);
    assertThat(client.kernelResolvedMac("2001:db8:100::200")).hasValue(mac);
    assertThat(client.arping("198.51.100.201")).as("not announced: no answer").isEmpty();
  }
}
