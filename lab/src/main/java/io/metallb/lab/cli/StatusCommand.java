package io.metallb.lab.cli;

import io.metallb.lab.Janitor;
import io.metallb.lab.RunRecord;
import io.metallb.lab.RunRegistry;
import io.metallb.lab.net.RunId;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code metallb lab status}: lists lab runs on this host and whether their parts are alive. */
@Command(name = "status", mixinStandardHelpOptions = true, description = "Show the labs on this machine.")
public final class StatusCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    RunRegistry registry = RunRegistry.standard();
    var runs = new Janitor(registry).knownRuns();
    if (runs.isEmpty()) {
      System.out.println("no lab is up");
      return 0;
    }
    for (RunId run : runs) {
      var record = registry.find(run);
      List<String> present = Janitor.leftovers(run, record.map(RunRecord::processes).orElse(List.of()));
      System.out.println("lab " + run + record.map(r -> (r.detached() ? " (up, detached)" : " (owned by pid "
          + r.ownerPid() + (r.ownerAlive() ? ")" : ", dead: an orphan, `metallb lab clean` removes it)"))
          + "\n  run directory " + r.runDir()
          + r.kubeconfig().map(k -> "\n  kubeconfig " + k).orElse("")).orElse(" (no record: an orphan)"));
      present.forEach(p -> System.out.println("  " + p));
    }
    return 0;
  }
}
