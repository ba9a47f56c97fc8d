package io.metallb.lab.apiserver;

import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.metallb.lab.LabException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HashMap;
import java.util.function.Consumer;

/**
 * The lab's Kubernetes API server in this JVM: the fabric8 mock server in CRUD mode over plain
 * HTTP, with discovery ({@link DiscoveryCrudDispatcher}). See the lab README for what it does not
 * do (no server-side apply, no strategic merge patch, WebSocket-only watches without resume, no
 * schema validation).
 */
public final class ApiServer implements AutoCloseable {
  private final KubernetesMockServer server;
  private final String host;
  private final int port;

  private ApiServer(KubernetesMockServer server, String host, int port) {
    this.server = server;
    this.host = host;
    this.port = port;
  }

  /**
   * Starts listening on {@code host:port}; returns once it accepts connections.
   *
   * @throws LabException if the address cannot be bound
   */
  public static ApiServer start(String host, int port) {
    return start(host, port, request -> { });
  }

  /**
   * As {@link #start(String, int)}, telling {@code observer} of every request it receives (see
   * {@link DiscoveryCrudDispatcher#DiscoveryCrudDispatcher(String, Consumer)}).
   */
  public static ApiServer start(String host, int port, Consumer<RecordedRequest> observer) {
    String hostPort = (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    KubernetesMockServer server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
        new DiscoveryCrudDispatcher(hostPort, observer), false);
    try {
      server.init(InetAddress.getByName(host), port);
    } catch (UnknownHostException e) {
      throw new LabException("bad listen address " + host, e);
    } catch (RuntimeException e) {
      throw new LabException("cannot listen on " + hostPort + ": " + e.getMessage(), e);
    }
    return new ApiServer(server, host, server.getPort() == 0 ? port : server.getPort());
  }

  /** The base URL, e.g. {@code http://198.51.100.254:6443}. */
  public String url() {
    return "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
  }

  /** Stops the server. */
  @Override
  public void close() {
    server.destroy();
  }
}
