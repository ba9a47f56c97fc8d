package io.metallb.lab;

import io.metallb.lab.net.RunId;
import io.metallb.lab.net.Topology;
import io.metallb.lab.net.TopologySpec;
import io.metallb.lab.process.SupervisedProcess;
import io.metallb.lab.process.Supervisor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One lab run: a {@link Topology}, a {@link Supervisor} for the processes started in it, a run
 * directory for logs and configs, and a {@link RunRecord} in the {@link RunRegistry}.
 *
 * <p>{@link #close()} tears everything down and checks that nothing remains; it also runs from a
 * shutdown hook on JVM exit and on SIGINT/SIGTERM, unless the lab was {@link #detach() detached}.
 * Starting a lab first removes orphans of earlier runs. Thread-safe for the accessors; start and
 * close from one thread.
 */
public final class Lab implements AutoCloseable {
  private static final int REPORT_LINES = 30;

  private final RunId run;
  private final Path runDir;
  private final RunRegistry registry;
  private final Supervisor supervisor;
  private final AtomicBoolean closed = new AtomicBoolean();
  private final Thread shutdownHook;
  private volatile RunRecord record;
  private volatile Topology topology;

  private Lab(RunId run, Path runDir, RunRegistry registry, RunRecord record) {
    this.run = run;
    this.runDir = runDir;
    this.registry = registry;
    this.record = record;
    this.supervisor = new Supervisor(runDir.resolve("logs"));
    this.supervisor.addListener(this::recordProcess);
    this.shutdownHook = new Thread(this::closeQuietly, "lab-teardown-" + run);
  }

  /**
   * Removes orphans of earlier runs, then builds a topology for {@code spec} with a fresh run id
   * and its run directory under {@code runRoot}.
   *
   * @throws LabException if a precondition or an {@code ip} command fails
   */
  public static Lab start(TopologySpec spec, Path runRoot) {
    return start(spec, runRoot, RunRegistry.standard());
  }

  /** As {@link #start(TopologySpec, Path)}, with an explicit registry. */
  public static Lab start(TopologySpec spec, Path runRoot, RunRegistry registry) {
    LabPreconditions.require(LabPreconditions.Tool.IP);
    new Janitor(registry).clean(false);
    RunId run = RunId.random();
    Path runDir = runRoot.toAbsolutePath().resolve(run.value());
    try {
      Files.createDirectories(runDir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    ProcessHandle self = ProcessHandle.current();
    RunRecord record = new RunRecord(run, runDir, self.pid(),
        self.info().startInstant().orElse(Instant.EPOCH), false, spec.nodes(), java.util.Optional.empty(),
        List.of());
    registry.save(record);
    Lab lab = new Lab(run, runDir, registry, record);
    Runtime.getRuntime().addShutdownHook(lab.shutdownHook);
    try {
      lab.topology = Topology.create(run, spec);
    } catch (RuntimeException e) {
      lab.closeQuietly();
      throw e;
    }
    return lab;
  }

  /** The run id (prefix of every name). */
  public RunId run() {
    return run;
  }

  /** The run directory: logs in {@code logs/}, daemon configs in subdirectories. */
  public Path runDir() {
    return runDir;
  }

  /** The network. */
  public Topology topology() {
    return topology;
  }

  /** The supervisor of this run's processes. */
  public Supervisor supervisor() {
    return supervisor;
  }

  /** A fresh subdirectory of the run directory. */
  public Path directory(String name) {
    try {
      return Files.createDirectories(runDir.resolve(name));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Records the API server's kubeconfig so that later processes can print it. */
  public void recordKubeconfig(Path kubeconfig) {
    record = record.withKubeconfig(kubeconfig);
    registry.save(record);
  }

  /** The run's current record. */
  public RunRecord record() {
    return record;
  }

  /**
   * Leaves the lab running after this JVM exits: removes the shutdown hook and marks the record
   * detached, so that only {@code lab down} or {@code lab clean} removes it.
   */
  public void detach() {
    Runtime.getRuntime().removeShutdownHook(shutdownHook);
    record = record.withDetached(true);
    registry.save(record);
  }

  /** The run directory and the last lines of every process log, for a failing test's output. */
  public String failureReport() {
    return "lab run " + run + " in " + runDir + "\n" + supervisor.report(REPORT_LINES);
  }

  /**
   * Stops all processes, deletes namespaces and links, removes the record, then checks that no
   * namespace, link or process of the run remains.
   *
   * @throws LabException listing what remains, if anything does
   */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException | IllegalArgumentException shuttingDownOrDetached) {
      // the hook is running this very method, or was removed by detach()
    }
    supervisor.close();
    if (topology != null) {
      topology.teardown();
    }
    new Janitor(registry).remove(run);
    List<String> left = Janitor.leftovers(run, record.processes());
    if (!left.isEmpty()) {
      throw new LabException("lab run " + run + " left behind: " + String.join(", ", left));
    }
  }

  private void closeQuietly() {
    try {
      close();
    } catch (RuntimeException e) {
      System.err.println("lab teardown of " + run + " failed: " + e.getMessage());
    }
  }

  private synchronized void recordProcess(SupervisedProcess process) {
    record = record.withProcess(new RunRecord.ProcessRef(process.pid(), process.startedAt(), process.name()));
    registry.save(record);
  }
}
