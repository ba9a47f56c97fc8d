package io.metallb.lab.cli;

import io.metallb.lab.Janitor;
import io.metallb.lab.RunRecord;
import io.metallb.lab.RunRegistry;
import io.metallb.lab.net.RunId;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code metallb lab down [RUN]}: takes down the lab left up by {@code lab up}. */
@Command(name = "down", mixinStandardHelpOptions = true,
    description = "Take down the lab left running by `lab up` (or the run named).")
public final class DownCommand implements Callable<Integer> {
  @Parameters(arity = "0..1", paramLabel = "RUN", description = "Run id (mlbXXXXXX); default: the detached lab.")
  Optional<String> runId = Optional.empty();

  @Override
  public Integer call() {
    RunRegistry registry = RunRegistry.standard();
    List<RunRecord> targets = runId.map(id -> registry.find(new RunId(id)).stream().toList())
        .orElseGet(() -> registry.list().stream().filter(RunRecord::detached).toList());
    if (targets.isEmpty()) {
      System.out.println("no lab to take down" + runId.map(id -> " named " + id).orElse("")
          + " (`metallb lab clean` removes leftovers)");
      return runId.isPresent() ? 1 : 0;
    }
    int status = 0;
    for (RunRecord record : targets) {
      new Janitor(registry).remove(record.run());
      List<String> left = Janitor.leftovers(record.run(), record.processes());
      if (left.isEmpty()) {
        System.out.println("lab " + record.run() + " is down (logs kept in " + record.runDir() + ")");
      } else {
        System.out.println("lab " + record.run() + " left behind: " + String.join(", ", left));
        status = 1;
      }
    }
    return status;
  }
}
