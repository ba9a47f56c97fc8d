package io.metallb.lab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.metallb.lab.Janitor;
import io.metallb.lab.LabPreconditions.Tool;
import io.metallb.lab.RunRecord;
import io.metallb.lab.RunRegistry;
import io.metallb.lab.junit.LabAssumptions;
import io.metallb.lab.junit.LabExtension;
import io.metallb.lab.net.Namespaces;
import io.metallb.lab.net.RunId;
import io.metallb.lab.process.CommandResult;
import io.metallb.lab.process.Commands;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@code lab up}, {@code status}, {@code down} as separate JVMs, as a person would run them. */
class LabCommandE2E {
  private static CommandResult lab(String... args) {
    List<String> argv = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), "io.metallb.lab.cli.LabCommand"));
    argv.addAll(List.of(args));
    return Commands.run(Duration.ofMinutes(2), argv);
  }

  @Test
  void upLeavesALabRunningThatStatusShowsAndDownRemoves() {
    LabAssumptions.require(Tool.IP, Tool.SS, Tool.SYSCTL, Tool.FRR_BGPD, Tool.VTYSH, Tool.KUBECTL);
    CommandResult up = lab("up", "--nodes", "2", "--router", "frr", "--ipv6", "--run-root",
        LabExtension.runRoot().toAbsolutePath().toString());
    Optional<RunRecord> record = RunRegistry.standard().list().stream().filter(RunRecord::detached).findFirst();
    try {
      assertThat(up.exitCode()).as(up.stdout() + up.stderr()).isZero();
      assertThat(up.stdout()).contains("kubeconfig", "vtysh", "metallb lab down");
      assertThat(record).isPresent();
      RunId run = record.get().run();
      assertThat(Namespaces.list()).contains(run.name("n1"), run.name("n2"), run.name("rtr"));

      CommandResult status = lab("status");
      assertThat(status.stdout()).contains(run.value(), "detached", "kubeconfig");

      CommandResult kubectl = Commands.run("kubectl", "--kubeconfig", record.get().kubeconfig().orElseThrow().toString(),
          "get", "namespaces");
      assertThat(kubectl.exitCode()).as(kubectl.stderr()).isZero();

      CommandResult down = lab("down");
      assertThat(down.exitCode()).as(down.stdout() + down.stderr()).isZero();
      assertThat(Janitor.leftovers(run, record.get().processes())).isEmpty();
      assertThat(lab("status").stdout()).doesNotContain(run.value());
    } finally {
      record.ifPresent(r -> new Janitor(RunRegistry.standard()).remove(r.run()));
    }
  }
}
