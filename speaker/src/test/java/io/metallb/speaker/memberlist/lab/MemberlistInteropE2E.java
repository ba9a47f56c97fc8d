package io.metallb.speaker.memberlist.lab;

import static org.assertj.core.api.Assertions.assertThat;

import io.metallb.lab.LabPreconditions.Tool;
import io.metallb.lab.junit.LabExtension;
import io.metallb.lab.memberlist.MemberlistAgent;
import io.metallb.lab.net.TopologySpec;
import io.metallb.lab.process.Await;
import io.metallb.speaker.memberlist.lab.LabMember.Kind;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Our memberlist beside hashicorp/memberlist 0.2.2 (the lab's Go agent), each in its own lab node
 * namespace, LAN defaults, key derived from a MetalLB secret on both sides.
 */
class MemberlistInteropE2E {
  @RegisterExtension
  static final LabExtension LAB = LabExtension.of(TopologySpec.dualStack(4), Tool.GO, Tool.MEMBERLIST_SOURCE);

  private static final String SECRET = "metallb-lab";
  private static final Duration CONVERGE = Duration.ofSeconds(15);
  private static final Duration DETECT = Duration.ofSeconds(30);
  private static Path goAgent;

  @BeforeAll
  static void build() {
    goAgent = MemberlistAgent.buildDefault();
  }

  private static LabMember start(Kind kind, int index, List<Integer> join, String... extra) {
    return LabMember.start(LAB.lab(), goAgent, kind, index, SECRET, join, List.of(extra));
  }

  @Test
  void aGoAgentJoinsJavaNodesAndTheJavaNodesSeeItsDeathAfterSigkill() {
    try (LabMember j1 = start(Kind.JAVA, 1, List.of());
        LabMember j2 = start(Kind.JAVA, 2, List.of(1));
        LabMember g3 = start(Kind.GO, 3, List.of(1))) {
      Set<String> all = Set.of("node1", "node2", "node3");
      for (LabMember m : List.of(j1, j2, g3)) {
        m.awaitMembers(all, CONVERGE);
      }
      g3.process().kill();
      for (LabMember m : List.of(j1, j2)) {
        m.awaitMembers(Set.of("node1", "node2"), DETECT);
        assertThat(m.leaveStateOf("node3")).contains("DEAD");
      }
    }
  }

  @Test
  void aJavaNodeJoinsGoAgentsAndTheGoAgentsSeeItsDeathAfterSigkill() {
    try (LabMember g1 = start(Kind.GO, 1, List.of());
        LabMember g2 = start(Kind.GO, 2, List.of(1));
        LabMember j3 = start(Kind.JAVA, 3, List.of(2))) {
      Set<String> all = Set.of("node1", "node2", "node3");
      for (LabMember m : List.of(g1, g2, j3)) {
        m.awaitMembers(all, CONVERGE);
      }
      j3.process().kill();
      for (LabMember m : List.of(g1, g2)) {
        m.awaitMembers(Set.of("node1", "node2"), DETECT);
      }
    }
  }

  @Test
  void aGracefulStopIsSeenAsALeaveOnBothSides() {
    try (LabMember g1 = start(Kind.GO, 1, List.of(), "-leave-on-term");
        LabMember j2 = start(Kind.JAVA, 2, List.of(1), "-leave-on-term");
        LabMember j3 = start(Kind.JAVA, 3, List.of(1));
        LabMember g4 = start(Kind.GO, 4, List.of(3))) {
      Set<String> all = Set.of("node1", "node2", "node3", "node4");
      for (LabMember m : List.of(g1, j2, j3, g4)) {
        m.awaitMembers(all, CONVERGE);
      }
      long stoppedAt = System.currentTimeMillis();
      j2.stop();
      for (LabMember m : List.of(g1, j3, g4)) {
        m.awaitMembers(Set.of("node1", "node3", "node4"), Duration.ofSeconds(3));
        assertThat(m.leaveOf("node2").orElseThrow().timestamp().toEpochMilli() - stoppedAt)
            .as("%s saw node2 leave quickly, not through failure detection", m.name()).isLessThan(2500);
      }
      assertThat(j3.leaveStateOf("node2")).contains("LEFT");
      g1.stop();
      j3.awaitMembers(Set.of("node3", "node4"), Duration.ofSeconds(3));
      assertThat(j3.leaveStateOf("node1")).contains("LEFT");
    }
  }

  @Test
  void theSameSecretMakesOneClusterAndAnotherSecretIsRefusedAndCounted() {
    try (LabMember j1 = start(Kind.JAVA, 1, List.of());
        LabMember g2 = start(Kind.GO, 2, List.of(1))) {
      j1.awaitMembers(Set.of("node1", "node2"), CONVERGE);
      g2.awaitMembers(Set.of("node1", "node2"), CONVERGE);
      try (LabMember strangerGo = LabMember.start(LAB.lab(), goAgent, Kind.GO, 3, "other", List.of(1), List.of());
          LabMember strangerJava = LabMember.start(LAB.lab(), goAgent, Kind.JAVA, 4, "other", List.of(2),
              List.of())) {
        assertThat(strangerGo.joinError()).hasValueSatisfying(
            e -> assertThat(e).contains("No installed keys could decrypt the message"));
        assertThat(strangerJava.joinError()).isPresent();
        Await.until("the refused streams to be counted", Duration.ofSeconds(5), () -> j1.dropCount() > 0);
        assertThat(strangerJava.members()).containsExactly("node4");
        assertThat(strangerGo.members()).containsExactly("node3");
        assertThat(j1.members()).containsExactlyInAnyOrder("node1", "node2");
        assertThat(g2.members()).containsExactlyInAnyOrder("node1", "node2");
        for (LabMember m : List.of(j1, g2, strangerGo, strangerJava)) {
          assertThat(m.process().isAlive()).as("%s still runs", m.name()).isTrue();
        }
      }
    }
  }
}
