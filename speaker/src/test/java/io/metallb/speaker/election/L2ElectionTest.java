package io.metallb.speaker.election;

import static org.assertj.core.api.Assertions.assertThat;

import io.metallb.config.L2Advertisement;
import io.metallb.config.Selector;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

class L2ElectionTest {
  @Test
  void specVector19_1() {
    assertThat(HexFormat.of().formatHex(L2Election.digest("node-a", "192.168.1.240"), 0, 8)).isEqualTo("0905ce28e61d7edb");
    assertThat(HexFormat.of().formatHex(L2Election.digest("node-c", "192.168.1.240"), 0, 8)).isEqualTo("a6530f9db1eb6e43");
    assertThat(HexFormat.of().formatHex(L2Election.digest("node-b", "192.168.1.240"), 0, 8)).isEqualTo("c5db69956edf2871");
    assertThat(L2Election.rank(List.of("node-b", "node-a", "node-c"), "192.168.1.240", Map.of())).containsExactly("node-a", "node-c", "node-b");
    assertThat(L2Election.rank(List.of("node-b", "node-a", "node-c"), "192.168.1.240", Map.of("node-b", 10L))).first().isEqualTo("node-b");
  }

  @Property(tries = 200)
  void everyPermutationElectsTheSameNode(@ForAll @Size(min = 1, max = 8) List<@StringLength(min = 1, max = 6) String> nodes,
      @ForAll @IntRange(min = 0, max = 255) int lastOctet, @ForAll long seed) {
    String ip = "198.51.100." + lastOctet;
    Map<String, Long> prefs = nodes.isEmpty() ? Map.of() : Map.of(nodes.get(0), Math.floorMod(seed, 3L));
    Optional<String> expected = L2Election.winner(nodes, ip, prefs);
    List<String> shuffled = new ArrayList<>(nodes);
    Collections.shuffle(shuffled, new java.util.Random(seed));
    assertThat(L2Election.winner(shuffled, ip, prefs)).isEqualTo(expected);
    Collections.reverse(shuffled);
    assertThat(L2Election.winner(shuffled, ip, prefs)).isEqualTo(expected);
  }

  static L2Advertisement ad(Set<String> nodes, Map<String, Long> preferred, List<Selector> serviceSelectors) {
    return new L2Advertisement("ad", new TreeSet<>(nodes), List.of(), true, serviceSelectors, preferred);
  }

  static L2Decision.Input input(String me, List<L2Advertisement> ads, List<L2Decision.Endpoint> endpoints, boolean local,
      Optional<Set<String>> usable, Map<String, L2Decision.NodeInfo> nodes) {
    return new L2Decision.Input(me, Map.of("app", "web"), false, local, List.of("192.168.1.240"), ads, endpoints, usable, nodes, false);
  }

  static final Map<String, L2Decision.NodeInfo> NODES = Map.of(
      "node-a", new L2Decision.NodeInfo(Map.of(), false),
      "node-b", new L2Decision.NodeInfo(Map.of(), false),
      "node-c", new L2Decision.NodeInfo(Map.of(), false));
  static final List<L2Decision.Endpoint> EVERYWHERE = List.of(new L2Decision.Endpoint("node-b", true, null));

  @Test
  void exactlyOneSpeakerAnnounces() {
    L2Advertisement all = ad(NODES.keySet(), Map.of(), List.of());
    assertThat(NODES.keySet().stream().filter(n -> L2Decision.shouldAnnounce(input(n, List.of(all), EVERYWHERE, false, Optional.empty(), NODES)).announce()))
        .containsExactly("node-a");
    assertThat(L2Decision.shouldAnnounce(input("node-c", List.of(all), EVERYWHERE, false, Optional.empty(), NODES)).reason()).isEqualTo("notOwner");
  }

  @Test
  void candidatesFollowMembershipNodeStateSelectorsAndEndpoints() {
    L2Advertisement all = ad(NODES.keySet(), Map.of(), List.of());
    assertThat(L2Decision.shouldAnnounce(input("node-c", List.of(all), EVERYWHERE, false, Optional.of(Set.of("node-b", "node-c")), NODES)).winner())
        .as("node-a is gone from memberlist: node-c takes over").hasValue("node-c");
    Map<String, L2Decision.NodeInfo> excluded = new java.util.HashMap<>(NODES);
    excluded.put("node-a", new L2Decision.NodeInfo(Map.of(L2Decision.EXCLUDE_LABEL, ""), false));
    assertThat(L2Decision.shouldAnnounce(input("node-c", List.of(all), EVERYWHERE, false, Optional.empty(), excluded)).winner()).hasValue("node-c");
    excluded.put("node-a", new L2Decision.NodeInfo(Map.of(), true));
    assertThat(L2Decision.shouldAnnounce(input("node-c", List.of(all), EVERYWHERE, false, Optional.empty(), excluded)).winner()).hasValue("node-c");
    assertThat(L2Decision.shouldAnnounce(input("node-b", List.of(all), EVERYWHERE, true, Optional.empty(), NODES)).winner())
        .as("ETP Local: only nodes with a ready endpoint").hasValue("node-b");
    assertThat(L2Decision.shouldAnnounce(input("node-a", List.of(all), List.of(new L2Decision.Endpoint("node-a", false, false)), false, Optional.empty(), NODES)).reason())
        .isEqualTo("notOwner");
    assertThat(L2Decision.shouldAnnounce(input("node-a", List.of(all), List.of(new L2Decision.Endpoint("node-a", false, true)), false, Optional.empty(), NODES)).announce())
        .as("a terminating but serving endpoint counts").isTrue();
    L2Advertisement onlyB = ad(Set.of("node-b"), Map.of(), List.of());
    assertThat(L2Decision.shouldAnnounce(input("node-a", List.of(onlyB), EVERYWHERE, false, Optional.empty(), NODES)).reason()).isEqualTo("noMatchingAdvertisement");
    assertThat(L2Decision.shouldAnnounce(input("node-b", List.of(onlyB), EVERYWHERE, false, Optional.empty(), NODES)).announce()).isTrue();
    L2Advertisement preferC = ad(NODES.keySet(), Map.of("node-c", 50L), List.of());
    assertThat(L2Decision.shouldAnnounce(input("node-c", List.of(preferC), EVERYWHERE, false, Optional.empty(), NODES)).announce()).isTrue();
    L2Advertisement selective = ad(NODES.keySet(), Map.of(), List.of(new Selector(Map.of("app", "web"), List.of())));
    var shared = new L2Decision.Input("node-a", Map.of("app", "web"), true, false, List.of("192.168.1.240"), List.of(selective), EVERYWHERE, Optional.empty(), NODES, false);
    assertThat(L2Decision.shouldAnnounce(shared).reason()).isEqualTo("sharedIPWithServiceSelector");
  }
}
