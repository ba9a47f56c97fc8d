package io.metallb.cli;

/** Exit codes of the {@code metallb} commands. */
final class ExitCodes {
  /** Success: the configuration is valid, or the command did its work. */
  static final int OK = 0;
  /** The input was read but is not a valid configuration. */
  static final int INVALID = 1;
  /** The input could not be read (missing file, bad YAML). */
  static final int UNREADABLE = 2;

  private ExitCodes() {}
}
