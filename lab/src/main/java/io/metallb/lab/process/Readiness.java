package io.metallb.lab.process;

import io.metallb.lab.LabException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Readiness waits: a TCP port listening inside a namespace, or an HTTP URL answering 200.
 *
 * <p>All methods block and poll with {@link Await}; lab code only.
 */
public final class Readiness {
  private Readiness() {}

  /**
   * Blocks until a TCP socket listens on {@code port} in {@code namespace} (or the caller's
   * namespace when empty), as {@code ss} reports it.
   *
   * @param owner if not null, the wait fails at once when this process exits
   */
  public static void awaitTcpListen(
      Optional<String> namespace, int port, Duration timeout, SupervisedProcess owner) {
    List<String> ss = new ArrayList<>(List.of("ss", "-Hltn", "sport = :" + port));
    List<String> argv = namespace.map(ns -> Commands.inNamespace(ns, ss)).orElse(ss);
    String where = namespace.map(ns -> " in " + ns).orElse("");
    Await.until("TCP port " + port + " to listen" + where, timeout, () -> {
      if (owner != null && !owner.isAlive()) {
        throw new LabException(owner + " exited with " + owner.exitCode().orElse(-1)
            + " before listening on " + port + "; last lines:\n" + String.join("\n", owner.lastLogLines(20)));
      }
      return !Commands.run(Duration.ofSeconds(5), argv).orThrow().stdout().isBlank();
    });
  }

  /** Blocks until a GET of {@code uri} from the caller's namespace answers 200. */
  public static void awaitHttpOk(URI uri, Duration timeout) {
    try (HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build()) {
      HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(2)).GET().build();
      Await.until("HTTP 200 from " + uri, timeout, () -> {
        try {
          return client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
          return false;
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new LabException("interrupted", e);
        }
      });
    }
  }
}
