package io.metallb.lab.bgp;

import io.metallb.lab.Lab;
import io.metallb.lab.LabException;
import io.metallb.lab.process.Await;
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
 * FRR (zebra, bfdd, bgpd) in a namespace, each daemon with its own config file, pid file, zserv
 * socket and vty socket directory under the run directory, so several FRR instances coexist.
 * Queried with {@code vtysh --vty_socket DIR}.
 */
public final class FrrDaemon implements BgpDaemon {
  private static final Duration STARTUP = Duration.ofSeconds(20);

  private final RouterConfig config;
  private final String namespace;
  private final Path dir;
  private final List<SupervisedProcess> processes = new ArrayList<>();

  private FrrDaemon(RouterConfig config, String namespace, Path dir) {
    this.config = config;
    this.namespace = namespace;
    this.dir = dir;
  }

  /** Writes the configs and starts zebra, bfdd and bgpd; returns once vtysh can reach bgpd. */
  public static FrrDaemon start(Lab lab, String namespace, RouterConfig config) {
    Path dir = lab.directory("frr-" + config.name());
    FrrDaemon frr = new FrrDaemon(config, namespace, dir);
    try {
      write(dir.resolve("zebra.conf"), FrrConfig.zebra(config));
      write(dir.resolve("bfdd.conf"), FrrConfig.bfdd(config));
      write(dir.resolve("bgpd.conf"), FrrConfig.bgpd(config));
      Commands.check("chown", "-R", "frr:frr", dir.toString());
      Commands.check("chmod", "770", dir.toString());
      frr.startDaemon(lab, "zebra", List.of());
      Await.until("zebra's zserv socket in " + dir, STARTUP, () -> Files.exists(dir.resolve("zserv.api")));
      frr.startDaemon(lab, "bfdd", List.of("--bfdctl", dir.resolve("bfdd.sock").toString()));
      frr.startDaemon(lab, "bgpd", List.of());
      Await.until("bgpd's vty socket in " + dir, STARTUP, () -> Files.exists(dir.resolve("bgpd.vty")));
      Await.until("bgpd to answer vtysh", STARTUP, () -> frr.vtysh("show bgp summary json").succeeded());
      return frr;
    } catch (RuntimeException e) {
      frr.close();
      throw e;
    }
  }

  private void startDaemon(Lab lab, String daemon, List<String> extra) {
    List<String> argv = new ArrayList<>(List.of("/usr/lib/frr/" + daemon, "-u", "frr", "-g", "frr",
        "-f", dir.resolve(daemon + ".conf").toString(), "-i", dir.resolve(daemon + ".pid").toString(),
        "-z", dir.resolve("zserv.api").toString(), "--vty_socket", dir.toString(), "-P", "0",
        "--log", "stdout"));
    argv.addAll(extra);
    SupervisedProcess process = lab.supervisor().startIn(namespace, "frr-" + config.name() + "-" + daemon, argv);
    processes.add(process);
    if (process.awaitExit(Duration.ofMillis(200)).isPresent()) {
      throw new LabException(process + " exited at once: " + String.join("\n", process.lastLogLines(20)));
    }
  }

  private static void write(Path file, String text) {
    try {
      Files.writeString(file, text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Runs {@code vtysh -c command} against this instance. */
  public io.metallb.lab.process.CommandResult vtysh(String command) {
    return Commands.runIn(namespace, "vtysh", "--vty_socket", dir.toString(), "-c", command);
  }

  /** The directory holding configs, sockets and pid files. */
  public Path directory() {
    return dir;
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
    String table = vtysh("show bgp " + family.shortName() + " unicast json").orThrow().stdout();
    List<BgpRoute> routes = new ArrayList<>();
    for (String prefix : FrrJson.prefixes(table)) {
      String detail = vtysh("show bgp " + family.shortName() + " unicast " + prefix + " json").orThrow().stdout();
      routes.addAll(FrrJson.routes(prefix, detail));
    }
    return routes;
  }

  @Override
  public List<BgpSession> sessions() {
    return FrrJson.sessions(vtysh("show bgp summary json").orThrow().stdout());
  }

  /** The BFD peers' states as {@code show bfd peers json} reports them (peer address → status). */
  public java.util.Map<String, String> bfdPeers() {
    return FrrJson.bfdPeers(vtysh("show bfd peers json").orThrow().stdout());
  }

  @Override
  public void close() {
    processes.reversed().forEach(SupervisedProcess::requestStop);
    processes.reversed().forEach(p -> p.stop(Duration.ofSeconds(3)));
  }
}
