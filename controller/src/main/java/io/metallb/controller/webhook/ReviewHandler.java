package io.metallb.controller.webhook;

import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * Answers the aggregated requests of one HTTP/1.1 connection or of one HTTP/2 stream: a POST to a
 * known path gets 200 and the route's JSON, another method 405, an unknown path 404, and a body that
 * is not JSON 400 with the reason as text. The transport (codecs, TLS, ALPN) is the pipeline's.
 *
 * <p>Threads: Netty calls it on the channel's event loop. Routes run on {@code workers}, never on
 * the event loop, because an admission decision lists objects from the API server. One channel's
 * answers are decided one at a time and written in request order (HTTP/1.1 pipelining).
 *
 * <p>Ownership: the request is released after {@link #channelRead0}; its body is copied first. Not
 * sharable: one instance per channel.
 */
final class ReviewHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
  private static final Logger LOG = LoggerFactory.getLogger(ReviewHandler.class);

  /** path (no query) -> review in, answer out; run on a worker thread, must be thread-safe. */
  private final Map<String, Function<JsonNode, JsonNode>> routes;
  private final Executor workers;
  /** Completes once the latest request read has been answered. Event loop only. */
  private CompletableFuture<Void> previous = CompletableFuture.completedFuture(null);

  ReviewHandler(Map<String, Function<JsonNode, JsonNode>> routes, Executor workers) {
    this.routes = Map.copyOf(routes);
    this.workers = workers;
  }

  /** An HTTP answer before it is framed for HTTP/1.1 or HTTP/2. {@code body} is not copied. */
  record Answer(HttpResponseStatus status, String contentType, byte[] body) {
    static Answer text(HttpResponseStatus status, String text) {
      return new Answer(status, "text/plain; charset=utf-8", text.getBytes(StandardCharsets.UTF_8));
    }

    FullHttpResponse toResponse(HttpVersion version) {
      FullHttpResponse response = new DefaultFullHttpResponse(version, status, Unpooled.wrappedBuffer(body));
      response.headers().set(HttpHeaderNames.CONTENT_TYPE, contentType).setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
      if (status.equals(HttpResponseStatus.METHOD_NOT_ALLOWED)) {
        response.headers().set(HttpHeaderNames.ALLOW, HttpMethod.POST.name());
      }
      return response;
    }
  }

  /** The answer to {@code method path} with {@code body}. Pure but for the route; never throws a RuntimeException. */
  static Answer answer(Map<String, Function<JsonNode, JsonNode>> routes, String method, String path, byte[] body) {
    Function<JsonNode, JsonNode> route = routes.get(path);
    if (route == null) {
      return Answer.text(HttpResponseStatus.NOT_FOUND, "404 page not found"); // Go's http.NotFound body
    }
    if (!method.equals(HttpMethod.POST.name())) {
      return new Answer(HttpResponseStatus.METHOD_NOT_ALLOWED, "text/plain; charset=utf-8", new byte[0]);
    }
    try {
      return new Answer(HttpResponseStatus.OK, "application/json", Reviews.JSON.writeValueAsBytes(route.apply(Reviews.JSON.readTree(body))));
    } catch (RuntimeException e) {
      return Answer.text(HttpResponseStatus.BAD_REQUEST, "cannot read the review: " + e.getMessage());
    }
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
    HttpVersion version = request.protocolVersion();
    boolean malformed = request.decoderResult().isFailure();
    String method = request.method().name();
    String path = path(request.uri());
    byte[] body = ByteBufUtil.getBytes(request.content());
    // handle, not thenRun: an answer that failed must not stop the later ones.
    previous = previous.handleAsync((ignored, failure) -> {
      Answer answer = malformed ? Answer.text(HttpResponseStatus.BAD_REQUEST, "malformed request") : answer(routes, method, path, body);
      ChannelFuture written = ctx.writeAndFlush(answer.toResponse(version));
      if (malformed) {
        written.addListener(ChannelFutureListener.CLOSE);
      }
      return null;
    }, workers);
  }

  /** The decoded path of a request target, or the target itself when it does not decode (it then matches no route). */
  static String path(String uri) {
    try {
      return new QueryStringDecoder(uri).path();
    } catch (IllegalArgumentException e) {
      return uri;
    }
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    LOG.atDebug().addKeyValue("op", "webhook").addKeyValue("remote", ctx.channel().remoteAddress()).addKeyValue("error", cause.toString())
        .log("closing a webhook channel");
    ctx.close();
  }
}
