package io.metallb.lab.net;

import io.metallb.lab.process.Commands;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * Glue over {@code ip netns} and {@code ip link} for the host: list, create, empty and delete
 * namespaces, list host links. Every call blocks on a short {@code ip} command.
 */
public final class Namespaces {
  private static final Duration KILL_GRACE = Duration.ofSeconds(2);

  private Namespaces() {}

  /** The names of all network namespaces on the host. */
  public static List<String> list() {
    return parseNetnsList(Commands.check("ip", "netns", "list"));
  }

  /** Parses {@code ip netns list} output ("name" or "name (id: N)" per line). */
  public static List<String> parseNetnsList(String output) {
    return output.lines().map(String::strip).filter(l -> !l.isEmpty()).map(l -> l.split("\\s+")[0]).toList();
  }

  /** The names of all links in the caller's namespace. */
  public static List<String> hostLinks() {
    return parseLinkNames(Commands.check("ip", "-o", "link", "show"));
  }

  /** Parses {@code ip -o link show} output into link names (without the {@code @peer} suffix). */
  public static List<String> parseLinkNames(String output) {
    return output.lines()
        .map(l -> l.split(":\\s+", 3))
        .filter(parts -> parts.length >= 2)
        .map(parts -> parts[1].split("@")[0])
        .toList();
  }

  /**
   * Creates namespace {@code name} with its loopback up and IPv6 duplicate address detection off,
   * so that addresses (link-local ones included) are usable at once.
   */
  public static void add(String name) {
    Commands.check("ip", "netns", "add", name);
    Commands.check("ip", "-n", name, "link", "set", "lo", "up");
    Commands.checkIn(name, "sysctl", "-q", "-w", "net.ipv6.conf.all.accept_dad=0",
        "net.ipv6.conf.default.accept_dad=0");
  }

  /** The pids of the processes in namespace {@code name} (empty if it does not exist). */
  public static List<Long> pids(String name) {
    var result = Commands.run("ip", "netns", "pids", name);
    if (!result.succeeded()) {
      return List.of();
    }
    return Arrays.stream(result.stdout().split("\\s+")).filter(s -> !s.isBlank()).map(Long::parseLong).toList();
  }

  /**
   * Stops every process in namespace {@code name} (all were started by the lab, since the lab made
   * the namespace): SIGTERM, SIGCONT, then SIGKILL after a grace period. Blocks until they are gone.
   */
  public static void killProcesses(String name) {
    List<Long> pids = pids(name);
    if (pids.isEmpty()) {
      return;
    }
    for (long pid : pids) {
      ProcessHandle.of(pid).ifPresent(ProcessHandle::destroy);
      Commands.run("kill", "-s", "CONT", Long.toString(pid));
    }
    long deadline = System.nanoTime() + KILL_GRACE.toNanos();
    while (System.nanoTime() < deadline && pids.stream().anyMatch(Namespaces::alive)) {
      sleep();
    }
    for (long pid : pids) {
      ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
    }
    long killDeadline = System.nanoTime() + KILL_GRACE.toNanos();
    while (System.nanoTime() < killDeadline && pids.stream().anyMatch(Namespaces::alive)) {
      sleep();
    }
  }

  /** Kills its processes, then deletes namespace {@code name}; does nothing if it does not exist. */
  public static void delete(String name) {
    if (!list().contains(name)) {
      return;
    }
    killProcesses(name);
    Commands.run("ip", "netns", "del", name);
  }

  /** Deletes host link {@code name} (its veth peer goes with it); does nothing if absent. */
  public static void deleteHostLink(String name) {
    if (hostLinks().contains(name)) {
      Commands.run("ip", "link", "del", name);
    }
  }

  /** The MAC address of {@code device} in {@code namespace}, lower case. */
  public static String mac(String namespace, String device) {
    String out = Commands.checkIn(namespace, "cat", "/sys/class/net/" + device + "/address");
    return out.strip().toLowerCase(java.util.Locale.ROOT);
  }

  private static boolean alive(long pid) {
    return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
  }

  private static void sleep() {
    try {
      Thread.sleep(50);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
