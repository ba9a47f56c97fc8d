package io.metallb.speaker.bfd.netty;

import static org.assertj.core.api.Assertions.assertThat;

import io.metallb.speaker.bgp.netty.EpollTransport;
import io.metallb.speaker.ffm.SocketFilter;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.DatagramPacket;
import io.netty.channel.socket.SocketProtocolFamily;
import io.netty.channel.unix.IntegerUnixChannelOption;
import io.netty.channel.unix.UnixChannel;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The kernel enforces {@link SocketFilter}'s minimum TTL on an epoll datagram socket (RFC 5881 §5):
 * over loopback, where the TTL is not decremented, a datagram sent with TTL 254 is dropped and one
 * with 255 arrives; IPv4 and IPv6.
 */
class BfdTtlFilterIT {
  private static final IntegerUnixChannelOption IP_TTL = new IntegerUnixChannelOption("IP_TTL", 0, 2);
  private static final IntegerUnixChannelOption IPV6_UNICAST_HOPS = new IntegerUnixChannelOption("IPV6_UNICAST_HOPS", 41, 16);

  private EventLoopGroup group;
  private final BlockingQueue<String> received = new LinkedBlockingQueue<>();

  @BeforeEach
  void start() {
    group = EpollTransport.newGroup(1);
  }

  @AfterEach
  void stop() {
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
  }

  private Channel receiver(boolean ipv6, int minimum) throws Exception {
    DatagramChannel channel = EpollTransport.newDatagramChannel(ipv6 ? SocketProtocolFamily.INET6 : SocketProtocolFamily.INET);
    SocketFilter.attachMinimumTtl(((UnixChannel) channel).fd().intValue(), ipv6, minimum);
    return new Bootstrap().group(group).channelFactory(() -> channel).handler(new SimpleChannelInboundHandler<DatagramPacket>() {
      @Override
      protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket msg) {
        received.add(msg.content().toString(StandardCharsets.US_ASCII));
      }
    }).bind(new InetSocketAddress(InetAddress.getByName(ipv6 ? "::1" : "127.0.0.1"), 0)).sync().channel();
  }

  private void send(boolean ipv6, int ttl, InetSocketAddress to) throws Exception {
    Channel sender = new Bootstrap().group(group)
        .channelFactory(() -> EpollTransport.newDatagramChannel(ipv6 ? SocketProtocolFamily.INET6 : SocketProtocolFamily.INET))
        .option(ipv6 ? IPV6_UNICAST_HOPS : IP_TTL, ttl).handler(new ChannelInboundHandlerAdapter())
        .bind(new InetSocketAddress(InetAddress.getByName(ipv6 ? "::1" : "127.0.0.1"), 0)).sync().channel();
    sender.writeAndFlush(new DatagramPacket(Unpooled.copiedBuffer("ttl" + ttl, StandardCharsets.US_ASCII), to)).sync();
    sender.close().sync();
  }

  private void belowTheMinimumIsDropped(boolean ipv6) throws Exception {
    Channel strict = receiver(ipv6, 255);
    InetSocketAddress to = (InetSocketAddress) strict.localAddress();
    send(ipv6, 254, to);
    send(ipv6, 64, to);
    send(ipv6, 255, to);
    assertThat(received.poll(5, TimeUnit.SECONDS)).isEqualTo("ttl255");
    Channel lenient = receiver(ipv6, 254);
    send(ipv6, 254, (InetSocketAddress) lenient.localAddress());
    assertThat(received.poll(5, TimeUnit.SECONDS)).as("254 passes a minimum of 254").isEqualTo("ttl254");
    assertThat(received.poll(200, TimeUnit.MILLISECONDS)).isNull();
    strict.close().sync();
    lenient.close().sync();
  }

  @Test
  void ipv4() throws Exception {
    belowTheMinimumIsDropped(false);
  }

  @Test
  void ipv6() throws Exception {
    belowTheMinimumIsDropped(true);
  }
}
