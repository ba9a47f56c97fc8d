package io.metallb.lab.memberlist;

import static org.assertj.core.api.Assertions.assertThat;

import io.metallb.lab.Lab;
import io.metallb.lab.LabPreconditions.Tool;
import io.metallb.lab.junit.LabExtension;
import io.metallb.lab.net.AddressPlan;
import io.metallb.lab.net.TopologySpec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class MemberlistAgentE2E {
  @RegisterExtension
  static final LabExtension LAB = LabExtension.of(TopologySpec.dualStack(3), Tool.GO, Tool.MEMBERLIST_SOURCE);

  private static Path binary;

  @BeforeAll
  static void build() {
    binary = MemberlistAgent.buildDefault();
  }

  private static MemberlistAgent agent(int node, List<String> join, MemberlistAgent.Encryption encryption) {
    Lab lab = LAB.lab();
    return MemberlistAgent.start(lab, binary, lab.topology().nodeNamespace(node), "node" + node,
        AddressPlan.nodeV4(node), MemberlistAgent.DEFAULT_PORT, join, encryption);
  }

  @Test
  void twoAgentsConvergeAndSeeEachOthersDeathAfterSigkill() {
    var encryption = new MemberlistAgent.Encryption.RawKey(MemberlistKey.fromMetallbSecret("metallb-lab"));
    try (MemberlistAgent first = agent(1, List.of(), encryption);
        MemberlistAgent second = agent(2, List.of(AddressPlan.nodeV4(1) + ":7946"), encryption)) {
      first.awaitMembers(Set.of("node1", "node2"), Duration.ofSeconds(10));
      second.awaitMembers(Set.of("node1", "node2"), Duration.ofSeconds(10));

      second.process().kill();

      first.awaitMembers(Set.of("node1"), Duration.ofSeconds(30));
      assertThat(first.events()).anyMatch(e -> e.event().equals("leave") && e.node().equals("node2"));
    }
  }

  @Test
  void anAgentWithTheSecretDerivesTheSameKeyAsJavaAndOneWithAnotherKeyStaysOut() {
    var derivedInJava = new MemberlistAgent.Encryption.RawKey(MemberlistKey.fromMetallbSecret("s3cr3t"));
    try (MemberlistAgent first = agent(1, List.of(), derivedInJava);
        MemberlistAgent second = agent(2, List.of(AddressPlan.nodeV4(1) + ":7946"),
            new MemberlistAgent.Encryption.MetallbSecret("s3cr3t"));
        MemberlistAgent stranger = agent(3, List.of(AddressPlan.nodeV4(1) + ":7946"),
            new MemberlistAgent.Encryption.MetallbSecret("other"))) {
      first.awaitMembers(Set.of("node1", "node2"), Duration.ofSeconds(10));
      second.awaitMembers(Set.of("node1", "node2"), Duration.ofSeconds(10));
      assertThat(stranger.members()).containsExactly("node3");
      assertThat(stranger.events()).anyMatch(e -> e.event().equals("joined"));
    }
  }
}
