package io.metallb.lab.bgp;

import io.metallb.lab.process.Await;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A BGP daemon running in a lab namespace, configured from a {@link RouterConfig}, with readers
 * for its table and sessions. Readers block on a short CLI command each. {@link #close()} stops
 * the daemon's processes.
 */
public interface BgpDaemon extends AutoCloseable {
  /** The configuration it runs. */
  RouterConfig config();

  /** The namespace it runs in. */
  String namespace();

  /** Every path in its BGP table for {@code family} (received and originated). */
  List<BgpRoute> routes(AddressFamily family);

  /** The state of every configured session. */
  List<BgpSession> sessions();

  /** Stops the daemon. */
  @Override
  void close();

  /** The paths to {@code prefix} in its table. */
  default List<BgpRoute> routes(String prefix) {
    return routes(AddressFamily.of(prefix)).stream().filter(r -> r.prefix().equals(prefix)).toList();
  }

  /** Blocks until the session with {@code neighbor} is Established. */
  default void awaitEstablished(String neighbor, Duration timeout) {
    Await.until(namespace() + ": session with " + neighbor + " Established", timeout,
        () -> sessions().stream().anyMatch(s -> s.neighbor().equals(neighbor) && s.established()));
  }

  /** Blocks until the table holds at least {@code paths} paths to {@code prefix}; returns them. */
  default List<BgpRoute> awaitRoutes(String prefix, int paths, Duration timeout) {
    return Await.value(namespace() + ": " + paths + " path(s) to " + prefix, timeout, () -> {
      List<BgpRoute> found = routes(prefix);
      return found.size() >= paths ? Optional.of(found) : Optional.empty();
    });
  }
}
