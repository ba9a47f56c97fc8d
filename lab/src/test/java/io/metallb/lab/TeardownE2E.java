package io.metallb.lab;

import static org.assertj.core.api.Assertions.assertThat;

import io.metallb.lab.LabPreconditions.Tool;
import io.metallb.lab.junit.LabAssumptions;
import io.metallb.lab.junit.LabExtension;
import io.metallb.lab.net.Namespaces;
import io.metallb.lab.net.RunId;
import io.metallb.lab.net.TopologySpec;
import io.metallb.lab.process.Commands;
import io.metallb.lab.process.SupervisedProcess;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class TeardownE2E {
  @BeforeAll
  static void preconditions() {
    LabAssumptions.require(Tool.IP, Tool.SS, Tool.SYSCTL);
  }

  @Test
  void closeLeavesNoNamespaceLinkOrProcessOfTheRun() {
    Lab lab = Lab.start(new TopologySpec(2, true, true), LabExtension.runRoot());
    RunId run = lab.run();
    SupervisedProcess inNode = lab.supervisor().startIn(lab.topology().nodeNamespace(1), "sleeper",
        List.of("sleep", "600"));
    SupervisedProcess onHost = lab.supervisor().start("host-sleeper", List.of("sleep", "600"));
    SupervisedProcess frozen = lab.supervisor().startIn(lab.topology().clientNamespace(), "frozen",
        List.of("sleep", "600"));
    frozen.freeze();
    Commands.checkIn(lab.topology().routerNamespace(), "sh", "-c", "sleep 600 >/dev/null 2>&1 &");
    assertThat(Namespaces.list()).contains(lab.topology().nodeNamespace(1));
    assertThat(Janitor.leftovers(run, lab.record().processes())).isNotEmpty();

    lab.close();

    assertThat(Janitor.leftovers(run, lab.record().processes())).isEmpty();
    assertThat(Namespaces.list()).noneMatch(ns -> ns.startsWith(run.value()));
    assertThat(Namespaces.hostLinks()).noneMatch(l -> l.startsWith(run.value()));
    assertThat(inNode.isAlive()).isFalse();
    assertThat(onHost.isAlive()).isFalse();
    assertThat(frozen.isAlive()).isFalse();
    assertThat(RunRegistry.standard().find(run)).isEmpty();
  }

  @Test
  void janitorRemovesOrphansOfDeadRunsButKeepsLiveOnes() {
    RunId orphan = RunId.random();
    Namespaces.add(orphan.name("n1"));
    Commands.checkIn(orphan.name("n1"), "sh", "-c", "sleep 600 >/dev/null 2>&1 &");
    try (Lab live = Lab.start(TopologySpec.dualStack(1), LabExtension.runRoot())) {
      assertThat(Namespaces.list()).doesNotContain(orphan.name("n1"));
      new Janitor(RunRegistry.standard()).clean(false);
      assertThat(Namespaces.list()).contains(live.topology().nodeNamespace(1));
    } finally {
      Namespaces.delete(orphan.name("n1"));
    }
  }

  @Test
  void processSignalsAndExitCodes() {
    try (Lab lab = Lab.start(TopologySpec.dualStack(1), LabExtension.runRoot())) {
      String ns = lab.topology().nodeNamespace(1);
      SupervisedProcess quick = lab.supervisor().startIn(ns, "quick", List.of("sh", "-c", "echo ready; exit 3"));
      assertThat(quick.awaitExit(Duration.ofSeconds(5))).hasValue(3);
      assertThat(quick.log()).contains("ready");

      SupervisedProcess server = lab.supervisor().startIn(ns, "listener",
          List.of("sh", "-c", "echo starting; exec sleep 600"));
      server.awaitLogLine(java.util.regex.Pattern.compile("starting"), Duration.ofSeconds(5));
      server.freeze();
      assertThat(Commands.check("ps", "-o", "stat=", "-p", Long.toString(server.pid())).strip()).startsWith("T");
      server.thaw();
      assertThat(Commands.check("ps", "-o", "stat=", "-p", Long.toString(server.pid())).strip()).doesNotStartWith("T");
      assertThat(server.kill()).isEqualTo(137);
    }
  }
}
