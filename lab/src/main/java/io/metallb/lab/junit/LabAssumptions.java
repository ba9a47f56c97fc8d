package io.metallb.lab.junit;

import io.metallb.lab.LabPreconditions;
import io.metallb.lab.LabPreconditions.Tool;
import java.util.List;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Skips a lab test whose preconditions are unmet, with a message naming what is missing; in CI
 * (environment {@code CI=true}) fails it instead, so that a missing package cannot pass as green.
 */
public final class LabAssumptions {
  private LabAssumptions() {}

  /** True when running in CI ({@code CI=true}). */
  public static boolean inCi() {
    return "true".equalsIgnoreCase(System.getenv("CI"));
  }

  /** Aborts (or, in CI, fails) the current test if root, CAP_NET_ADMIN or a tool is missing. */
  public static void require(Tool... tools) {
    List<String> problems = LabPreconditions.unmet(tools);
    if (problems.isEmpty()) {
      return;
    }
    String message = "lab preconditions unmet:\n  " + String.join("\n  ", problems);
    if (inCi()) {
      Assertions.fail(message + "\n(CI=true: failing instead of skipping)");
    }
    Assumptions.abort(message);
  }
}
