package io.metallb.speaker.bgp.netty;

import static org.assertj.core.api.Assertions.assertThat;

import io.metallb.net.Cidr;
import io.metallb.net.IpAddress;
import io.metallb.speaker.bgp.Advertisement;
import io.metallb.speaker.bgp.InMemoryBgpMetrics;
import io.metallb.speaker.bgp.PeerSettings;
import io.metallb.speaker.bgp.RouterIds;
import io.metallb.speaker.bgp.codec.BgpFrameDecoder;
import io.metallb.speaker.bgp.codec.BgpMessageEncoder;
import io.metallb.speaker.bgp.codec.Decoded;
import io.metallb.speaker.bgp.fsm.SessionSettings;
import io.metallb.speaker.bgp.fsm.State;
import io.metallb.speaker.bgp.message.BgpMessage;
import io.metallb.speaker.bgp.message.Capability;
import io.metallb.speaker.bgp.message.Family;
import io.metallb.speaker.bgp.message.Keepalive;
import io.metallb.speaker.bgp.message.Open;
import io.metallb.speaker.bgp.message.Update;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.SimpleChannelInboundHandler;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A real epoll connection over 127.0.0.1 to a minimal passive BGP peer built from our own codec:
 * the session establishes, the route arrives, and TCP MD5 (RFC 2385) must match on both ends.
 */
class BgpLoopbackIT {
  private static final String KEY = "s3cr3t";
  private static final Cidr PREFIX = Cidr.of("203.0.113.10/32");

  private EventLoopGroup group;
  private Channel server;
  private final BlockingQueue<BgpMessage> received = new LinkedBlockingQueue<>();

  @BeforeEach
  void startPeer() throws Exception {
    group = EpollTransport.newGroup(1);
    Class<? extends ServerChannel> serverClass =
        Class.forName("io.netty.channel.epoll.EpollServerSocketChannel").asSubclass(ServerChannel.class);
    server = new ServerBootstrap().group(group).channel(serverClass)
        .option(EpollTransport.tcpMd5Sig(), Map.of(InetAddress.getLoopbackAddress(), KEY.getBytes(StandardCharsets.UTF_8)))
        .childHandler(new ChannelInitializer<>() {
          @Override
          protected void initChannel(Channel ch) {
            ch.pipeline().addLast(new BgpFrameDecoder(), BgpMessageEncoder.FOUR_OCTET_AS, new SimpleChannelInboundHandler<Decoded>() {
              @Override
              protected void channelRead0(ChannelHandlerContext ctx, Decoded d) {
                BgpMessage m = ((Decoded.Message) d).message();
                received.add(m);
                if (m instanceof Open) {
                  ctx.write(new Open(4, 64500, 90, RouterIds.toLong(IpAddress.of("192.0.2.1")),
                      List.of(Capability.Multiprotocol.of(Family.IPV4_UNICAST), new Capability.FourOctetAs(64500))));
                  ctx.writeAndFlush(Keepalive.INSTANCE);
                }
              }
            });
          }
        }).bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)).sync().channel();
  }

  @AfterEach
  void stopPeer() {
    server.close().syncUninterruptibly();
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
  }

  private PeerSession session(String key) {
    int port = ((InetSocketAddress) server.localAddress()).getPort();
    SessionSettings settings = new SessionSettings(64512, 64500, "", Duration.ofSeconds(9), Optional.empty(),
        Optional.of(Duration.ofSeconds(1)), EnumSet.allOf(Family.class), Optional.empty());
    PeerSettings peer = new PeerSettings("loop", IpAddress.of("127.0.0.1"), port, Optional.of(IpAddress.of("127.0.0.1")),
        key.getBytes(StandardCharsets.UTF_8), Optional.of(PeerSettings.DIRECT_EBGP_TTL), Optional.empty(), settings);
    var loop = group.next();
    PeerSession session = new PeerSession(peer, loop, new EpollConnector(loop, peer), new InMemoryBgpMetrics(), "node1",
        a -> Optional.empty(), (s, from, to, reason) -> { });
    session.setAdvertisements(Map.of(PREFIX, Advertisement.of(PREFIX)));
    session.start();
    return session;
  }

  private BgpMessage next() throws InterruptedException {
    BgpMessage m = received.poll(10, TimeUnit.SECONDS);
    assertThat(m).as("a message within 10 s").isNotNull();
    return m;
  }

  @Test
  void establishesWithTheRightMd5KeyAndAnnounces() throws Exception {
    PeerSession session = session(KEY);
    assertThat(next()).isInstanceOfSatisfying(Open.class, o -> assertThat(o.asn()).isEqualTo(64512));
    assertThat(next()).isEqualTo(Keepalive.INSTANCE);
    assertThat(next()).isInstanceOfSatisfying(Update.class, u -> {
      assertThat(u.nlri()).containsExactly(PREFIX);
      assertThat(u.attribute(io.metallb.speaker.bgp.message.PathAttribute.NextHop.class).orElseThrow().address())
          .isEqualTo(IpAddress.of("127.0.0.1"));
    });
    assertThat(next()).isEqualTo(Update.endOfRib(Family.IPV4_UNICAST));
    assertThat(session.state()).isEqualTo(State.ESTABLISHED);
    session.stop(Optional.empty());
  }

  @Test
  void wrongMd5KeyNeverConnects() throws Exception {
    PeerSession session = session("wrong");
    assertThat(received.poll(4, TimeUnit.SECONDS)).isNull();
    assertThat(session.state()).isNotEqualTo(State.ESTABLISHED);
    session.stop(Optional.empty());
  }
}
