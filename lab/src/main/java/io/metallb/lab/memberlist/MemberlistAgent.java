package io.metallb.lab.memberlist;

import io.metallb.lab.Lab;
import io.metallb.lab.LabException;
import io.metallb.lab.process.Await;
import io.metallb.lab.process.Commands;
import io.metallb.lab.process.SupervisedProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The Go memberlist agent ({@code src/main/go/mlagent}) running in a lab namespace: the reference
 * hashicorp/memberlist peer. {@link #build} compiles it offline; {@link #start} runs one member.
 */
public final class MemberlistAgent implements AutoCloseable {
  /** memberlist's default port (TCP and UDP). */
  public static final int DEFAULT_PORT = 7946;

  private final String name;
  private final SupervisedProcess process;

  private MemberlistAgent(String name, SupervisedProcess process) {
    this.name = name;
    this.process = process;
  }

  /**
   * Builds the agent with Debian's Go in GOPATH mode against /usr/share/gocode (no network), into
   * {@code outputDir/mlagent}, unless a binary newer than the source is already there.
   *
   * @param goSource the directory holding {@code mlagent/main.go}
   * @return the binary
   */
  public static synchronized Path build(Path goSource, Path outputDir) {
    Path binary = outputDir.toAbsolutePath().resolve("mlagent");
    Path main = goSource.resolve("mlagent").resolve("main.go");
    try {
      if (!Files.exists(main)) {
        throw new LabException("memberlist agent source not found at " + main
            + " (set the system property lab.goSource to lab/src/main/go)");
      }
      if (Files.exists(binary) && Files.getLastModifiedTime(binary).compareTo(Files.getLastModifiedTime(main)) > 0) {
        return binary;
      }
      Files.createDirectories(outputDir);
      // go 1.19 has no "build -C" and refuses absolute package paths: build from the source directory.
      String build = "cd '" + goSource.toAbsolutePath() + "' && exec go build -o '" + binary + "' ./mlagent";
      List<String> argv = List.of("env", "GO111MODULE=off", "GOPATH=/usr/share/gocode", "GOPROXY=off", "GOFLAGS=",
          "GOCACHE=" + outputDir.toAbsolutePath().resolve("go-cache"), "sh", "-c", build);
      Commands.run(Duration.ofMinutes(3), argv).orThrow();
      return binary;
    } catch (java.io.IOException e) {
      throw new LabException("cannot build the memberlist agent", e);
    }
  }

  /** {@link #build} with the locations the lab's build passes as system properties. */
  public static Path buildDefault() {
    Path source = Path.of(Optional.ofNullable(System.getProperty("lab.goSource")).orElse("src/main/go"));
    Path out = Path.of(Optional.ofNullable(System.getProperty("lab.buildDir")).orElse("target"));
    return build(source, out);
  }

  /** How the agent encrypts gossip. */
  public sealed interface Encryption {
    /** No encryption. */
    record None() implements Encryption {}

    /** A raw key (16, 24 or 32 bytes). */
    record RawKey(byte[] key) implements Encryption {}

    /** A key derived from a MetalLB secret by the agent itself ({@code -metallb-secret}). */
    record MetallbSecret(String secret) implements Encryption {}
  }

  /**
   * Starts member {@code name} in {@code namespace}, bound to {@code bindAddress:port}, joining
   * {@code join} (host:port each; empty to start a cluster). Returns once it printed "started".
   */
  public static MemberlistAgent start(Lab lab, Path binary, String namespace, String name, String bindAddress,
      int port, List<String> join, Encryption encryption) {
    List<String> argv = new ArrayList<>(List.of(binary.toString(), "-name", name, "-bind", bindAddress,
        "-port", Integer.toString(port)));
    if (!join.isEmpty()) {
      argv.addAll(List.of("-join", String.join(",", join)));
    }
    switch (encryption) {
      case Encryption.None none -> { }
      case Encryption.RawKey raw -> argv.addAll(List.of("-key", Base64.getEncoder().encodeToString(raw.key())));
      case Encryption.MetallbSecret secret -> argv.addAll(List.of("-metallb-secret", secret.secret()));
    }
    SupervisedProcess process = lab.supervisor().startIn(namespace, "mlagent-" + name, argv);
    MemberlistAgent agent = new MemberlistAgent(name, process);
    Await.until(name + " to start", Duration.ofSeconds(10), () -> {
      if (!process.isAlive()) {
        throw new LabException(name + " exited: " + String.join("\n", process.lastLogLines(20)));
      }
      return agent.events().stream().anyMatch(e -> e.event().equals("started"));
    });
    return agent;
  }

  /** The member name. */
  public String name() {
    return name;
  }

  /** The agent's process (to kill, freeze or thaw it). */
  public SupervisedProcess process() {
    return process;
  }

  /** Every event printed so far. */
  public List<MemberEvent> events() {
    try (Stream<String> lines = process.log().lines()) {
      return lines.map(MemberEvent::parse).flatMap(Optional::stream).toList();
    }
  }

  /** The members as its join/leave events tell: joined and not left since (itself included). */
  public Set<String> members() {
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

  /** Blocks until its members are exactly {@code expected}. */
  public void awaitMembers(Set<String> expected, Duration timeout) {
    Await.until(name + " to see members " + expected, timeout, () -> members().equals(expected));
  }

  /** Stops the agent (SIGTERM, then SIGKILL). */
  @Override
  public void close() {
    process.stop(Duration.ofSeconds(3));
  }
}
