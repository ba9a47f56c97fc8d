package io.metallb.controller.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.ssl.SslContext;
import org.junit.jupiter.api.Test;

/** The TLS context of {@link WebhookServer}, without a socket: ALPN offers and protocol versions. */
class WebhookServerTest {
  @Test
  void alpnOffersH2OnlyWithTheFlag() throws Exception {
    assertThat(WebhookServer.tlsContext(new ReloadingKeyManager(), "", false).applicationProtocolNegotiator().protocols())
        .containsExactly("http/1.1");
    assertThat(WebhookServer.tlsContext(new ReloadingKeyManager(), "", true).applicationProtocolNegotiator().protocols())
        .containsExactly("h2", "http/1.1");
  }

  @Test
  void tlsMinVersion() throws Exception {
    SslContext tls12 = WebhookServer.tlsContext(new ReloadingKeyManager(), "VersionTLS12", false);
    assertThat(tls12.newEngine(ByteBufAllocator.DEFAULT).getEnabledProtocols()).containsExactlyInAnyOrder("TLSv1.3", "TLSv1.2");
    SslContext tls13 = WebhookServer.tlsContext(new ReloadingKeyManager(), "VersionTLS13", false);
    assertThat(tls13.newEngine(ByteBufAllocator.DEFAULT).getEnabledProtocols()).containsExactly("TLSv1.3");
    assertThatThrownBy(() -> WebhookServer.tlsContext(new ReloadingKeyManager(), "VersionTLS10", false))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("VersionTLS10");
  }
}
