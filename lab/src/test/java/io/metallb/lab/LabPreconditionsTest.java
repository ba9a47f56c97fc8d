package io.metallb.lab;

import static org.assertj.core.api.Assertions.assertThat;

import io.metallb.lab.LabPreconditions.Tool;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class LabPreconditionsTest {
  private static final String ROOT = "Name:\tjava\nUid:\t0\t0\t0\t0\nCapEff:\t000001ffffffffff\n";
  private static final String USER = "Name:\tjava\nUid:\t1000\t1000\t1000\t1000\nCapEff:\t0000000000000000\n";

  @Test
  void rootWithEveryToolHasNoUnmetPrecondition() {
    assertThat(LabPreconditions.unmet(ROOT, p -> true, List.of(Tool.values()))).isEmpty();
  }

  @Test
  void namesTheMissingPrivilegeAndCapability() {
    assertThat(LabPreconditions.unmet(USER, p -> true, List.of())).containsExactly(
        "not running as root (the lab creates network namespaces): run as root",
        "no CAP_NET_ADMIN capability: run as root outside a restricted container");
  }

  @Test
  void namesTheDebianPackageOfAMissingCommand() {
    assertThat(LabPreconditions.unmet(ROOT, p -> !p.equals(Path.of("/usr/sbin/bird")), List.of(Tool.BIRD, Tool.IP)))
        .containsExactly("missing /usr/sbin/bird: apt-get install bird2");
  }
}
