package io.metallb.lab.cli;

import io.metallb.lab.apiserver.ApiServer;
import io.metallb.lab.apiserver.Kubeconfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code metallb lab apiserver}: runs the lab's API server in the foreground until killed. */
@Command(
    name = "apiserver",
    mixinStandardHelpOptions = true,
    description = "Run the lab's Kubernetes API server (fabric8 mock, CRUD mode, with discovery) until killed.")
public final class ApiServerCommand implements Callable<Integer> {
  @Option(names = "--listen", required = true, paramLabel = "ADDR:PORT", description = "Address and port to listen on.")
  String listen;

  @Option(names = "--kubeconfig", required = true, paramLabel = "FILE", description = "Where to write a kubeconfig.")
  Path kubeconfig;

  @Override
  public Integer call() throws IOException, InterruptedException {
    int colon = listen.lastIndexOf(':');
    if (colon < 0) {
      throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this),
          "--listen must be ADDR:PORT: " + listen);
    }
    String host = listen.substring(0, colon).replace("[", "").replace("]", "");
    int port = Integer.parseInt(listen.substring(colon + 1));
    CountDownLatch stopped = new CountDownLatch(1);
    try (ApiServer server = ApiServer.start(host, port)) {
      Path parent = kubeconfig.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      Files.writeString(kubeconfig, Kubeconfig.render(server.url()));
      Runtime.getRuntime().addShutdownHook(new Thread(stopped::countDown));
      System.out.println("metallb lab apiserver listening on " + server.url() + ", kubeconfig " + kubeconfig);
      System.out.flush();
      stopped.await();
    }
    return 0;
  }
}
