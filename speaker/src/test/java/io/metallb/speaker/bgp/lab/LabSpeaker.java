package io.metallb.speaker.bgp.lab;

import io.metallb.lab.Lab;
import io.metallb.lab.process.Await;
import io.metallb.lab.process.SupervisedProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A {@link BgpSpeakerMain} process in a lab node namespace. Why a process: a JVM cannot enter
 * another network namespace, so the speaker runs as {@code ip netns exec <node> java -cp <this
 * test class path> BgpSpeakerMain …}, supervised (logged, killed by pid) by the lab. The test
 * drives it through its control file and reads its {@code STATE} lines.
 */
public final class LabSpeaker implements AutoCloseable {
  private static final Duration STARTUP = Duration.ofSeconds(30);

  private final Lab lab;
  private final String namespace;
  private final String node;
  private final Path control;
  private final List<String> jvmOptions;
  private SupervisedProcess process;

  private LabSpeaker(Lab lab, String namespace, String node, List<String> jvmOptions) {
    this.lab = lab;
    this.namespace = namespace;
    this.node = node;
    this.control = lab.directory("speaker-" + node).resolve("control.txt");
    this.jvmOptions = List.copyOf(jvmOptions);
  }

  /** Starts a speaker named {@code node} in {@code namespace} with control text {@code config}. */
  public static LabSpeaker start(Lab lab, String namespace, String node, String config) {
    return start(lab, namespace, node, config, List.of("-XX:TieredStopAtLevel=1"));
  }

  /** As {@link #start(Lab, String, String, String)} with extra JVM options. */
  public static LabSpeaker start(Lab lab, String namespace, String node, String config, List<String> jvmOptions) {
    LabSpeaker speaker = new LabSpeaker(lab, namespace, node, jvmOptions);
    speaker.configure(config);
    speaker.launch(false);
    return speaker;
  }

  private void launch(boolean restarted) {
    String classPath = Optional.ofNullable(System.getProperty("surefire.test.class.path"))
        .filter(s -> !s.isBlank()).orElse(System.getProperty("java.class.path"));
    List<String> argv = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-XX:+UseSerialGC", "--enable-native-access=ALL-UNNAMED", "-Dlogback.configurationFile=" + LabSpeaker.class.getResource("/bgp/logback-lab.xml")));
    argv.addAll(jvmOptions);
    argv.addAll(List.of("-cp", classPath, BgpSpeakerMain.class.getName(), node, control.toString()));
    if (restarted) {
      argv.add("--restarted");
    }
    process = lab.supervisor().startIn(namespace, "speaker-" + node, argv);
    process.awaitLogLine(Pattern.compile("^READY$"), STARTUP);
  }

  /** Replaces the control file; the process applies it within ~100 ms. */
  public void configure(String config) {
    try {
      BgpSpeakerMain.writeControl(control, config);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The number of log lines matching {@code regex}. */
  public long count(String regex) {
    Pattern p = Pattern.compile(regex);
    return process.log().lines().filter(l -> p.matcher(l).find()).count();
  }

  /** Blocks until at least {@code n} log lines match {@code regex}. */
  public void awaitCount(String regex, long n, Duration timeout) {
    Await.until(node + ": " + n + " line(s) matching /" + regex + "/", timeout, () -> {
      if (!process.isAlive()) {
        throw new IllegalStateException("speaker " + node + " died: " + String.join("\n", process.lastLogLines(30)));
      }
      return count(regex) >= n;
    });
  }

  /** Blocks until session {@code peer} has become Established {@code n} times in all. */
  public void awaitEstablished(String peer, long n, Duration timeout) {
    awaitCount("^STATE " + peer + " OPEN_CONFIRM ESTABLISHED", n, timeout);
  }

  /** Kills the process with SIGKILL, as a crash would. */
  public void crash() {
    process.kill();
  }

  /** Starts the process again with graceful restart's R bit set. */
  public void restart() {
    launch(true);
  }

  /** The process. */
  public SupervisedProcess process() {
    return process;
  }

  @Override
  public void close() {
    if (process != null && process.isAlive()) {
      process.stop(Duration.ofSeconds(5));
    }
  }
}
