package io.metallb.lab.bgp;

import io.metallb.lab.Lab;
import io.metallb.lab.process.Await;
import io.metallb.lab.process.CommandResult;
import io.metallb.lab.process.Commands;
import io.metallb.lab.process.SupervisedProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** BIRD 2 in a namespace, in the foreground, queried with {@code birdc -s <socket>} (text output). */
public final class BirdDaemon implements BgpDaemon {
  private static final Duration STARTUP = Duration.ofSeconds(20);

  private final RouterConfig config;
  private final String namespace;
  private final Path dir;
  private SupervisedProcess process;

  private BirdDaemon(RouterConfig config, String namespace, Path dir) {
    this.config = config;
    this.namespace = namespace;
    this.dir = dir;
  }

  /** Writes the config and starts bird; returns once birdc can talk to it. */
  public static BirdDaemon start(Lab lab, String namespace, RouterConfig config) {
    Path dir = lab.directory("bird-" + config.name());
    BirdDaemon bird = new BirdDaemon(config, namespace, dir);
    try {
      Files.writeString(dir.resolve("bird.conf"), BirdConfig.render(config));
      bird.process = lab.supervisor().startIn(namespace, "bird-" + config.name(), List.of("bird", "-f",
          "-c", dir.resolve("bird.conf").toString(), "-s", socket(dir), "-P", dir.resolve("bird.pid").toString()));
      Await.until("bird to answer birdc in " + namespace, STARTUP, () -> {
        if (!bird.process.isAlive()) {
          throw new io.metallb.lab.LabException("bird exited: " + String.join("\n", bird.process.lastLogLines(20)));
        }
        return bird.birdc("show status").succeeded();
      });
      return bird;
    } catch (IOException e) {
      bird.close();
      throw new UncheckedIOException(e);
    } catch (RuntimeException e) {
      bird.close();
      throw e;
    }
  }

  private static String socket(Path dir) {
    return dir.resolve("bird.ctl").toString();
  }

  /** Runs {@code birdc <command...>} against this instance. */
  public CommandResult birdc(String... command) {
    List<String> argv = new java.util.ArrayList<>(List.of("birdc", "-s", socket(dir)));
    argv.addAll(List.of(command));
    return Commands.run(Commands.DEFAULT_TIMEOUT, Commands.inNamespace(namespace, argv));
  }

  @Override
  public RouterConfig config() {
    return config;
  }

  @Override
  public String namespace() {
    return namespace;
  }

  @Override
  public List<BgpRoute> routes(AddressFamily family) {
    String table = family == AddressFamily.IPV4_UNICAST ? "master4" : "master6";
    return BirdText.routes(birdc("show", "route", "table", table, "all").orThrow().stdout());
  }

  @Override
  public List<BgpSession> sessions() {
    List<BgpSession> sessions = new java.util.ArrayList<>();
    List<Neighbor> neighbors = config.neighbors();
    var states = BirdText.protocolStates(birdc("show", "protocols").orThrow().stdout());
    for (int i = 0; i < neighbors.size(); i++) {
      String state = states.getOrDefault(BirdConfig.protocolName(i), "unknown");
      sessions.add(new BgpSession(neighbors.get(i).address(), state, state.equals("Established")));
    }
    return sessions;
  }

  @Override
  public void close() {
    if (process != null) {
      process.stop(Duration.ofSeconds(3));
    }
  }
}
