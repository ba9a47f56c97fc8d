package io.metallb.speaker.memberlist.lab;

import static org.assertj.core.api.Assertions.assertThat;

import io.metallb.lab.LabPreconditions.Tool;
import io.metallb.lab.junit.LabExtension;
import io.metallb.lab.memberlist.MemberlistAgent;
import io.metallb.lab.net.TopologySpec;
import io.metallb.speaker.memberlist.lab.LabMember.Kind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The failover figure: time from SIGKILL of one of 3 members to both survivors declaring it dead,
 * for hashicorp/memberlist's Go agent and ours with LAN defaults, and ours with the fast profile,
 * measured in the same run. Prints a table and writes it to {@code target/memberlist-failover.txt}.
 */
class MemberlistFailoverE2E {
  @RegisterExtension
  static final LabExtension LAB = LabExtension.of(TopologySpec.dualStack(3), Tool.GO, Tool.MEMBERLIST_SOURCE);

  private static final int ROUNDS = 3;

  private record Variant(String label, Kind kind, List<String> flags) {}

  @Test
  void killOneOfThreeAndTimeTheSurvivorsVerdict() throws IOException {
    Path goAgent = MemberlistAgent.buildDefault();
    List<Variant> variants = List.of(new Variant("Go memberlist 0.2.2, LAN", Kind.GO, List.of()),
        new Variant("metallb-java, LAN", Kind.JAVA, List.of()),
        new Variant("metallb-java, fast profile", Kind.JAVA, List.of("-profile", "fast")));
    Map<String, List<Long>> results = new LinkedHashMap<>();
    for (int round = 0; round < ROUNDS; round++) {
      for (Variant v : variants) {
        results.computeIfAbsent(v.label(), k -> new ArrayList<>()).add(measure(goAgent, v));
      }
    }
    StringBuilder table = new StringBuilder("memberlist failover, 3 members, SIGKILL of node3 -> both survivors "
        + "declare it dead (ms, per round; median)\n");
    results.forEach((label, times) -> table.append(String.format("%-32s %s  median %d%n", label, times,
        median(times))));
    System.out.print(table);
    Path out = Path.of(Optional.ofNullable(System.getProperty("lab.buildDir")).orElse("target"))
        .resolve("memberlist-failover.txt");
    Files.createDirectories(out.getParent());
    Files.writeString(out, table);
    long go = median(results.get(variants.get(0).label()));
    long javaLan = median(results.get(variants.get(1).label()));
    long fast = median(results.get(variants.get(2).label()));
    assertThat(javaLan).as("LAN defaults behave like Go's (%d ms)", go).isBetween(go - 2500, go + 2500);
    assertThat(fast).as("the fast profile's goal").isLessThan(1000);
  }

  private static long measure(Path goAgent, Variant v) {
    String secret = "metallb-lab";
    try (LabMember a = LabMember.start(LAB.lab(), goAgent, v.kind(), 1, secret, List.of(), v.flags());
        LabMember b = LabMember.start(LAB.lab(), goAgent, v.kind(), 2, secret, List.of(1), v.flags());
        LabMember c = LabMember.start(LAB.lab(), goAgent, v.kind(), 3, secret, List.of(1), v.flags())) {
      Set<String> all = Set.of("node1", "node2", "node3");
      for (LabMember m : List.of(a, b, c)) {
        m.awaitMembers(all, Duration.ofSeconds(15));
      }
      try {
        Thread.sleep(2000); // let probing settle into its round-robin
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      long killedAt = System.currentTimeMillis();
      c.process().kill();
      long slowest = 0;
      for (LabMember survivor : List.of(a, b)) {
        survivor.awaitMembers(Set.of("node1", "node2"), Duration.ofSeconds(30));
        slowest = Math.max(slowest, survivor.leaveOf("node3").orElseThrow().timestamp().toEpochMilli() - killedAt);
      }
      return slowest;
    }
  }

  private static long median(List<Long> values) {
    List<Long> sorted = values.stream().sorted().toList();
    return sorted.get(sorted.size() / 2);
  }
}
