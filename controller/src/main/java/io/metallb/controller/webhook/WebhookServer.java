package io.metallb.controller.webhook;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerKeepAliveHandler;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2MultiplexHandler;
import io.netty.handler.codec.http2.Http2Settings;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.handler.codec.http2.Http2StreamFrameToHttpObjectCodec;
import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.ApplicationProtocolConfig.Protocol;
import io.netty.handler.ssl.ApplicationProtocolConfig.SelectedListenerFailureBehavior;
import io.netty.handler.ssl.ApplicationProtocolConfig.SelectorFailureBehavior;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.ApplicationProtocolNegotiationHandler;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * The HTTPS endpoint of MetalLB's validating webhooks and of the BGPPeer conversion webhook, at
 * MetalLB's paths (spec §16), on Netty with the JDK's TLS provider.
 *
 * <p>Protocols: ALPN offers {@code http/1.1} only, as MetalLB's controller-runtime server does,
 * unless HTTP/2 is enabled ({@code --webhook-http2}); then it offers {@code h2} first and
 * {@code http/1.1}. A client offering no ALPN, or none of those, is served HTTP/1.1.
 *
 * <p>Certificates: the {@link ReloadingKeyManager} is asked on every handshake, so a rotation needs
 * no restart; a connection keeps the certificate it was opened with.
 *
 * <p>Threads: the constructor starts one event-loop thread ({@code metallb-webhook-io-*}) for
 * accept, TLS and HTTP, and {@value #WORKERS} worker threads ({@code metallb-webhook-*}) that
 * decide reviews and may block on the API server; further requests queue. All are daemons and
 * {@link #close()} stops them.
 *
 * <p>Ownership: the server owns its threads and sockets. The key manager, validator and lister stay
 * the caller's; the validator and lister are called from worker threads and must be thread-safe.
 */
public final class WebhookServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(WebhookServer.class);

  /** Path → the kind it validates. */
  public static final Map<String, String> VALIDATION_PATHS = Map.of(
      "/validate-metallb-io-v1beta1-ipaddresspool", "IPAddressPool",
      "/validate-metallb-io-v1beta1-l2advertisement", "L2Advertisement",
      "/validate-metallb-io-v1beta1-bgpadvertisement", "BGPAdvertisement",
      "/validate-metallb-io-v1beta1-community", "Community",
      "/validate-metallb-io-v1beta2-bgppeer", "BGPPeer",
      "/validate-metallb-io-v1beta1-bfdprofile", "BFDProfile");
  public static final String CONVERSION_PATH = "/convert";

  /** Reviews decided at once; the JDK server this replaced had the same pool. */
  static final int WORKERS = 2;
  /** Largest request body, in bytes: controller-runtime's admission {@code maxRequestSize} (7 MiB). Larger ones get 413. */
  static final int MAX_REQUEST_BYTES = 7 * 1024 * 1024;
  /** SETTINGS_MAX_CONCURRENT_STREAMS (RFC 9113 §6.5.2) we announce: Go's http2 server default. */
  static final int MAX_CONCURRENT_STREAMS = 250;
  /** How long {@link #close()} waits for the event loop to stop, in seconds. */
  private static final int CLOSE_TIMEOUT_SECONDS = 5;

  private final ExecutorService workers;
  private final EventLoopGroup group;
  private final Channel server;

  /** An HTTP/1.1-only server: {@link #WebhookServer(InetSocketAddress, ReloadingKeyManager, String, boolean, AdmissionValidator, Supplier)} without HTTP/2. */
  public WebhookServer(InetSocketAddress address, ReloadingKeyManager keys, String tlsMinVersion, AdmissionValidator validator,
      Supplier<AdmissionValidator.Existing> existing) throws IOException {
    this(address, keys, tlsMinVersion, false, validator, existing);
  }

  /**
   * Listens on {@code address} once it returns. Blocks until bound.
   *
   * @param tlsMinVersion {@code VersionTLS12} (default when empty) or {@code VersionTLS13}
   * @param http2 whether ALPN also offers {@code h2} ({@code --webhook-http2})
   * @param existing lists the objects of MetalLB's namespace, uncached, for each admission request
   * @throws IllegalArgumentException for an unknown {@code tlsMinVersion}
   * @throws IOException when the TLS context cannot be built or the address cannot be bound
   */
  public WebhookServer(InetSocketAddress address, ReloadingKeyManager keys, String tlsMinVersion, boolean http2, AdmissionValidator validator,
      Supplier<AdmissionValidator.Existing> existing) throws IOException {
    SslContext tls = tlsContext(keys, tlsMinVersion, http2);
    Map<String, Function<JsonNode, JsonNode>> routes = new HashMap<>();
    VALIDATION_PATHS.keySet().forEach(path -> routes.put(path,
        review -> Reviews.admissionResponse(review, (kind, op, object) -> validator.validate(kind, op, object, existing.get()))));
    routes.put(CONVERSION_PATH, Reviews::conversionResponse);
    workers = Executors.newFixedThreadPool(WORKERS, Thread.ofPlatform().name("metallb-webhook-", 0).daemon().factory());
    group = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("metallb-webhook-io", true), NioIoHandler.newFactory());
    ChannelFuture bound = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
        .childHandler(new ChannelInitializer<SocketChannel>() {
          @Override
          protected void initChannel(SocketChannel ch) {
            ch.pipeline().addLast(tls.newHandler(ch.alloc()), new ProtocolSelection(routes, workers));
          }
        })
        .bind(address).awaitUninterruptibly();
    if (!bound.isSuccess()) {
      stop();
      throw new IOException("cannot listen on " + address + ": " + bound.cause().getMessage(), bound.cause());
    }
    server = bound.channel();
  }

  /**
   * The JDK-provider TLS context: TLS 1.2 or 1.3 as {@code tlsMinVersion} says, the certificate of
   * {@code keys} at each handshake, ALPN {@code h2} (if {@code http2}) and {@code http/1.1}.
   */
  static SslContext tlsContext(ReloadingKeyManager keys, String tlsMinVersion, boolean http2) throws SSLException {
    String[] protocols = switch (tlsMinVersion) {
      case "", "VersionTLS12" -> new String[] {"TLSv1.3", "TLSv1.2"};
      case "VersionTLS13" -> new String[] {"TLSv1.3"};
      default -> throw new IllegalArgumentException("unknown TLS version " + tlsMinVersion + " (VersionTLS12 or VersionTLS13)");
    };
    List<String> alpn = http2 ? List.of(ApplicationProtocolNames.HTTP_2, ApplicationProtocolNames.HTTP_1_1) : List.of(ApplicationProtocolNames.HTTP_1_1);
    // NO_ADVERTISE: a client whose ALPN list has none of ours still connects, without ALPN, and gets HTTP/1.1.
    return SslContextBuilder.forServer(keys).sslProvider(SslProvider.JDK).protocols(protocols)
        .applicationProtocolConfig(new ApplicationProtocolConfig(Protocol.ALPN, SelectorFailureBehavior.NO_ADVERTISE, SelectedListenerFailureBehavior.ACCEPT, alpn))
        .build();
  }

  /** The bound port. Thread-safe. */
  public int port() {
    return ((InetSocketAddress) server.localAddress()).getPort();
  }

  /**
   * Closes the listener and every open connection, then stops the threads. Blocks up to
   * {@value #CLOSE_TIMEOUT_SECONDS} s; must not be called from the server's own threads. Idempotent.
   */
  @Override
  public void close() {
    server.close().awaitUninterruptibly();
    stop();
  }

  private void stop() {
    group.shutdownGracefully(0, CLOSE_TIMEOUT_SECONDS, TimeUnit.SECONDS).awaitUninterruptibly();
    workers.shutdownNow();
  }

  /**
   * After the TLS handshake, installs the HTTP/2 or the HTTP/1.1 pipeline, as ALPN chose. Each
   * HTTP/1.1 connection and each HTTP/2 stream gets its own {@link ReviewHandler}. Event loop only.
   */
  private static final class ProtocolSelection extends ApplicationProtocolNegotiationHandler {
    private final Map<String, Function<JsonNode, JsonNode>> routes;
    private final ExecutorService workers;

    ProtocolSelection(Map<String, Function<JsonNode, JsonNode>> routes, ExecutorService workers) {
      super(ApplicationProtocolNames.HTTP_1_1);
      this.routes = routes;
      this.workers = workers;
    }

    @Override
    protected void configurePipeline(ChannelHandlerContext ctx, String protocol) {
      if (protocol.equals(ApplicationProtocolNames.HTTP_2)) {
        ctx.pipeline().addLast(
            Http2FrameCodecBuilder.forServer().initialSettings(Http2Settings.defaultSettings().maxConcurrentStreams(MAX_CONCURRENT_STREAMS)).build(),
            new Http2MultiplexHandler(new ChannelInitializer<Http2StreamChannel>() {
              @Override
              protected void initChannel(Http2StreamChannel stream) {
                stream.pipeline().addLast(new Http2StreamFrameToHttpObjectCodec(true), new HttpObjectAggregator(MAX_REQUEST_BYTES),
                    new ReviewHandler(routes, workers));
              }
            }),
            CloseOnError.INSTANCE);
      } else {
        ctx.pipeline().addLast(new HttpServerCodec(), new HttpServerKeepAliveHandler(), new HttpObjectAggregator(MAX_REQUEST_BYTES),
            new ReviewHandler(routes, workers));
      }
    }

    /** A failed handshake (a TCP probe, a client not trusting the CA) closes the connection, logged at debug only. */
    @Override
    protected void handshakeFailure(ChannelHandlerContext ctx, Throwable cause) {
      LOG.atDebug().addKeyValue("op", "webhook").addKeyValue("remote", ctx.channel().remoteAddress()).addKeyValue("error", cause.toString())
          .log("TLS handshake error");
      ctx.close();
    }
  }

  /** Last handler of an HTTP/2 connection: an error no codec handled closes it. Stateless, shared. */
  @Sharable
  private static final class CloseOnError extends ChannelInboundHandlerAdapter {
    static final CloseOnError INSTANCE = new CloseOnError();

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      LOG.atDebug().addKeyValue("op", "webhook").addKeyValue("remote", ctx.channel().remoteAddress()).addKeyValue("error", cause.toString())
          .log("closing a webhook connection");
      ctx.close();
    }
  }
}
