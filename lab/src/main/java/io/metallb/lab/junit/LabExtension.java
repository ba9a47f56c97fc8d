package io.metallb.lab.junit;

import io.metallb.lab.Lab;
import io.metallb.lab.LabPreconditions.Tool;
import io.metallb.lab.net.TopologySpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * A lab per test class: register it in a static field with {@code @RegisterExtension}. Before all
 * tests it checks the preconditions ({@link LabAssumptions}) and starts a {@link Lab}; after all it
 * tears the lab down (failing if anything remains); when a test fails it prints the run directory
 * and the last lines of every process log to standard error.
 *
 * <p>Run directories go under the system property {@code lab.runRoot}, else
 * {@code target/lab-runs}.
 */
public final class LabExtension implements BeforeAllCallback, AfterAllCallback, TestWatcher {
  private final TopologySpec spec;
  private final List<Tool> tools;
  private Lab lab;

  private LabExtension(TopologySpec spec, List<Tool> tools) {
    this.spec = spec;
    List<Tool> all = new ArrayList<>(List.of(Tool.IP, Tool.SS, Tool.SYSCTL));
    all.addAll(tools);
    this.tools = List.copyOf(all);
  }

  /** A lab with topology {@code spec}, needing {@code tools} beyond iproute2. */
  public static LabExtension of(TopologySpec spec, Tool... tools) {
    return new LabExtension(spec, List.of(tools));
  }

  /** The run root for lab run directories. */
  public static Path runRoot() {
    return Path.of(Optional.ofNullable(System.getProperty("lab.runRoot")).orElse("target/lab-runs"));
  }

  /** The running lab; only between before-all and after-all. */
  public Lab lab() {
    if (lab == null) {
      throw new IllegalStateException("the lab runs only between @BeforeAll and @AfterAll");
    }
    return lab;
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    LabAssumptions.require(tools.toArray(Tool[]::new));
    lab = Lab.start(spec, runRoot());
  }

  @Override
  public void afterAll(ExtensionContext context) {
    if (lab != null) {
      Lab closing = lab;
      lab = null;
      closing.close();
    }
  }

  @Override
  public void testFailed(ExtensionContext context, Throwable cause) {
    if (lab != null) {
      System.err.println("---- " + context.getDisplayName() + " failed; " + lab.failureReport());
    }
  }
}
