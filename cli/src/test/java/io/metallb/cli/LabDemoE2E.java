package io.metallb.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.metallb.lab.LabPreconditions.Tool;
import io.metallb.lab.junit.LabAssumptions;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code metallb lab demo}, the README's main command, runs end to end and says what happened. */
class LabDemoE2E {
  @Test
  void demoRunsEndToEnd() {
    LabAssumptions.require(Tool.ARPING, Tool.KUBECTL, Tool.FRR_BGPD, Tool.VTYSH);
    StringWriter text = new StringWriter();
    CommandLine cli = Main.commandLine();
    cli.setOut(new PrintWriter(text, true));
    int exit = cli.execute("lab", "demo", "--run-root", Path.of("target", "lab-runs").toAbsolutePath().toString());
    System.out.print(text);
    assertThat(exit).as(text.toString()).isZero();
    assertThat(text.toString())
        .contains("web    LoadBalancer   198.18.0.80   198.51.100.200")
        .contains("api    LoadBalancer   198.18.0.81   203.0.113.10")
        .contains("nexthop via 198.51.100.11").contains("nexthop via 198.51.100.12").contains("nexthop via 198.51.100.13")
        .containsPattern("198\\.51\\.100\\.200 is at [0-9a-f:]{17}: node[123] announces it")
        .containsPattern("after \\d+\\.\\d s the client reaches 198\\.51\\.100\\.200 at [0-9a-f:]{17}: node[123] took over")
        .contains("done; tearing the lab down");
  }
}
