package io.metallb.lab;

/** A lab operation failed: a command exited non-zero, a wait timed out, or a precondition is unmet. */
public class LabException extends RuntimeException {
  /** Creates an exception with a message that says what failed and what to do about it. */
  public LabException(String message) {
    super(message);
  }

  /** Creates an exception with a message and the underlying cause. */
  public LabException(String message, Throwable cause) {
    super(message, cause);
  }
}
