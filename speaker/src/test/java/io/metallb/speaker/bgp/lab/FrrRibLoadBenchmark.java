package io.metallb.speaker.bgp.lab;

import io.metallb.lab.Lab;
import io.metallb.lab.LabPreconditions.Tool;
import io.metallb.lab.bgp.FrrDaemon;
import io.metallb.lab.bgp.GobgpDaemon;
import io.metallb.lab.bgp.Neighbor;
import io.metallb.lab.bgp.RouterConfig;
import io.metallb.lab.junit.LabExtension;
import io.metallb.lab.net.AddressPlan;
import io.metallb.lab.net.TopologySpec;
import io.metallb.lab.process.Await;
import io.metallb.lab.process.Commands;
import io.metallb.lab.process.SupervisedProcess;
import io.metallb.net.Cidr;
import io.metallb.net.IpAddress;
import io.metallb.speaker.bgp.codec.Hex;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * On-demand benchmark (not in the pass/fail run: the name ends in neither IT nor E2E). FRR learns
 * 10,000 /32s from 198.18.0.0/15, alternately from our speaker on node 1 and from GoBGP on node 2
 * (the same prefixes, loaded into gobgpd beforehand from an MRT dump); each time, by bgpd's own
 * log clock (microsecond timestamps, {@code debug bgp neighbor-events} and {@code debug bgp updates
 * in}), from the session going Established to the 10,000th prefix received. Prints the medians and the ratio ours / GoBGP
 * (goal ≤ 1.0), also written to {@code target/lab-runs/frr-rib-load-benchmark.txt}.
 *
 * <p>Run: {@code flock target/mvn.lock ./mvnw -B -o -pl speaker verify -Dtest=none
 * -Dsurefire.failIfNoSpecifiedTests=false -Dit.test=FrrRibLoadBenchmark}
 */
class FrrRibLoadBenchmark {
  @RegisterExtension
  static final LabExtension LAB = LabExtension.of(TopologySpec.dualStack(2), Tool.FRR_BGPD, Tool.VTYSH, Tool.GOBGPD, Tool.GOBGP);

  private static final int PREFIXES = 10_000;
  private static final Duration WAIT = Duration.ofSeconds(120);
  private static final int ROUNDS = 7;
  private static final DateTimeFormatter LOG_TIME = DateTimeFormatter.ofPattern("yyyy/MM/dd HH:mm:ss.SSSSSS");
  private static final Pattern RECEIVED = Pattern.compile("\"acceptedPrefixCounter\":(\\d+)");

  private static List<Cidr> prefixes() {
    return IntStream.range(0, PREFIXES).mapToObj(i -> new Cidr(IpAddress.of("198.18." + (i / 250) + "." + (1 + i % 250)), 32)).toList();
  }

  @Test
  void tenThousandPrefixesIntoFrr() throws Exception {
    Lab lab = LAB.lab();
    RouterConfig router = RouterConfig.of("rtr", 64500, AddressPlan.ROUTER_V4)
        .withNeighbor(Neighbor.of(AddressPlan.nodeV4(1), 64512).asPassive())
        .withNeighbor(Neighbor.of(AddressPlan.nodeV4(2), 64512).asPassive());
    List<Cidr> prefixes = prefixes();
    String service = "service " + prefixes.stream().map(p -> p.network().toString()).collect(Collectors.joining(",")) + "\n";
    Path dump = lab.directory("gobgp-bench").resolve("rib.mrt");
    byte[] rib = MrtRibDump.ipv4(prefixes, IpAddress.of(AddressPlan.nodeV4(2)), 64512, IpAddress.of(AddressPlan.nodeV4(2)));
    // gobgp 3.10's `mrt inject` drops the last few hundred entries of a file (it exits before its
    // stream is flushed), so the dump repeats the table; repeats are the same paths again.
    Files.write(dump, Hex.concat(rib, rib, rib));
    List<Double> ours = new ArrayList<>();
    List<Double> gobgp = new ArrayList<>();
    try (FrrDaemon frr = FrrDaemon.start(lab, lab.topology().routerNamespace(), router);
        GobgpDaemon gobgpd = GobgpDaemon.start(lab, lab.topology().nodeNamespace(2), RouterConfig.of("gbp", 64512, AddressPlan.nodeV4(2)))) {
      logTimings(frr);
      gobgpd.gobgp("mrt", "inject", "global", dump.toString()).orThrow();
      Await.until("gobgpd holds the prefixes", WAIT,
          () -> gobgpd.gobgp("global", "rib", "summary", "-a", "ipv4").stdout().contains("Destination: " + PREFIXES));
      for (int round = 0; round < ROUNDS; round++) {
        String n1 = AddressPlan.nodeV4(1);
        ours.add(measure(lab, frr, n1, () -> LabSpeaker.start(lab, lab.topology().nodeNamespace(1), "n1",
            RouterScenarios.peer4(64512, "") + service, List.of())));
        lab.supervisor().processes().stream().filter(p -> p.name().startsWith("speaker-n1") && p.isAlive())
            .forEach(p -> p.stop(Duration.ofSeconds(5)));
        Await.until("our routes withdrawn", WAIT, () -> received(frr, n1) == 0);
        String n2 = AddressPlan.nodeV4(2);
        gobgp.add(measure(lab, frr, n2, () -> gobgpd.gobgp("neighbor", "add", AddressPlan.ROUTER_V4, "as", "64500").orThrow()));
        gobgpd.gobgp("neighbor", "del", AddressPlan.ROUTER_V4).orThrow();
        Await.until("GoBGP's routes withdrawn", WAIT, () -> received(frr, n2) == 0);
      }
    }
    double oursMedian = median(ours);
    double gobgpMedian = median(gobgp);
    String report = String.format("BENCHMARK %d prefixes into FRR's RIB, %d rounds: ours %s ms (median %.1f), GoBGP %s ms (median %.1f);"
        + " ratio ours/GoBGP %.2f (goal <= 1.0)", PREFIXES, ROUNDS, ours, oursMedian, gobgp, gobgpMedian, oursMedian / gobgpMedian);
    System.out.println(report);
    Files.writeString(LabExtension.runRoot().resolve("frr-rib-load-benchmark.txt"), report + "\n");
  }

  private static double median(List<Double> values) {
    List<Double> sorted = values.stream().sorted().toList();
    return sorted.get(sorted.size() / 2);
  }

  /** Timestamps to the microsecond, neighbour state changes and every received prefix in bgpd's log. */
  private static void logTimings(FrrDaemon frr) {
    vtysh(frr, "configure terminal", "log timestamp precision 6");
    vtysh(frr, "debug bgp neighbor-events", "debug bgp updates in");
  }

  private static void vtysh(FrrDaemon frr, String... commands) {
    List<String> argv = new ArrayList<>(List.of("vtysh", "--vty_socket", frr.directory().toString()));
    for (String c : commands) {
      argv.add("-c");
      argv.add(c);
    }
    Commands.runIn(frr.namespace(), argv.toArray(String[]::new)).orThrow();
  }

  /**
   * Milliseconds, by bgpd's own log clock, from its session with {@code neighbor} going Established
   * to the last of the 10,000 prefixes received from it; {@code trigger} opens the session.
   */
  private static double measure(Lab lab, FrrDaemon frr, String neighbor, Runnable trigger) throws Exception {
    SupervisedProcess bgpd = lab.supervisor().processes().stream()
        .filter(p -> p.name().startsWith("frr-rtr-bgpd") && p.isAlive()).reduce((first, second) -> second).orElseThrow();
    long skip = bgpd.log().lines().count();
    trigger.run();
    Await.until("FRR accepts " + PREFIXES + " prefixes from " + neighbor, WAIT, () -> received(frr, neighbor) >= PREFIXES);
    Pattern established = Pattern.compile("^(\\S+ \\S+) .*" + Pattern.quote(neighbor) + ".*went from OpenConfirm to Established");
    Pattern prefix = Pattern.compile("^(\\S+ \\S+) .*" + Pattern.quote(neighbor) + ".* rcvd 198\\.1[89]\\.\\d+\\.\\d+/32");
    return Await.value("bgpd's log of " + neighbor + "'s prefixes", Duration.ofSeconds(10), () -> {
      LocalDateTime start = null;
      long seen = 0;
      for (String line : bgpd.log().lines().skip(skip).toList()) {
        Matcher m = established.matcher(line);
        if (m.find()) {
          start = LocalDateTime.parse(m.group(1), LOG_TIME);
          seen = 0;
        }
        Matcher p = prefix.matcher(line);
        if (start != null && p.find() && ++seen == PREFIXES) {
          return Optional.of(Duration.between(start, LocalDateTime.parse(p.group(1), LOG_TIME)).toNanos() / 1e6);
        }
      }
      return Optional.empty();
    });
  }

  private static long received(FrrDaemon frr, String neighbor) {
    return count(RECEIVED, frr.vtysh("show bgp neighbors " + neighbor + " json").stdout());
  }

  private static long count(Pattern pattern, String json) {
    Matcher m = pattern.matcher(json);
    return m.find() ? Long.parseLong(m.group(1)) : 0;
  }
}
