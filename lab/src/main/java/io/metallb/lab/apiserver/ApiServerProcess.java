package io.metallb.lab.apiserver;

import io.metallb.lab.Lab;
import io.metallb.lab.net.AddressPlan;
import io.metallb.lab.process.Readiness;
import io.metallb.lab.process.SupervisedProcess;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The lab's API server as its own JVM on the host side ({@link AddressPlan#HOST_V4}), started as
 * {@code LabCommand apiserver --listen ADDR:PORT --kubeconfig FILE} with this JVM's class path.
 */
public final class ApiServerProcess {
  /** The port it listens on. */
  public static final int PORT = 6443;
  /** How long it may take to answer {@code /version}. */
  public static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(60);

  private final SupervisedProcess process;
  private final Path kubeconfig;
  private final String url;

  private ApiServerProcess(SupervisedProcess process, Path kubeconfig, String url) {
    this.process = process;
    this.kubeconfig = kubeconfig;
    this.url = url;
  }

  /**
   * Starts the API server of {@code lab} and waits until {@code /version} answers 200; records the
   * kubeconfig in the lab's run record.
   */
  public static ApiServerProcess start(Lab lab) {
    Path kubeconfig = lab.runDir().resolve("kubeconfig");
    String listen = AddressPlan.HOST_V4 + ":" + PORT;
    List<String> command = new ArrayList<>(List.of(javaBinary(), "-Xmx256m", "-XX:+UseSerialGC",
        "-XX:TieredStopAtLevel=1", "-cp", classPath(), "io.metallb.lab.cli.LabCommand", "apiserver",
        "--listen", listen, "--kubeconfig", kubeconfig.toString()));
    SupervisedProcess process = lab.supervisor().start("apiserver", command);
    String url = "http://" + listen;
    try {
      Readiness.awaitHttpOk(URI.create(url + "/version"), STARTUP_TIMEOUT);
    } catch (RuntimeException e) {
      throw new io.metallb.lab.LabException("API server did not come up; last log lines:\n"
          + String.join("\n", process.lastLogLines(30)), e);
    }
    lab.recordKubeconfig(kubeconfig);
    return new ApiServerProcess(process, kubeconfig, url);
  }

  /** The kubeconfig written by the server. */
  public Path kubeconfig() {
    return kubeconfig;
  }

  /** The base URL. */
  public String url() {
    return url;
  }

  /** The server's process. */
  public SupervisedProcess process() {
    return process;
  }

  private static String javaBinary() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  /** The class path for child JVMs: system property {@code lab.classpath}, else this JVM's. */
  static String classPath() {
    return Optional.ofNullable(System.getProperty("lab.classpath")).orElse(System.getProperty("java.class.path"));
  }
}
