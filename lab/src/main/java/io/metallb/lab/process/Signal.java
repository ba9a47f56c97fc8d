package io.metallb.lab.process;

/** The POSIX signals the lab sends to the processes it started. */
public enum Signal {
  /** Asks a process to stop gracefully. */
  TERM,
  /** Kills a process; it cannot be caught. */
  KILL,
  /** Freezes a process, as a hung node would be. */
  STOP,
  /** Thaws a process frozen with {@link #STOP}. */
  CONT;

  /** The name {@code kill -s} takes. */
  public String killName() {
    return name();
  }
}
