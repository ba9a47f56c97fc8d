package io.metallb.lab.cli;

import io.metallb.lab.Janitor;
import io.metallb.lab.RunRegistry;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code metallb lab clean}: removes every lab run's namespaces, links and processes. */
@Command(name = "clean", mixinStandardHelpOptions = true,
    description = "Remove everything any lab run left on this machine (namespaces mlbXXXXXX-*, links, processes).")
public final class CleanCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    var removed = new Janitor(RunRegistry.standard()).clean(true);
    if (removed.isEmpty()) {
      System.out.println("nothing to clean");
    }
    removed.forEach(System.out::println);
    return 0;
  }
}
