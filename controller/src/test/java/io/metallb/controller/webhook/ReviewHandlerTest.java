package io.metallb.controller.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * {@link ReviewHandler} through an {@link EmbeddedChannel}: answers are decided off the event loop
 * (a queue the test drains stands for the workers), keep request order, and map methods, paths and
 * bodies to MetalLB's status codes.
 */
class ReviewHandlerTest {
  /** The route echoes the review it read. */
  static final Map<String, Function<JsonNode, JsonNode>> ROUTES = Map.of("/echo", review -> review);

  static FullHttpRequest request(HttpMethod method, String uri, String body) {
    return new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, method, uri, Unpooled.copiedBuffer(body, StandardCharsets.UTF_8));
  }

  /** Reads one response, copies what the test checks, releases it. */
  record Seen(HttpResponseStatus status, String contentType, String contentLength, String allow, String body) {
    static Seen read(EmbeddedChannel ch) {
      FullHttpResponse r = ch.readOutbound();
      assertThat(r).as("a response").isNotNull();
      try {
        return new Seen(r.status(), r.headers().get(HttpHeaderNames.CONTENT_TYPE), r.headers().get(HttpHeaderNames.CONTENT_LENGTH),
            r.headers().get(HttpHeaderNames.ALLOW), r.content().toString(StandardCharsets.UTF_8));
      } finally {
        r.release();
      }
    }
  }

  @Test
  void answersOnTheWorkersAndInRequestOrder() {
    ArrayDeque<Runnable> workers = new ArrayDeque<>();
    EmbeddedChannel ch = new EmbeddedChannel(new ReviewHandler(ROUTES, workers::add));

    ch.writeInbound(request(HttpMethod.POST, "/echo?timeout=10s", "{\"uid\":\"first\"}"));
    ch.writeInbound(request(HttpMethod.POST, "/echo", "{\"uid\":\"second\"}"));
    assertThat(ch.outboundMessages()).as("nothing decided on the event loop").isEmpty();
    assertThat(workers).as("the second waits for the first").hasSize(1);

    workers.poll().run();
    assertThat(Seen.read(ch)).isEqualTo(new Seen(HttpResponseStatus.OK, "application/json", "15", null, "{\"uid\":\"first\"}"));
    assertThat(workers).hasSize(1);
    workers.poll().run();
    assertThat(Seen.read(ch).body()).isEqualTo("{\"uid\":\"second\"}");
    assertThat(workers).isEmpty();
    assertThat(ch.finish()).isFalse();
  }

  @Test
  void statusCodes() {
    EmbeddedChannel ch = new EmbeddedChannel(new ReviewHandler(ROUTES, Runnable::run));

    ch.writeInbound(request(HttpMethod.GET, "/echo", ""));
    assertThat(Seen.read(ch)).isEqualTo(new Seen(HttpResponseStatus.METHOD_NOT_ALLOWED, "text/plain; charset=utf-8", "0", "POST", ""));

    ch.writeInbound(request(HttpMethod.POST, "/echo/more", "{}"));
    assertThat(Seen.read(ch)).isEqualTo(new Seen(HttpResponseStatus.NOT_FOUND, "text/plain; charset=utf-8", "18", null, "404 page not found"));

    ch.writeInbound(request(HttpMethod.POST, "/echo", "{\"uid\":"));
    Seen garbage = Seen.read(ch);
    assertThat(garbage.status()).isEqualTo(HttpResponseStatus.BAD_REQUEST);
    assertThat(garbage.body()).startsWith("cannot read the review: ");

    assertThat(ch.isOpen()).as("answered errors keep the connection").isTrue();
    assertThat(ch.finish()).isFalse();
  }

  @Test
  void malformedRequestIsAnsweredThenClosed() {
    EmbeddedChannel ch = new EmbeddedChannel(new ReviewHandler(ROUTES, Runnable::run));
    FullHttpRequest bad = request(HttpMethod.POST, "/echo", "{}");
    bad.setDecoderResult(DecoderResult.failure(new IllegalArgumentException("header too long")));

    ch.writeInbound(bad);

    assertThat(Seen.read(ch)).isEqualTo(new Seen(HttpResponseStatus.BAD_REQUEST, "text/plain; charset=utf-8", "17", null, "malformed request"));
    assertThat(ch.isOpen()).isFalse();
    assertThat(ch.finish()).isFalse();
  }

  @Test
  void targetsThatDoNotDecodeMatchNoRoute() {
    assertThat(ReviewHandler.path("/convert?x=1")).isEqualTo("/convert");
    assertThat(ReviewHandler.path("/con%76ert")).isEqualTo("/convert");
    assertThat(ReviewHandler.path("/convert%zz")).isEqualTo("/convert%zz");
  }
}
