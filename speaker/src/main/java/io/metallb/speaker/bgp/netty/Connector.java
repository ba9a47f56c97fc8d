package io.metallb.speaker.bgp.netty;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;

/**
 * Opens a session's TCP connection. The real one dials with epoll ({@link EpollConnector}); tests
 * hand out {@code EmbeddedChannel}s.
 */
public interface Connector {
  /**
   * Starts connecting; {@code pipeline} initializes the new channel, whose {@code channelActive}
   * marks success. The returned future fails if the connection cannot be made. Called on the
   * session's event loop; must not block.
   */
  ChannelFuture connect(ChannelInitializer<Channel> pipeline);
}
