package io.metallb.speaker.memberlist.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.metallb.lab.memberlist.MemberEvent;
import io.metallb.lab.memberlist.MemberlistAgent;
import io.metallb.lab.process.Await;
import io.metallb.lab.process.SupervisedProcess;
import io.metallb.lab.process.Supervisor;
import io.metallb.speaker.memberlist.Memberlist;
import io.metallb.speaker.memberlist.core.Member;
import io.metallb.speaker.memberlist.core.MemberlistConfig;
import io.metallb.speaker.memberlist.wire.DropReason;
import io.metallb.speaker.memberlist.wire.Keyring;
import io.metallb.speaker.memberlist.wire.MemberState;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Wire interop with the real hashicorp/memberlist 0.2.2 (the lab's Go agent) over loopback
 * addresses 127.0.2.x, LAN defaults, encrypted with MetalLB-derived keys: no root needed, so it
 * runs wherever Debian's Go and memberlist sources are installed (skipped otherwise). The lab
 * twin with namespaces is {@code MemberlistInteropE2E}.
 */
class MemberlistGoInteropIT {
  private static final String SECRET = "metallb-lab";
  private static final int PORT = 17946;
  private static Path agent;
  private static Supervisor supervisor;
  private final List<Memberlist> javaMembers = new ArrayList<>();
  private final List<SupervisedProcess> goMembers = new ArrayList<>();

  @BeforeAll
  static void buildAgent() throws Exception {
    Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/go"))
        && Files.exists(Path.of("/usr/share/gocode/src/github.com/hashicorp/memberlist/memberlist.go")),
        "Debian's golang-go and golang-github-hashicorp-memberlist-dev are needed");
    agent = MemberlistAgent.buildDefault();
    Path logs = Path.of(Optional.ofNullable(System.getProperty("lab.buildDir")).orElse("target"))
        .resolve("memberlist-interop-it");
    Files.createDirectories(logs);
    supervisor = new Supervisor(Files.createTempDirectory(logs, "run"));
  }

  @AfterAll
  static void stopSupervisor() {
    if (supervisor != null) {
      supervisor.close();
    }
  }

  @AfterEach
  void stopMembers() {
    javaMembers.forEach(Memberlist::close);
    goMembers.forEach(p -> p.stop(Duration.ofSeconds(3)));
  }

  private static InetSocketAddress address(int host) throws Exception {
    return new InetSocketAddress(InetAddress.getByAddress(new byte[] {127, 0, 2, (byte) host}), PORT);
  }

  private Memberlist java(int host, String secret) throws Exception {
    Memberlist list = Memberlist.start(Memberlist.Options.lan("node" + host, address(host))
        .withConfig(MemberlistConfig.lan()).withKey(Keyring.metallbKey(secret)), null);
    javaMembers.add(list);
    return list;
  }

  private SupervisedProcess go(int host, String secret, Optional<Integer> join, String... extra) {
    List<String> argv = new ArrayList<>(List.of(agent.toString(), "-name", "node" + host, "-bind", "127.0.2." + host,
        "-port", Integer.toString(PORT), "-metallb-secret", secret));
    join.ifPresent(j -> argv.addAll(List.of("-join", "127.0.2." + j + ":" + PORT)));
    argv.addAll(List.of(extra));
    SupervisedProcess p = supervisor.start("mlagent-node" + host, argv);
    goMembers.add(p);
    Await.until("node" + host + " to start", Duration.ofSeconds(10),
        () -> events(p).stream().anyMatch(e -> e.event().equals(join.isPresent() ? "joined" : "started")));
    return p;
  }

  private static List<MemberEvent> events(SupervisedProcess p) {
    try (Stream<String> lines = p.log().lines()) {
      return lines.map(MemberEvent::parse).flatMap(Optional::stream).toList();
    }
  }

  private static Set<String> members(SupervisedProcess p) {
    Set<String> members = new LinkedHashSet<>();
    for (MemberEvent e : events(p)) {
      if (e.event().equals("join")) {
        members.add(e.node());
      } else if (e.event().equals("leave")) {
        members.remove(e.node());
      }
    }
    return members;
  }

  private static Set<String> members(Memberlist list) {
    return list.members().stream().filter(Member::usable).map(Member::name).collect(Collectors.toSet());
  }

  private static Optional<MemberState> stateOf(Memberlist list, String name) {
    return list.members().stream().filter(m -> m.name().equals(name)).map(Member::state).findFirst();
  }

  @Test
  void goJoinsJavaAndJavaJoinsGoThenBothSidesSeeDeathAndLeave() throws Exception {
    Memberlist j1 = java(1, SECRET);
    SupervisedProcess g2 = go(2, SECRET, Optional.of(1));
    Memberlist j3 = java(3, SECRET);
    assertThat(j3.join(List.of(address(2))).get()).isEqualTo(1);
    SupervisedProcess g4 = go(4, SECRET, Optional.of(3), "-leave-on-term");
    Set<String> all = Set.of("node1", "node2", "node3", "node4");
    Await.until("convergence", Duration.ofSeconds(15), () -> members(j1).equals(all) && members(j3).equals(all)
        && members(g2).equals(all) && members(g4).equals(all));

    g2.kill();
    Await.until("the Java members to declare the Go agent dead", Duration.ofSeconds(20),
        () -> stateOf(j1, "node2").equals(Optional.of(MemberState.DEAD))
            && stateOf(j3, "node2").equals(Optional.of(MemberState.DEAD)));
    Await.until("the Go agent to see it too", Duration.ofSeconds(20), () -> !members(g4).contains("node2"));

    long stoppedAt = System.currentTimeMillis();
    g4.stop(Duration.ofSeconds(10));
    Await.until("a graceful Go leave", Duration.ofSeconds(3),
        () -> stateOf(j1, "node4").equals(Optional.of(MemberState.LEFT)));
    assertThat(System.currentTimeMillis() - stoppedAt).isLessThan(3000);
  }

  @Test
  void goSeesAJavaCrashAsDeathAndAJavaLeaveAsLeave() throws Exception {
    SupervisedProcess g1 = go(1, SECRET, Optional.empty());
    Memberlist j2 = java(2, SECRET);
    Memberlist j3 = java(3, SECRET);
    j2.join(List.of(address(1))).get();
    j3.join(List.of(address(1))).get();
    Await.until("convergence", Duration.ofSeconds(15),
        () -> members(g1).equals(Set.of("node1", "node2", "node3")));

    j2.close();
    Await.until("Go to declare the crashed Java member dead", Duration.ofSeconds(20),
        () -> !members(g1).contains("node2"));

    long leavingAt = System.currentTimeMillis();
    assertThat(j3.leave(Duration.ofSeconds(3)).get()).isTrue();
    Await.until("Go to see the Java leave", Duration.ofSeconds(2), () -> !members(g1).contains("node3"));
    long seenAt = events(g1).stream().filter(e -> e.event().equals("leave") && e.node().equals("node3")).findFirst()
        .orElseThrow().timestamp().toEpochMilli();
    assertThat(seenAt - leavingAt).as("a leave, not failure detection").isLessThan(1500);
  }

  @Test
  void anotherSecretMakesNoClusterAndTheFailuresAreCounted() throws Exception {
    Memberlist j1 = java(1, SECRET);
    SupervisedProcess g2 = go(2, SECRET, Optional.of(1));
    SupervisedProcess stranger = go(3, "another secret", Optional.of(1));
    assertThat(events(stranger)).anyMatch(e -> e.event().equals("joined"));
    assertThat(stranger.log()).contains("No installed keys could decrypt the message");
    Memberlist javaStranger = java(4, "another secret");
    assertThat(javaStranger.join(List.of(address(2)))).failsWithin(Duration.ofSeconds(10));
    Await.until("one cluster of two", Duration.ofSeconds(10),
        () -> members(j1).equals(Set.of("node1", "node2")) && members(g2).equals(Set.of("node1", "node2")));
    assertThat(j1.dropCounts().getOrDefault(DropReason.DECRYPT_FAILED, 0L)).isPositive();
    assertThat(members(stranger)).containsExactly("node3");
    assertThat(members(javaStranger)).containsExactly("node4");
    assertThat(g2.isAlive() && stranger.isAlive()).isTrue();
  }
}
