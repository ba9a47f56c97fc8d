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
import java.io.IOException;
import java.net.ConnectException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Dials the peer with Netty's epoll transport: optional bind to {@code sourceAddress}, TCP MD5
 * (RFC 2385) through epoll's {@code TCP_MD5SIG} option set before connect, and the TTL (IPv4
 * {@code IP_TTL}) or hop limit (IPv6 {@code IPV6_UNICAST_HOPS}) for eBGP. Connect attempts time
 * out after {@value #CONNECT_TIMEOUT_MILLIS} ms (spec §10.2). An unnumbered peer is dialled at the
 * link-local address learned on its interface, scoped to that interface; until one is learned the
 * attempt fails at once (and the FSM retries after its backoff).
 */
public final class EpollConnector implements Connector {
  /** The native dial budget (spec §10.2). */
  public static final int CONNECT_TIMEOUT_MILLIS = 10_000;
  private static final IntegerUnixChannelOption IP_TTL = new IntegerUnixChannelOption("IP_TTL", 0, 2); // IPPROTO_IP, IP_TTL (linux/in.h)
  private static final IntegerUnixChannelOption IPV6_UNICAST_HOPS =
      new IntegerUnixChannelOption("IPV6_UNICAST_HOPS", 41, 16); // IPPROTO_IPV6, IPV6_UNICAST_HOPS (linux/in6.h)

  private final EventLoop loop;
  private final PeerSettings peer;
  private final Function<String, Optional<IpAddress>> linkLocalNeighbor;

  /** Dials the numbered {@code peer} from {@code loop}. */
  public EpollConnector(EventLoop loop, PeerSettings peer) {
    this(loop, peer, iface -> Optional.empty());
  }

  /**
   * Dials {@code peer} from {@code loop}; {@code linkLocalNeighbor} gives an interface's learned
   * neighbour link-local address, for unnumbered peers. It must not block.
   */
  public EpollConnector(EventLoop loop, PeerSettings peer, Function<String, Optional<IpAddress>> linkLocalNeighbor) {
    this.loop = loop;
    this.peer = peer;
    this.linkLocalNeighbor = linkLocalNeighbor;
  }

  @Override
  public ChannelFuture connect(ChannelInitializer<Channel> pipeline) {
    InetAddress remote;
    try {
      remote = peer.iface().isPresent() ? unnumbered(peer.iface().get()) : inet(peer.address());
    } catch (IOException e) {
      ChannelFuture registered = new Bootstrap().group(loop).channel(EpollTransport.socketChannel()).handler(pipeline).register();
      return registered.channel().newFailedFuture(e);
    }
    Bootstrap bootstrap = new Bootstrap().group(loop).channel(EpollTransport.socketChannel()).handler(pipeline)
        .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, CONNECT_TIMEOUT_MILLIS)
        .option(ChannelOption.TCP_NODELAY, true);
    if (peer.md5Key().length > 0) {
      bootstrap.option(EpollTransport.tcpMd5Sig(), Map.of(remote, peer.md5Key()));
    }
    peer.ttl().ifPresent(ttl -> bootstrap.option(remote instanceof Inet4Address ? IP_TTL : IPV6_UNICAST_HOPS, ttl));
    InetSocketAddress target = new InetSocketAddress(remote, peer.port());
    return peer.sourceAddress()
        .map(source -> bootstrap.connect(target, new InetSocketAddress(inet(source), 0)))
        .orElseGet(() -> bootstrap.connect(target));
  }

  /** The peer's link-local address on {@code iface}, with the interface as scope (RFC 4007 §6). */
  private InetAddress unnumbered(String iface) throws IOException {
    NetworkInterface nic = NetworkInterface.getByName(iface);
    if (nic == null) {
      throw new ConnectException("interface " + iface + " of the unnumbered peer does not exist");
    }
    Optional<IpAddress> neighbor = linkLocalNeighbor.apply(iface);
    if (neighbor.isEmpty()) {
      throw new ConnectException("no router advertisement from the unnumbered peer on " + iface + " yet");
    }
    return Inet6Address.getByAddress(null, neighbor.get().to16(), nic);
  }

  static InetAddress inet(IpAddress address) {
    try {
      return InetAddress.getByAddress(address.toBytes());
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException(e); // cannot happen: 4 or 16 bytes
    }
  }
}
