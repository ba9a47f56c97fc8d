package io.metallb.speaker.memberlist.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.metallb.speaker.memberlist.core.MemberlistConfig;
import io.metallb.speaker.memberlist.core.SwimMath;
import io.metallb.speaker.memberlist.wire.MemberState;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Deterministic simulations of whole clusters in virtual time. Each case names its seed; to
 * reproduce a failure, rerun with the seed printed in its message.
 */
class MemberlistSimulationIT {
  private static final Duration STEP = Duration.ofMillis(50);

  @ParameterizedTest(name = "{0} nodes, seed {1}")
  @CsvSource({"3, 1", "3, 2", "10, 3", "10, 4", "50, 5"})
  void clustersConverge(int n, long seed) {
    SimulatedCluster cluster = SimulatedCluster.started(seed, MemberlistConfig.lan(), n, n <= 10);
    boolean converged = cluster.scheduler().runUntil(cluster::converged, STEP, Duration.ofSeconds(30));
    assertThat(converged).as("%d nodes converge within 30 s; %s", n, cluster.describe()).isTrue();
    cluster.scheduler().runFor(Duration.ofSeconds(60));
    assertThat(cluster.converged()).as("and stay converged; %s", cluster.describe()).isTrue();
    assertThat(cluster.events()).as("no member left; %s", cluster.describe())
        .noneMatch(e -> e.kind().equals("leave"));
  }

  @ParameterizedTest(name = "{0} profile, {1} nodes, seed {2}")
  @CsvSource({"lan, 3, 11", "lan, 10, 12", "fast, 3, 13", "fast, 10, 14", "lan, 50, 15", "local, 10, 16",
      "wan, 3, 17"})
  void aKilledNodeIsDeclaredDeadWithinTheBound(String profile, int n, long seed) {
    MemberlistConfig config = profile(profile);
    SimulatedCluster cluster = SimulatedCluster.started(seed, config, n, false);
    assertThat(cluster.scheduler().runUntil(cluster::converged, STEP, Duration.ofSeconds(30)))
        .as("converged; %s", cluster.describe()).isTrue();
    cluster.scheduler().runFor(Duration.ofSeconds(5));
    Duration killedAt = cluster.scheduler().elapsed();
    cluster.kill("n2");
    Duration bound = SwimMath.detectionBound(config, n);
    boolean declared = cluster.scheduler().runUntil(() -> cluster.allSeeGone("n2"), Duration.ofMillis(10),
        bound.plusSeconds(1));
    Duration took = cluster.scheduler().elapsed().minus(killedAt);
    assertThat(declared).as("all survivors declare n2 dead; %s", cluster.describe()).isTrue();
    assertThat(took).as("within the bound %s; %s", bound, cluster.describe()).isLessThanOrEqualTo(bound);
    assertThat(cluster.events()).as("only n2 died; %s", cluster.describe())
        .filteredOn(e -> e.kind().equals("leave")).allMatch(e -> e.member().equals("n2")
            && e.state() == MemberState.DEAD);
  }

  @ParameterizedTest(name = "{0} profile, seed {1}")
  @CsvSource({"lan, 21", "fast, 22", "fast, 23"})
  void tenPercentLossCausesNoFalseDeathInTenNodesOverTenMinutes(String profile, long seed) {
    SimulatedCluster cluster = SimulatedCluster.started(seed, profile(profile), 10, false);
    assertThat(cluster.scheduler().runUntil(cluster::converged, STEP, Duration.ofSeconds(30)))
        .as("converged; %s", cluster.describe()).isTrue();
    cluster.addFault(new Fault.Loss(0.10));
    cluster.scheduler().runFor(Duration.ofMinutes(10));
    assertThat(cluster.events()).as("no false death; %s", cluster.describe())
        .noneMatch(e -> e.kind().equals("leave"));
    assertThat(cluster.converged()).as("all alive; %s", cluster.describe()).isTrue();
  }

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {31, 32})
  void aHealedPartitionMerges(long seed) {
    SimulatedCluster cluster = SimulatedCluster.started(seed, MemberlistConfig.lan(), 6, true);
    assertThat(cluster.scheduler().runUntil(cluster::converged, STEP, Duration.ofSeconds(30)))
        .as("converged; %s", cluster.describe()).isTrue();
    Fault partition = new Fault.Partition(Set.of("n1", "n2", "n3"), Set.of("n4", "n5", "n6"));
    cluster.addFault(partition);
    boolean split = cluster.scheduler().runUntil(() -> List.of("n4", "n5", "n6").stream().allMatch(cluster::allSeeGoneFromFirstSide),
        STEP, Duration.ofSeconds(20));
    assertThat(split).as("each side declares the other dead; %s", cluster.describe()).isTrue();
    cluster.removeFault(partition);
    boolean merged = cluster.scheduler().runUntil(cluster::converged, STEP, Duration.ofSeconds(60));
    assertThat(merged).as("the healed partition merges; %s", cluster.describe()).isTrue();
  }

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {41})
  void aLongPartitionMergesThroughThePeriodicRejoin(long seed) {
    SimulatedCluster cluster = SimulatedCluster.started(seed, MemberlistConfig.lan(), 4, false);
    assertThat(cluster.scheduler().runUntil(cluster::converged, STEP, Duration.ofSeconds(30)))
        .as("converged; %s", cluster.describe()).isTrue();
    Fault partition = new Fault.Partition(Set.of("n1", "n2"), Set.of("n3", "n4"));
    cluster.addFault(partition);
    cluster.scheduler().runFor(Duration.ofMinutes(2));
    cluster.removeFault(partition);
    cluster.join("n3", "n1"); // MetalLB's speaker rejoins its peers every minute
    boolean merged = cluster.scheduler().runUntil(cluster::converged, STEP, Duration.ofSeconds(30));
    assertThat(merged).as("merged after the rejoin; %s", cluster.describe()).isTrue();
  }

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {51})
  void aGracefulLeaveIsSeenAsLeft(long seed) {
    SimulatedCluster cluster = SimulatedCluster.started(seed, MemberlistConfig.lan(), 5, true);
    assertThat(cluster.scheduler().runUntil(cluster::converged, STEP, Duration.ofSeconds(30)))
        .as("converged; %s", cluster.describe()).isTrue();
    boolean[] done = {false};
    cluster.node("n3").leave(Duration.ofSeconds(5), ok -> done[0] = ok);
    cluster.scheduler().runUntil(() -> done[0], Duration.ofMillis(10), Duration.ofSeconds(5));
    assertThat(done[0]).as("the leave broadcast went out; %s", cluster.describe()).isTrue();
    cluster.kill("n3");
    assertThat(cluster.scheduler().runUntil(() -> cluster.allSeeGone("n3"), Duration.ofMillis(10),
        Duration.ofSeconds(2))).as("seen gone; %s", cluster.describe()).isTrue();
    assertThat(cluster.events()).as("as left, not dead; %s", cluster.describe())
        .filteredOn(e -> e.kind().equals("leave") && !e.observer().equals("n3"))
        .allMatch(e -> e.member().equals("n3") && e.state() == MemberState.LEFT).hasSize(4);
  }

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {61})
  void aFrozenNodeThatComesBackRefutesItsSuspicion(long seed) {
    SimulatedCluster cluster = SimulatedCluster.started(seed, MemberlistConfig.lan(), 5, false);
    assertThat(cluster.scheduler().runUntil(cluster::converged, STEP, Duration.ofSeconds(30)))
        .as("converged; %s", cluster.describe()).isTrue();
    long before = cluster.node("n1").member("n4").orElseThrow().incarnation();
    Fault freeze = new Fault.Isolate("n4");
    cluster.addFault(freeze);
    cluster.scheduler().runUntil(() -> cluster.node("n1").member("n4").orElseThrow().state() == MemberState.SUSPECT,
        Duration.ofMillis(10), Duration.ofSeconds(10));
    cluster.removeFault(freeze);
    assertThat(cluster.scheduler().runUntil(cluster::converged, STEP, Duration.ofSeconds(10)))
        .as("refuted; %s", cluster.describe()).isTrue();
    assertThat(cluster.node("n1").member("n4").orElseThrow().incarnation()).as(cluster.describe())
        .isGreaterThan(before);
  }

  static MemberlistConfig profile(String name) {
    return switch (name) {
      case "lan" -> MemberlistConfig.lan();
      case "wan" -> MemberlistConfig.wan();
      case "local" -> MemberlistConfig.local();
      case "fast" -> MemberlistConfig.fast();
      default -> throw new IllegalArgumentException(name);
    };
  }
}
