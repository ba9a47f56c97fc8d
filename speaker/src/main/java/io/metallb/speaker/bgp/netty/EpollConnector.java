package io.metallb.speaker.bgp.netty;

import io.metallb.net.IpAddress;
import io.metallb.speaker.bgp.PeerSettings;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.unix.IntegerUnixChannelOption;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Map;

/**
 * Dials the peer with Netty's epoll transport: optional bind to {@code sourceAddress}, TCP MD5
 * (RFC 2385) through epoll's {@code TCP_MD5SIG} option set before connect, and the TTL (IPv4
 * {@code IP_TTL}) or hop limit (IPv6 {@code IPV6_UNICAST_HOPS}) for eBGP. Connect attempts time
 * out after {@value #CONNECT_TIMEOUT_MILLIS} ms (spec §10.2).
 */
public final class EpollConnector implements Connector {
  /** The native dial budget (spec §10.2). */
  public static final int CONNECT_TIMEOUT_MILLIS = 10_000;
  private static final IntegerUnixChannelOption IP_TTL = new IntegerUnixChannelOption("IP_TTL", 0, 2); // IPPROTO_IP, IP_TTL (linux/in.h)
  private static final IntegerUnixChannelOption IPV6_UNICAST_HOPS =
      new IntegerUnixChannelOption("IPV6_UNICAST_HOPS", 41, 16); // IPPROTO_IPV6, IPV6_UNICAST_HOPS (linux/in6.h)

  private final EventLoop loop;
  private final PeerSettings peer;

  /** Dials {@code peer} from {@code loop}. */
  public EpollConnector(EventLoop loop, PeerSettings peer) {
    this.loop = loop;
    this.peer = peer;
  }

  @Override
  public ChannelFuture connect(ChannelInitializer<Channel> pipeline) {
    InetAddress remote = inet(peer.address());
    Bootstrap bootstrap = new Bootstrap().group(loop).channel(EpollTransport.socketChannel()).handler(pipeline)
        .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, CONNECT_TIMEOUT_MILLIS)
        .option(ChannelOption.TCP_NODELAY, true);
    if (peer.md5Key().length > 0) {
      bootstrap.option(EpollTransport.tcpMd5Sig(), Map.of(remote, peer.md5Key()));
    }
    peer.ttl().ifPresent(ttl -> bootstrap.option(peer.address().isIpv4() ? IP_TTL : IPV6_UNICAST_HOPS, ttl));
    InetSocketAddress target = new InetSocketAddress(remote, peer.port());
    return peer.sourceAddress()
        .map(source -> bootstrap.connect(target, new InetSocketAddress(inet(source), 0)))
        .orElseGet(() -> bootstrap.connect(target));
  }

  static InetAddress inet(IpAddress address) {
    try {
      return InetAddress.getByAddress(address.toBytes());
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException(e); // cannot happen: 4 or 16 bytes
    }
  }
}
