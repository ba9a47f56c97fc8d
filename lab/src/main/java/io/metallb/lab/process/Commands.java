package io.metallb.lab.process;

import io.metallb.lab.LabException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs short-lived commands to completion, in the caller's network namespace or in a named one.
 *
 * <p>Every method blocks until the command exits or its timeout passes; on timeout the command is
 * killed (SIGKILL) and a {@link LabException} is thrown. Thread-safe.
 */
public final class Commands {
  /** The timeout used by the methods that take none. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

  private Commands() {}

  /** Runs {@code command} with {@link #DEFAULT_TIMEOUT}; never throws on a non-zero exit. */
  public static CommandResult run(String... command) {
    return run(DEFAULT_TIMEOUT, List.of(command));
  }

  /** Runs {@code command}, throwing {@link LabException} on a non-zero exit. Returns stdout. */
  public static String check(String... command) {
    return run(command).orThrow().stdout();
  }

  /** Runs {@code command} inside namespace {@code namespace} with {@link #DEFAULT_TIMEOUT}. */
  public static CommandResult runIn(String namespace, String... command) {
    return run(DEFAULT_TIMEOUT, inNamespace(namespace, List.of(command)));
  }

  /** Runs {@code command} inside {@code namespace}; throws on a non-zero exit. Returns stdout. */
  public static String checkIn(String namespace, String... command) {
    return runIn(namespace, command).orThrow().stdout();
  }

  /** The argument vector that runs {@code command} inside {@code namespace} via {@code ip netns exec}. */
  public static List<String> inNamespace(String namespace, List<String> command) {
    List<String> argv = new ArrayList<>(List.of("ip", "netns", "exec", namespace));
    argv.addAll(command);
    return argv;
  }

  /**
   * Runs {@code command}, standard input from /dev/null, and waits at most {@code timeout}.
   *
   * @throws LabException if the command cannot be started or does not finish in time
   */
  public static CommandResult run(Duration timeout, List<String> command) {
    ProcessBuilder builder = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(
        new java.io.File("/dev/null")));
    Process process;
    try {
      process = builder.start();
    } catch (IOException e) {
      throw new LabException("cannot start " + String.join(" ", command) + ": " + e.getMessage(), e);
    }
    CompletableFuture<String> stdout = readAsync(process.getInputStream());
    CompletableFuture<String> stderr = readAsync(process.getErrorStream());
    try {
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        process.waitFor();
        throw new LabException(
            "command did not finish within " + timeout + ": " + String.join(" ", command)
                + "\nstdout: " + stdout.join() + "\nstderr: " + stderr.join());
      }
      return new CommandResult(command, process.exitValue(), stdout.join(), stderr.join());
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new LabException("interrupted while running " + String.join(" ", command), e);
    }
  }

  private static CompletableFuture<String> readAsync(InputStream stream) {
    CompletableFuture<String> result = new CompletableFuture<>();
    Thread.ofVirtual().start(() -> {
      try (stream) {
        result.complete(new String(stream.readAllBytes(), StandardCharsets.UTF_8));
      } catch (IOException e) {
        result.completeExceptionally(new UncheckedIOException(e));
      }
    });
    return result;
  }
}
