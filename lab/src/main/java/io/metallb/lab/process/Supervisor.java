package io.metallb.lab.process;

import io.metallb.lab.LabException;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Starts long-running processes, each with its output in {@code <logDir>/<name>.log}, and stops
 * them all on {@link #close()}.
 *
 * <p>Thread-safe. {@link #close()} may be called more than once.
 */
public final class Supervisor implements AutoCloseable {
  /** How long {@link #close()} lets each process stop after SIGTERM before SIGKILL. */
  public static final Duration STOP_GRACE = Duration.ofSeconds(3);

  private final Path logDir;
  private final List<SupervisedProcess> processes = new CopyOnWriteArrayList<>();
  private final List<ProcessListener> listeners = new CopyOnWriteArrayList<>();

  /** Receives each process right after it started (e.g. to record its pid in a state file). */
  @FunctionalInterface
  public interface ProcessListener {
    /** Called on the starting thread; must not block. */
    void started(SupervisedProcess process);
  }

  /** Creates a supervisor writing logs to {@code logDir} (created if missing). */
  public Supervisor(Path logDir) {
    this.logDir = logDir;
    try {
      Files.createDirectories(logDir);
    } catch (IOException e) {
      throw new LabException("cannot create log directory " + logDir, e);
    }
  }

  /** Registers a listener for processes started from now on. */
  public void addListener(ProcessListener listener) {
    listeners.add(listener);
  }

  /** The directory that holds the logs. */
  public Path logDir() {
    return logDir;
  }

  /** Starts {@code command} in the caller's namespace. */
  public SupervisedProcess start(String name, List<String> command) {
    return start(name, Optional.empty(), command, Map.of());
  }

  /** Starts {@code command} inside {@code namespace}. */
  public SupervisedProcess startIn(String namespace, String name, List<String> command) {
    return start(name, Optional.of(namespace), command, Map.of());
  }

  /**
   * Starts {@code command}, inside {@code namespace} if present, with extra environment {@code env}
   * and standard input from /dev/null. Returns without waiting for readiness.
   *
   * @param name names the log file; a name used before gets a suffix {@code -2}, {@code -3}, …
   */
  public synchronized SupervisedProcess start(
      String name, Optional<String> namespace, List<String> command, Map<String, String> env) {
    name = uniqueName(name);
    List<String> argv = namespace.map(ns -> Commands.inNamespace(ns, command)).orElse(command);
    Path log = logDir.resolve(name + ".log");
    ProcessBuilder builder = new ProcessBuilder(argv)
        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    builder.environment().putAll(env);
    try {
      SupervisedProcess process = new SupervisedProcess(name, namespace, argv, builder.start(), log);
      processes.add(process);
      listeners.forEach(l -> l.started(process));
      return process;
    } catch (IOException e) {
      throw new LabException("cannot start " + name + ": " + String.join(" ", argv) + ": " + e.getMessage(), e);
    }
  }

  private String uniqueName(String name) {
    String candidate = name;
    for (int i = 2; taken(candidate); i++) {
      candidate = name + "-" + i;
    }
    return candidate;
  }

  private boolean taken(String name) {
    return processes.stream().anyMatch(p -> p.name().equals(name));
  }

  /** The processes started so far, in start order. */
  public List<SupervisedProcess> processes() {
    return List.copyOf(processes);
  }

  /** A report of every process (state, exit code) and the last {@code lines} of each log. */
  public String report(int lines) {
    StringBuilder out = new StringBuilder();
    for (SupervisedProcess p : processes) {
      out.append("==== ").append(p).append(' ')
          .append(p.exitCode().isPresent() ? "exited " + p.exitCode().getAsInt() : "running")
          .append(" log ").append(p.logFile()).append('\n');
      p.lastLogLines(lines).forEach(l -> out.append("  | ").append(l).append('\n'));
    }
    return out.toString();
  }

  /**
   * Stops every process: SIGTERM to all (newest first), then SIGKILL to those still running after
   * {@link #STOP_GRACE}.
   */
  @Override
  public void close() {
    List<SupervisedProcess> newestFirst = new ArrayList<>(processes);
    java.util.Collections.reverse(newestFirst);
    newestFirst.forEach(SupervisedProcess::requestStop);
    newestFirst.forEach(p -> p.stop(STOP_GRACE));
  }
}
