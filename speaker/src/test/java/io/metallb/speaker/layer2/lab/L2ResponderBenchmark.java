package io.metallb.speaker.layer2.lab;

import static org.assertj.core.api.Assertions.assertThat;

import io.metallb.lab.LabPreconditions.Tool;
import io.metallb.lab.junit.LabExtension;
import io.metallb.lab.net.AddressPlan;
import io.metallb.lab.net.TopologySpec;
import io.metallb.lab.process.Await;
import io.metallb.lab.process.SupervisedProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * ARP replies per second and reply latency of our responder (node 1, for 198.51.100.200) against
 * the Linux kernel answering for an address it owns (node 2's own address), same lab, same run,
 * rounds alternating. Writes {@code target/lab-runs/l2-responder-benchmark.txt}. Run with
 * {@code -Dit.test=L2ResponderBenchmark}; not part of the default suite.
 */
class L2ResponderBenchmark {
  @RegisterExtension
  static final LabExtension LAB = LabExtension.of(TopologySpec.dualStack(2), Tool.ARPING);

  static final Pattern RESULT = Pattern.compile("RESULT target=(\\S+) sent=(\\d+) replies=(\\d+) replies_per_sec=(\\d+) p50_us=(-?\\d+) p99_us=(-?\\d+)");
  static final int ROUNDS = 3;
  static final long ROUND_MILLIS = 3000;
  static final int WINDOW = 32;

  record Round(String target, long rate, long p50Micros, long p99Micros) {}

  @Test
  void responderAgainstKernel() throws Exception {
    var lab = LAB.lab();
    String java = ProcessHandle.current().info().command().orElse("java");
    String cp = System.getProperty("java.class.path");
    SupervisedProcess responder = lab.supervisor().startIn(lab.topology().nodeNamespace(1), "l2-responder",
        List.of(java, "--enable-native-access=ALL-UNNAMED", "-cp", cp, L2ResponderMain.class.getName(), "eth0", "198.51.100.200"));
    Await.until("the responder to listen", Duration.ofSeconds(30), () -> String.join("\n", responder.lastLogLines(20)).contains("ready"));
    List<Round> ours = new ArrayList<>();
    List<Round> kernel = new ArrayList<>();
    for (int round = 0; round < ROUNDS; round++) {
      ours.add(run(java, cp, "198.51.100.200", round));
      kernel.add(run(java, cp, AddressPlan.nodeV4(2), round));
    }
    Round oursMedian = median(ours);
    Round kernelMedian = median(kernel);
    double ratio = (double) oursMedian.rate() / kernelMedian.rate();
    String report = String.format(
        "ARP responder benchmark (%d rounds of %d ms, window %d, medians)%nours:   %d replies/s, p50 %d us, p99 %d us%nkernel: %d replies/s, p50 %d us, p99 %d us%nratio (ours/kernel replies per second): %.2f%nall rounds: ours %s kernel %s%n",
        ROUNDS, ROUND_MILLIS, WINDOW, oursMedian.rate(), oursMedian.p50Micros(), oursMedian.p99Micros(), kernelMedian.rate(),
        kernelMedian.p50Micros(), kernelMedian.p99Micros(), ratio, ours, kernel);
    System.out.print(report);
    Path out = Path.of("target", "lab-runs", "l2-responder-benchmark.txt");
    Files.createDirectories(out.getParent());
    Files.writeString(out, report);
    assertThat(oursMedian.rate()).isPositive();
    assertThat(kernelMedian.rate()).isPositive();
  }

  private Round run(String java, String cp, String target, int round) {
    var lab = LAB.lab();
    SupervisedProcess load = lab.supervisor().start("arp-load-" + round, Optional.of(lab.topology().clientNamespace()),
        List.of(java, "--enable-native-access=ALL-UNNAMED", "-cp", cp, ArpLoadMain.class.getName(), "eth0", AddressPlan.CLIENT_V4, target,
            Long.toString(ROUND_MILLIS), Integer.toString(WINDOW)), Map.of());
    Matcher m = Await.value("the load generator's result for " + target, Duration.ofSeconds(60), () -> {
      Matcher found = RESULT.matcher(String.join("\n", load.lastLogLines(20)));
      return found.find() ? Optional.of(found) : Optional.empty();
    });
    return new Round(m.group(1), Long.parseLong(m.group(4)), Long.parseLong(m.group(5)), Long.parseLong(m.group(6)));
  }

  private static Round median(List<Round> rounds) {
    List<Round> sorted = rounds.stream().sorted(Comparator.comparingLong(Round::rate)).toList();
    return sorted.get(sorted.size() / 2);
  }
}
