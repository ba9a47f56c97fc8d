package io.metallb.lab;

import io.metallb.lab.net.Namespaces;
import io.metallb.lab.net.RunId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Finds and removes what lab runs left on the host: namespaces and host links named
 * {@code mlbXXXXXX-*}, and the processes recorded in the {@link RunRegistry}.
 *
 * <p>Processes are killed by pid only: those inside the run's namespaces (which only the lab
 * creates) and those recorded with a matching start time. Blocks on {@code ip} commands.
 */
public final class Janitor {
  private final RunRegistry registry;

  /** A janitor using {@code registry} to find recorded processes and live owners. */
  public Janitor(RunRegistry registry) {
    this.registry = registry;
  }

  /** Every run id with a namespace, host link or record on this host. */
  public Set<RunId> knownRuns() {
    Set<RunId> runs = new TreeSet<>(java.util.Comparator.comparing(RunId::value));
    Namespaces.list().forEach(ns -> RunId.owner(ns).ifPresent(runs::add));
    Namespaces.hostLinks().forEach(link -> RunId.owner(link).ifPresent(runs::add));
    registry.list().forEach(r -> runs.add(r.run()));
    return runs;
  }

  /**
   * Removes runs. With {@code includeLive} false, only orphans go: runs without a record, or whose
   * owner died without detaching. With true, every run goes ({@code lab clean}).
   *
   * @return one line per removed run
   */
  public List<String> clean(boolean includeLive) {
    List<String> removed = new ArrayList<>();
    for (RunId run : knownRuns()) {
      Optional<RunRecord> record = registry.find(run);
      boolean live = record.map(r -> r.detached() || r.ownerAlive()).orElse(false);
      if (includeLive || !live) {
        remove(run);
        removed.add("removed lab run " + run + record.map(r -> " (" + r.runDir() + ")").orElse(""));
      }
    }
    return removed;
  }

  /** Removes everything of {@code run}: recorded processes, namespaces, host links, record. */
  public void remove(RunId run) {
    registry.find(run).ifPresent(r -> r.processes().stream()
        .filter(RunRecord.ProcessRef::isAlive)
        .forEach(p -> ProcessHandle.of(p.pid()).ifPresent(Janitor::terminate)));
    for (String ns : Namespaces.list()) {
      if (RunId.owner(ns).filter(run::equals).isPresent()) {
        Namespaces.delete(ns);
      }
    }
    for (String link : Namespaces.hostLinks()) {
      if (RunId.owner(link).filter(run::equals).isPresent()) {
        Namespaces.deleteHostLink(link);
      }
    }
    registry.remove(run);
  }

  /**
   * What remains of {@code run}: namespaces, host links and live recorded processes, one line each.
   * Empty after a complete teardown.
   */
  public static List<String> leftovers(RunId run, List<RunRecord.ProcessRef> processes) {
    List<String> left = new ArrayList<>();
    Namespaces.list().stream().filter(ns -> RunId.owner(ns).filter(run::equals).isPresent())
        .forEach(ns -> left.add("namespace " + ns));
    Namespaces.hostLinks().stream().filter(l -> RunId.owner(l).filter(run::equals).isPresent())
        .forEach(l -> left.add("host link " + l));
    processes.stream().filter(RunRecord.ProcessRef::isAlive)
        .forEach(p -> left.add("process " + p.name() + " pid " + p.pid()));
    return left;
  }

  private static void terminate(ProcessHandle handle) {
    handle.destroy();
    try {
      handle.onExit().get(3, java.util.concurrent.TimeUnit.SECONDS);
    } catch (java.util.concurrent.TimeoutException e) {
      handle.destroyForcibly();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (java.util.concurrent.ExecutionException e) {
      throw new LabException("waiting for pid " + handle.pid(), e);
    }
  }
}
