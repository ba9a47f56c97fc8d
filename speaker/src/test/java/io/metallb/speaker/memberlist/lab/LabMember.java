package io.metallb.speaker.memberlist.lab;

import io.metallb.lab.Lab;
import io.metallb.lab.LabException;
import io.metallb.lab.memberlist.MemberEvent;
import io.metallb.lab.memberlist.MemberlistAgent;
import io.metallb.lab.net.AddressPlan;
import io.metallb.lab.process.Await;
import io.metallb.lab.process.SupervisedProcess;
import io.metallb.speaker.memberlist.MemberlistNodeMain;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A memberlist member in a lab node namespace: either the Go agent (hashicorp/memberlist 0.2.2) or
 * our {@link MemberlistNodeMain}; both print the same JSON lines. Stopped with the lab.
 */
final class LabMember implements AutoCloseable {
  enum Kind { GO, JAVA }

  private static final Pattern STATE = Pattern.compile("\"state\":\"(\\w+)\"");
  private static final Pattern COUNT = Pattern.compile("\"event\":\"drops\".*\"count\":(\\d+)");

  private final String name;
  private final Kind kind;
  private final SupervisedProcess process;

  private LabMember(String name, Kind kind, SupervisedProcess process) {
    this.name = name;
    this.kind = kind;
    this.process = process;
  }

  /**
   * Starts member {@code node<index>} of {@code kind} on the node's IPv4 address, port 7946.
   *
   * @param secret MetalLB memberlist secret (key derived the MetalLB way by each side)
   * @param joinIndexes nodes to join
   * @param extra extra flags ({@code -leave-on-term}, {@code -profile fast})
   */
  static LabMember start(Lab lab, Path goAgent, Kind kind, int index, String secret, List<Integer> joinIndexes,
      List<String> extra) {
    String name = "node" + index;
    List<String> argv = new ArrayList<>();
    if (kind == Kind.GO) {
      argv.add(goAgent.toString());
    } else {
      argv.addAll(List.of(ProcessHandle.current().info().command().orElse("java"),
          "--enable-native-access=ALL-UNNAMED", "-Dlogback.configurationFile=" + quietLogback(lab),
          "-cp", System.getProperty("java.class.path"), MemberlistNodeMain.class.getName()));
    }
    argv.addAll(List.of("-name", name, "-bind", AddressPlan.nodeV4(index), "-port",
        Integer.toString(MemberlistAgent.DEFAULT_PORT), "-metallb-secret", secret));
    if (!joinIndexes.isEmpty()) {
      argv.addAll(List.of("-join", String.join(",", joinIndexes.stream()
          .map(i -> AddressPlan.nodeV4(i) + ":" + MemberlistAgent.DEFAULT_PORT).toList())));
    }
    argv.addAll(extra);
    SupervisedProcess process = lab.supervisor().startIn(lab.topology().nodeNamespace(index),
        kind.name().toLowerCase() + "-" + name, argv);
    LabMember member = new LabMember(name, kind, process);
    Await.until(name + " (" + kind + ") to start", Duration.ofSeconds(30), () -> {
      if (!process.isAlive()) {
        throw new LabException(name + " exited: " + String.join("\n", process.lastLogLines(30)));
      }
      return member.events().stream().anyMatch(e -> e.event().equals("joined") || e.event().equals("started")
          && joinIndexes.isEmpty());
    });
    return member;
  }

  private static Path quietLogback(Lab lab) {
    Path file = lab.supervisor().logDir().resolve("memberlist-logback.xml");
    try {
      if (!Files.exists(file)) {
        Files.writeString(file, """
            <configuration>
              <appender name="ERR" class="ch.qos.logback.core.ConsoleAppender">
                <target>System.err</target>
                <encoder><pattern>%d{HH:mm:ss.SSS} %-5level %logger{20} %kvp %msg%n</pattern></encoder>
              </appender>
              <logger name="io.metallb" level="DEBUG"/>
              <root level="WARN"><appender-ref ref="ERR"/></root>
            </configuration>
            """);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return file;
  }

  String name() {
    return name;
  }

  Kind kind() {
    return kind;
  }

  SupervisedProcess process() {
    return process;
  }

  List<String> lines() {
    try (Stream<String> lines = process.log().lines()) {
      return lines.toList();
    }
  }

  List<MemberEvent> events() {
    return lines().stream().map(MemberEvent::parse).flatMap(Optional::stream).toList();
  }

  /** Members per its join and leave events (itself included). */
  Set<String> members() {
    Set<String> members = new LinkedHashSet<>();
    for (MemberEvent e : events()) {
      switch (e.event()) {
        case "join" -> members.add(e.node());
        case "leave" -> members.remove(e.node());
        default -> { }
      }
    }
    return members;
  }

  void awaitMembers(Set<String> expected, Duration timeout) {
    Await.until(name + " to see members " + expected + " (sees " + members() + ")", timeout,
        () -> members().equals(expected));
  }

  /** The first leave event about {@code node}, if any. */
  Optional<MemberEvent> leaveOf(String node) {
    return events().stream().filter(e -> e.event().equals("leave") && e.node().equals(node)).findFirst();
  }

  /** The state a Java member printed with its leave event about {@code node} (DEAD or LEFT). */
  Optional<String> leaveStateOf(String node) {
    return lines().stream().filter(l -> l.contains("\"event\":\"leave\"") && l.contains("\"node\":\"" + node + "\""))
        .map(STATE::matcher).filter(Matcher::find).map(m -> m.group(1)).findFirst();
  }

  /** The latest count of dropped packets and streams a Java member printed. */
  long dropCount() {
    return lines().stream().map(COUNT::matcher).filter(Matcher::find).mapToLong(m -> Long.parseLong(m.group(1)))
        .max().orElse(0);
  }

  /** The error of its join, if it printed one. */
  Optional<String> joinError() {
    return lines().stream().filter(l -> l.contains("\"event\":\"joined\"") && l.contains("\"error\""))
        .findFirst();
  }

  /** SIGTERM and wait (a graceful stop; members started with -leave-on-term leave first). */
  void stop() {
    process.stop(Duration.ofSeconds(10));
  }

  @Override
  public void close() {
    process.stop(Duration.ofSeconds(3));
  }
}
