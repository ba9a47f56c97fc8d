package io.metallb.cli;

import picocli.CommandLine;

/** Entry point of the {@code metallb} command. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs the command line and returns its exit code; for tests. */
  public static int run(String... args) {
    return commandLine().execute(args);
  }

  /** The {@code metallb} command line. */
  static CommandLine commandLine() {
    CommandLine cli = new CommandLine(new MetalLbCommand()).setCaseInsensitiveEnumValuesAllowed(true);
    // `lab demo` needs the controller and speaker, which the lab module does not know.
    cli.getSubcommands().get("lab").addSubcommand("demo", new LabDemoCommand());
    return cli;
  }
}
