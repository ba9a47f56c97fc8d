package io.metallb.lab.cli;

import ch.qos.logback.classic.Level;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code metallb lab}: bring a lab up for a person to explore, show it, take it down, remove
 * leftovers, or run the lab's API server. Also a main class of its own.
 */
@Command(
    name = "lab",
    mixinStandardHelpOptions = true,
    description = "Network-namespace lab: nodes, a router, a client and an API server on this machine (root only).",
    subcommands = {UpCommand.class, StatusCommand.class, DownCommand.class, CleanCommand.class,
        ApiServerCommand.class})
public final class LabCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  /** Runs {@code lab <args>} and exits with its exit code. */
  public static void main(String[] args) {
    if (LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME) instanceof ch.qos.logback.classic.Logger root) {
      root.setLevel(Level.WARN);
    }
    System.exit(new CommandLine(new LabCommand()).execute(args));
  }
}
