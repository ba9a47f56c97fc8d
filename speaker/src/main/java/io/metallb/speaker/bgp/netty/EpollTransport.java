package io.metallb.speaker.bgp.netty;

import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.SocketProtocolFamily;
import java.net.InetAddress;
import java.util.Map;

/**
 * Netty's epoll transport, looked up by name: the speaker's POM puts
 * {@code netty-transport-native-epoll} (and so {@code netty-transport-classes-epoll}) on the runtime
 * class path only. The lookups fail fast, at first use, with the missing class named. Shared by the
 * BGP sessions and the BFD sockets ({@code io.metallb.speaker.bfd.netty}). Thread-safe.
 */
public final class EpollTransport {
  private static final String PACKAGE = "io.netty.channel.epoll.";

  private EpollTransport() {}

  /** {@code EpollSocketChannel.class}. */
  public static Class<? extends Channel> socketChannel() {
    return load("EpollSocketChannel").asSubclass(Channel.class);
  }

  /** A group of {@code threads} epoll event loops. */
  public static EventLoopGroup newGroup(int threads) {
    try {
      IoHandlerFactory factory = (IoHandlerFactory) load("EpollIoHandler").getMethod("newFactory").invoke(null);
      return new MultiThreadIoEventLoopGroup(threads, factory);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("Netty epoll transport unusable", e);
    }
  }

  /**
   * A new, unregistered {@code EpollDatagramChannel} of {@code family} (an AF_INET or AF_INET6
   * socket); the caller owns it until it is registered with an epoll event loop.
   */
  public static DatagramChannel newDatagramChannel(SocketProtocolFamily family) {
    try {
      return (DatagramChannel) load("EpollDatagramChannel").getConstructor(SocketProtocolFamily.class).newInstance(family);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("Netty epoll transport unusable", e);
    }
  }

  /** {@code EpollChannelOption.TCP_MD5SIG}: peer address to MD5 key, set before connect. */
  @SuppressWarnings("unchecked") // the constant's declared type, registered by EpollChannelOption's initializer
  static ChannelOption<Map<InetAddress, byte[]>> tcpMd5Sig() {
    load("EpollChannelOption");
    return (ChannelOption<Map<InetAddress, byte[]>>) (ChannelOption<?>) ChannelOption.valueOf("TCP_MD5SIG");
  }

  private static Class<?> load(String simpleName) {
    try {
      return Class.forName(PACKAGE + simpleName, true, EpollTransport.class.getClassLoader());
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException("Netty epoll transport missing from the class path: " + e.getMessage(), e);
    }
  }
}
