package io.metallb.lab.process;

import io.metallb.lab.LabException;
import java.util.List;

/**
 * The outcome of a command run to completion.
 *
 * @param command the argument vector that was run
 * @param exitCode the process exit code
 * @param stdout everything written to standard output
 * @param stderr everything written to standard error
 */
public record CommandResult(List<String> command, int exitCode, String stdout, String stderr) {
  /** Copies the argument vector. */
  public CommandResult {
    command = List.copyOf(command);
  }

  /** True when the exit code is 0. */
  public boolean succeeded() {
    return exitCode == 0;
  }

  /**
   * Returns this result if the command succeeded.
   *
   * @throws LabException naming the command, its exit code and its standard error otherwise
   */
  public CommandResult orThrow() {
    if (!succeeded()) {
      throw new LabException(
          "command failed (exit " + exitCode + "): " + String.join(" ", command) + "\n" + stderr.strip()
              + (stdout.isBlank() ? "" : "\nstdout: " + stdout.strip()));
    }
    return this;
  }
}
