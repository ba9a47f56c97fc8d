package io.metallb.lab;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * What the lab needs from the host, and a check that names what is missing: root, the
 * CAP_NET_ADMIN capability, and commands with the Debian package that provides each.
 */
public final class LabPreconditions {
  /** Bit of CAP_NET_ADMIN in the capability sets of /proc/self/status (linux/capability.h). */
  static final int CAP_NET_ADMIN = 12;

  /** A command the lab runs, where it lives, and the Debian package that installs it. */
  public enum Tool {
    /** iproute2's {@code ip} (namespaces, links, addresses, neighbours) and {@code ss}. */
    IP("/usr/bin/ip", "iproute2"),
    /** {@code ss}, for port readiness. */
    SS("/usr/bin/ss", "iproute2"),
    /** {@code sysctl}, for per-namespace settings. */
    SYSCTL("/usr/sbin/sysctl", "procps"),
    /** FRR's BGP daemon. */
    FRR_BGPD("/usr/lib/frr/bgpd", "frr"),
    /** FRR's BFD daemon. */
    FRR_BFDD("/usr/lib/frr/bfdd", "frr"),
    /** FRR's shell, for queries. */
    VTYSH("/usr/bin/vtysh", "frr"),
    /** BIRD 2. */
    BIRD("/usr/sbin/bird", "bird2"),
    /** BIRD's client. */
    BIRDC("/usr/sbin/birdc", "bird2"),
    /** GoBGP's daemon. */
    GOBGPD("/usr/bin/gobgpd", "gobgpd"),
    /** GoBGP's client. */
    GOBGP("/usr/bin/gobgp", "gobgpd"),
    /** Debian's Go, to build the memberlist agent. */
    GO("/usr/bin/go", "golang-go"),
    /** hashicorp memberlist sources for GOPATH builds. */
    MEMBERLIST_SOURCE("/usr/share/gocode/src/github.com/hashicorp/memberlist/memberlist.go",
        "golang-github-hashicorp-memberlist-dev"),
    /** iputils' ping, for reachability checks. */
    PING("/usr/bin/ping", "iputils-ping"),
    /** iputils' arping. */
    ARPING("/usr/bin/arping", "iputils-arping"),
    /** ndisc6. */
    NDISC6("/usr/bin/ndisc6", "ndisc6"),
    /** tcpdump. */
    TCPDUMP("/usr/bin/tcpdump", "tcpdump"),
    /** kubectl (preinstalled on the project's machines; Debian's is {@code kubernetes-client}). */
    KUBECTL("/usr/bin/kubectl", "kubernetes-client");

    private final String path;
    private final String debianPackage;

    Tool(String path, String debianPackage) {
      this.path = path;
      this.debianPackage = debianPackage;
    }

    /** The absolute path the lab runs. */
    public String path() {
      return path;
    }

    /** The Debian package that provides it. */
    public String debianPackage() {
      return debianPackage;
    }
  }

  private LabPreconditions() {}

  /**
   * The unmet preconditions, one sentence each naming the fix; empty if all are met.
   *
   * @param procSelfStatus the text of /proc/self/status
   * @param exists whether a path exists (and is executable, for commands)
   */
  public static List<String> unmet(String procSelfStatus, Predicate<Path> exists, List<Tool> tools) {
    List<String> problems = new ArrayList<>();
    if (field(procSelfStatus, "Uid:").map(v -> !v.split("\\s+")[1].equals("0")).orElse(true)) {
      problems.add("not running as root (the lab creates network namespaces): run as root");
    }
    boolean netAdmin = field(procSelfStatus, "CapEff:")
        .map(hex -> (Long.parseUnsignedLong(hex.strip(), 16) & (1L << CAP_NET_ADMIN)) != 0)
        .orElse(false);
    if (!netAdmin) {
      problems.add("no CAP_NET_ADMIN capability: run as root outside a restricted container");
    }
    for (Tool tool : tools) {
      if (!exists.test(Path.of(tool.path()))) {
        problems.add("missing " + tool.path() + ": apt-get install " + tool.debianPackage());
      }
    }
    return problems;
  }

  /** The unmet preconditions of this process and host for {@code tools}. */
  public static List<String> unmet(Tool... tools) {
    String status;
    try {
      status = Files.readString(Path.of("/proc/self/status"));
    } catch (java.io.IOException e) {
      return List.of("cannot read /proc/self/status (the lab needs Linux): " + e.getMessage());
    }
    return unmet(status, Files::exists, Arrays.asList(tools));
  }

  /**
   * Fails fast if a precondition is unmet.
   *
   * @throws LabException naming every missing privilege, command and package
   */
  public static void require(Tool... tools) {
    List<String> problems = unmet(tools);
    if (!problems.isEmpty()) {
      throw new LabException("the lab cannot run here:\n  " + String.join("\n  ", problems));
    }
  }

  private static Optional<String> field(String status, String name) {
    return status.lines().filter(l -> l.startsWith(name)).findFirst().map(l -> l.substring(name.length()).strip());
  }
}
