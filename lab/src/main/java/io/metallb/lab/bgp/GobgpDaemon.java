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
import java.util.ArrayList;
import java.util.List;

/**
 * gobgpd in a namespace, its gRPC API on the namespace's own 127.0.0.1:50051, queried with
 * {@code gobgp ... -j} (JSON). Announcements are added through the CLI once it runs.
 */
public final class GobgpDaemon implements BgpDaemon {
  /** The API port inside the namespace. */
  public static final int API_PORT = 50051;
  private static final Duration STARTUP = Duration.ofSeconds(20);

  private final RouterConfig config;
  private final String namespace;
  private SupervisedProcess process;

  private GobgpDaemon(RouterConfig config, String namespace) {
    this.config = config;
    this.namespace = namespace;
  }

  /** Writes the config, starts gobgpd, waits for its API and adds the announcements. */
  public static GobgpDaemon start(Lab lab, String namespace, RouterConfig config) {
    Path dir = lab.directory("gobgp-" + config.name());
    GobgpDaemon gobgp = new GobgpDaemon(config, namespace);
    try {
      Files.writeString(dir.resolve("gobgpd.toml"), GobgpConfig.render(config));
      gobgp.process = lab.supervisor().startIn(namespace, "gobgpd-" + config.name(), List.of("gobgpd",
          "-f", dir.resolve("gobgpd.toml").toString(), "-t", "toml", "--api-hosts", "127.0.0.1:" + API_PORT,
          "--pprof-disable"));
      gobgp.process.awaitTcpListen(API_PORT, STARTUP);
      Await.until("gobgpd to answer its API", STARTUP, () -> gobgp.gobgp("global").succeeded());
      for (List<String> command : GobgpConfig.announceCommands(config)) {
        gobgp.gobgp(command.toArray(String[]::new)).orThrow();
      }
      return gobgp;
    } catch (IOException e) {
      gobgp.close();
      throw new UncheckedIOException(e);
    } catch (RuntimeException e) {
      gobgp.close();
      throw e;
    }
  }

  /** Runs {@code gobgp <args>} against this instance's API. */
  public CommandResult gobgp(String... args) {
    List<String> argv = new ArrayList<>(List.of("gobgp", "-u", "127.0.0.1", "-p", Integer.toString(API_PORT)));
    argv.addAll(List.of(args));
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
    return GobgpJson.routes(gobgp("global", "rib", "-a", family.shortName(), "-j").orThrow().stdout());
  }

  @Override
  public List<BgpSession> sessions() {
    return GobgpJson.sessions(gobgp("neighbor", "-j").orThrow().stdout());
  }

  @Override
  public void close() {
    if (process != null) {
      process.stop(Duration.ofSeconds(3));
    }
  }
}
