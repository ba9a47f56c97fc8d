package io.metallb.lab.process;

import io.metallb.lab.LabException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * A long-running process the lab started, with its output in one log file.
 *
 * <p>Signals are sent by pid only, and only while the process is the one started (its start time
 * is checked), so a recycled pid is never signalled. Thread-safe.
 */
public final class SupervisedProcess {
  private final String name;
  private final Optional<String> namespace;
  private final List<String> command;
  private final Process process;
  private final Path logFile;
  private final Instant startedAt;

  SupervisedProcess(
      String name, Optional<String> namespace, List<String> command, Process process, Path logFile) {
    this.name = name;
    this.namespace = namespace;
    this.command = List.copyOf(command);
    this.process = process;
    this.logFile = logFile;
    this.startedAt = process.info().startInstant().orElse(Instant.EPOCH);
  }

  /** The name given at start; also the log file's base name. */
  public String name() {
    return name;
  }

  /** The network namespace it runs in, or empty for the caller's namespace. */
  public Optional<String> namespace() {
    return namespace;
  }

  /** The argument vector, including the {@code ip netns exec} prefix if any. */
  public List<String> command() {
    return command;
  }

  /** The operating-system process id. */
  public long pid() {
    return process.pid();
  }

  /** The process start time as the kernel reports it (used to refuse signalling a recycled pid). */
  public Instant startedAt() {
    return startedAt;
  }

  /** The file that receives standard output and standard error. */
  public Path logFile() {
    return logFile;
  }

  /** True while the process runs (a frozen process counts as running). */
  public boolean isAlive() {
    return process.isAlive();
  }

  /** The exit code, or empty while it runs. */
  public OptionalInt exitCode() {
    return process.isAlive() ? OptionalInt.empty() : OptionalInt.of(process.exitValue());
  }

  /** Sends {@code signal} by pid; does nothing if the process has exited. */
  public void signal(Signal signal) {
    if (process.isAlive()) {
      Commands.run("kill", "-s", signal.killName(), Long.toString(pid()));
    }
  }

  /** Sends SIGSTOP. */
  public void freeze() {
    signal(Signal.STOP);
  }

  /** Sends SIGCONT. */
  public void thaw() {
    signal(Signal.CONT);
  }

  /** Sends SIGKILL and waits for the exit; returns the exit code. */
  public int kill() {
    process.destroyForcibly();
    return awaitExit(Duration.ofSeconds(10))
        .orElseThrow(() -> new LabException(name + " (pid " + pid() + ") survived SIGKILL"));
  }

  /**
   * Stops the process: thaws it, sends SIGTERM, waits up to {@code grace}, then SIGKILL.
   *
   * @return the exit code
   */
  public int stop(Duration grace) {
    if (!process.isAlive()) {
      return process.exitValue();
    }
    thaw();
    process.destroy();
    OptionalInt code = awaitExit(grace);
    return code.isPresent() ? code.getAsInt() : kill();
  }

  /** Thaws the process and sends SIGTERM without waiting. */
  public void requestStop() {
    if (process.isAlive()) {
      thaw();
      process.destroy();
    }
  }

  /** Waits at most {@code timeout} for the process to exit; returns its exit code if it did. */
  public OptionalInt awaitExit(Duration timeout) {
    try {
      if (process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        return OptionalInt.of(process.exitValue());
      }
      return OptionalInt.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new LabException("interrupted while waiting for " + name, e);
    }
  }

  /** The whole log so far. */
  public String log() {
    try {
      return Files.exists(logFile) ? Files.readString(logFile, StandardCharsets.UTF_8) : "";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The last {@code count} lines of the log. */
  public List<String> lastLogLines(int count) {
    List<String> lines = log().lines().toList();
    return lines.subList(Math.max(0, lines.size() - count), lines.size());
  }

  /**
   * Blocks until a log line matches {@code pattern}, and returns that line.
   *
   * @throws LabException on timeout, or at once if the process exits first
   */
  public String awaitLogLine(Pattern pattern, Duration timeout) {
    return Await.value(name + " to log a line matching /" + pattern + "/", timeout, () -> {
      Optional<String> line = log().lines().filter(l -> pattern.matcher(l).find()).findFirst();
      if (line.isEmpty() && !process.isAlive()) {
        throw new LabException(name + " exited with " + process.exitValue() + " before logging /" + pattern
            + "/; last lines:\n" + String.join("\n", lastLogLines(20)));
      }
      return line;
    });
  }

  /**
   * Blocks until something listens on TCP {@code port} in this process's namespace.
   *
   * @throws LabException on timeout
   */
  public void awaitTcpListen(int port, Duration timeout) {
    Readiness.awaitTcpListen(namespace, port, timeout, this);
  }

  @Override
  public String toString() {
    return name + "[pid " + pid() + namespace.map(ns -> " in " + ns).orElse("") + "]";
  }
}
