package io.metallb.lab;

import io.metallb.lab.net.RunId;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

/**
 * What a later process needs to find and remove a lab run: its id, run directory, owner process,
 * whether it was left running on purpose, and the processes it started outside its namespaces.
 *
 * @param run the run id
 * @param runDir the directory with logs and configs
 * @param ownerPid the JVM that created the run
 * @param ownerStartedAt that JVM's start time (to tell a recycled pid apart)
 * @param detached true when the owner exits on purpose and leaves the lab up ({@code lab up})
 * @param nodes how many node namespaces
 * @param kubeconfig the API server's kubeconfig, if one runs
 * @param processes processes started by the run, each as pid and start time
 */
public record RunRecord(
    RunId run,
    Path runDir,
    long ownerPid,
    Instant ownerStartedAt,
    boolean detached,
    int nodes,
    Optional<Path> kubeconfig,
    List<ProcessRef> processes) {

  /**
   * A process the run started.
   *
   * @param pid the process id
   * @param startedAt its start time as the kernel reported it
   * @param name the name it was started under
   */
  public record ProcessRef(long pid, Instant startedAt, String name) {
    /** True if a process with this pid and start time still runs. */
    public boolean isAlive() {
      return ProcessHandle.of(pid)
          .filter(ProcessHandle::isAlive)
          .flatMap(h -> h.info().startInstant())
          .map(startedAt::equals)
          .orElse(false);
    }
  }

  /** Copies the list. */
  public RunRecord {
    processes = List.copyOf(processes);
  }

  /** A copy with {@code process} added. */
  public RunRecord withProcess(ProcessRef process) {
    List<ProcessRef> all = new ArrayList<>(processes);
    all.add(process);
    return new RunRecord(run, runDir, ownerPid, ownerStartedAt, detached, nodes, kubeconfig, all);
  }

  /** A copy with the detached flag set as given. */
  public RunRecord withDetached(boolean value) {
    return new RunRecord(run, runDir, ownerPid, ownerStartedAt, value, nodes, kubeconfig, processes);
  }

  /** A copy with the kubeconfig path set. */
  public RunRecord withKubeconfig(Path path) {
    return new RunRecord(run, runDir, ownerPid, ownerStartedAt, detached, nodes, Optional.of(path), processes);
  }

  /** True if the owner JVM still runs. */
  public boolean ownerAlive() {
    return new ProcessRef(ownerPid, ownerStartedAt, "owner").isAlive();
  }

  /** Renders the record as a properties text. */
  public String toText() {
    Properties p = new Properties();
    p.setProperty("run", run.value());
    p.setProperty("runDir", runDir.toString());
    p.setProperty("ownerPid", Long.toString(ownerPid));
    p.setProperty("ownerStartedAt", ownerStartedAt.toString());
    p.setProperty("detached", Boolean.toString(detached));
    p.setProperty("nodes", Integer.toString(nodes));
    kubeconfig.ifPresent(k -> p.setProperty("kubeconfig", k.toString()));
    p.setProperty("processes", String.join(",", processes.stream()
        .map(r -> r.pid() + "@" + r.startedAt() + "@" + r.name()).toList()));
    StringWriter out = new StringWriter();
    try {
      p.store(out, "metallb lab run");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  /** Parses {@link #toText()} output. */
  public static RunRecord fromText(String text) {
    Properties p = new Properties();
    try {
      p.load(new StringReader(text));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    String processes = p.getProperty("processes", "");
    List<ProcessRef> refs = processes.isBlank() ? List.of() : Arrays.stream(processes.split(","))
        .map(s -> s.split("@", 3))
        .map(f -> new ProcessRef(Long.parseLong(f[0]), Instant.parse(f[1]), f[2]))
        .toList();
    return new RunRecord(
        new RunId(p.getProperty("run")),
        Path.of(p.getProperty("runDir")),
        Long.parseLong(p.getProperty("ownerPid")),
        Instant.parse(p.getProperty("ownerStartedAt")),
        Boolean.parseBoolean(p.getProperty("detached")),
        Integer.parseInt(p.getProperty("nodes", "0")),
        Optional.ofNullable(p.getProperty("kubeconfig")).map(Path::of),
        refs);
  }
}
