package io.metallb.speaker.memberlist.transport;

import io.metallb.speaker.memberlist.core.Network;
import io.metallb.speaker.memberlist.core.Scheduler;
import io.metallb.speaker.memberlist.wire.DropReason;
import io.metallb.speaker.memberlist.wire.Message;
import io.metallb.speaker.memberlist.wire.Message.ErrorResponse;
import io.metallb.speaker.memberlist.wire.PacketCodec;
import io.metallb.speaker.memberlist.wire.WireFormatException;
import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.DatagramPacket;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * memberlist's {@code NetTransport} on Netty: one UDP socket and one TCP listener on the same
 * address and port (7946 by default), and outbound TCP streams for push-pull and fallback pings.
 * Everything — channels, timers and the {@link InboundHandler} — runs on one event-loop thread,
 * which is also the {@link Scheduler} the core must use. Malformed input is counted in
 * {@link DropCounters} and dropped, never thrown.
 */
public final class NettyTransport implements Network, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(NettyTransport.class);
  /** memberlist's stream state limit plus framing. */
  private static final int MAX_STREAM_BYTES = 20 * 1024 * 1024 + 64;
  /** memberlist {@code udpPacketBufSize}: the largest datagram read. */
  private static final int UDP_RECEIVE_BUFFER = 65536;

  private final EventLoopGroup group;
  private final EventLoop loop;
  private final PacketCodec codec;
  private final DropCounters drops;
  private final Duration streamTimeout;
  private final Channel udp;
  private final Channel tcp;
  private volatile InboundHandler handler = new InboundHandler() {
    @Override
    public void onPacket(InetSocketAddress from, Message message) { }

    @Override
    public Optional<Message> onStream(InetSocketAddress from, Message request) {
      return Optional.empty();
    }
  };

  private NettyTransport(EventLoopGroup group, PacketCodec codec, DropCounters drops, Duration streamTimeout,
      InetSocketAddress bind) throws InterruptedException {
    this.group = group;
    this.loop = group.next();
    this.codec = codec;
    this.drops = drops;
    this.streamTimeout = streamTimeout;
    this.udp = new Bootstrap().group(loop).channel(NioDatagramChannel.class)
        .option(ChannelOption.SO_RCVBUF, 2 * 1024 * 1024)
        .handler(new SimpleChannelInboundHandler<DatagramPacket>() {
          @Override
          protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
            readPacket(packet);
          }
        }).bind(bind).sync().channel();
    InetSocketAddress bound = (InetSocketAddress) udp.localAddress();
    this.tcp = new ServerBootstrap().group(loop).channel(NioServerSocketChannel.class)
        .option(ChannelOption.SO_REUSEADDR, true)
        .childHandler(new ChannelInitializer<SocketChannel>() {
          @Override
          protected void initChannel(SocketChannel ch) {
            ch.pipeline().addLast(new InboundStream());
          }
        }).bind(bound).sync().channel();
  }

  /**
   * Binds UDP and TCP on {@code bind} (port 0: any free port, the same for both) and starts the
   * event loop. Blocks until bound.
   *
   * @param streamTimeout how long an inbound stream may take (memberlist {@code TCPTimeout})
   * @throws IllegalStateException when binding fails
   */
  public static NettyTransport bind(InetSocketAddress bind, PacketCodec codec, DropCounters drops,
      Duration streamTimeout) {
    EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    try {
      return new NettyTransport(group, codec, drops, streamTimeout, bind);
    } catch (Exception e) {
      group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
      throw new IllegalStateException("cannot bind memberlist on " + bind + ": " + e.getMessage(), e);
    }
  }

  /** Sets where inbound messages go; call before traffic is expected. */
  public void handler(InboundHandler inbound) {
    this.handler = inbound;
  }

  /** The UDP and TCP address bound. */
  public InetSocketAddress localAddress() {
    return (InetSocketAddress) udp.localAddress();
  }

  /** The event loop everything runs on. */
  public EventLoop eventLoop() {
    return loop;
  }

  /** A {@link Scheduler} on the event loop. */
  public Scheduler scheduler() {
    return (delay, task) -> {
      var future = loop.schedule(task, Math.max(0, delay.toNanos()), TimeUnit.NANOSECONDS);
      return () -> future.cancel(false);
    };
  }

  private void readPacket(DatagramPacket packet) {
    ByteBuf content = packet.content();
    byte[] bytes = new byte[content.readableBytes()];
    content.readBytes(bytes);
    PacketCodec.Decoded decoded = codec.decodePacket(bytes);
    decoded.drops().forEach(reason -> {
      drops.count(reason);
      LOG.atDebug().addKeyValue("op", "packet").addKeyValue("from", packet.sender())
          .addKeyValue("reason", reason).log("dropped memberlist packet");
    });
    for (Message m : decoded.messages()) {
      handler.onPacket(packet.sender(), m);
    }
  }

  @Override
  public void sendPacket(InetSocketAddress to, List<Message> messages, List<byte[]> encoded, boolean withCrc) {
    byte[] packet = codec.encodePacket(encoded, withCrc);
    udp.writeAndFlush(new DatagramPacket(Unpooled.wrappedBuffer(packet), to));
  }

  @Override
  public void request(InetSocketAddress to, Message request, Duration timeout, Consumer<StreamReply> onReply) {
    OutboundStream stream = new OutboundStream(request, onReply);
    var timer = loop.schedule(() -> stream.complete(new StreamReply.Failure("i/o timeout")),
        timeout.toNanos(), TimeUnit.NANOSECONDS);
    stream.timer = timer;
    new Bootstrap().group(loop).channel(NioSocketChannel.class)
        .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toMillis())))
        .handler(stream).connect(to).addListener((ChannelFutureListener) f -> {
          if (!f.isSuccess()) {
            stream.complete(new StreamReply.Failure(String.valueOf(f.cause().getMessage())));
          } else {
            stream.channel = f.channel();
            if (stream.done) {
              f.channel().close();
            } else {
              f.channel().writeAndFlush(Unpooled.wrappedBuffer(codec.encodeStream(request)));
            }
          }
        });
  }

  /** Accumulates stream bytes until the codec reads a whole message. */
  private abstract class StreamReader extends ChannelInboundHandlerAdapter {
    private final ByteArrayOutputStream received = new ByteArrayOutputStream();

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      ByteBuf buf = (ByteBuf) msg;
      try {
        byte[] chunk = new byte[buf.readableBytes()];
        buf.readBytes(chunk);
        received.writeBytes(chunk);
      } finally {
        buf.release();
      }
      if (received.size() > MAX_STREAM_BYTES) {
        fail(ctx, DropReason.TOO_LARGE, "stream larger than memberlist allows");
        return;
      }
      byte[] bytes = received.toByteArray();
      try {
        Optional<Message> message = codec.tryDecodeStream(bytes, bytes.length);
        message.ifPresent(m -> onMessage(ctx, m));
      } catch (WireFormatException e) {
        fail(ctx, e.reason(), e.getMessage());
      }
    }

    abstract void onMessage(ChannelHandlerContext ctx, Message message);

    abstract void fail(ChannelHandlerContext ctx, DropReason reason, String detail);
  }

  private final class InboundStream extends StreamReader {
    private io.netty.util.concurrent.ScheduledFuture<?> timeout;
    private boolean answered;

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
      timeout = ctx.executor().schedule(() -> {
        ctx.close();
      }, streamTimeout.toNanos(), TimeUnit.NANOSECONDS);
      ctx.fireChannelActive();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
      if (timeout != null) {
        timeout.cancel(false);
      }
    }

    @Override
    void onMessage(ChannelHandlerContext ctx, Message message) {
      if (answered) {
        return;
      }
      answered = true;
      Optional<Message> reply = handler.onStream((InetSocketAddress) ctx.channel().remoteAddress(), message);
      if (reply.isPresent()) {
        ctx.writeAndFlush(Unpooled.wrappedBuffer(codec.encodeStream(reply.get())))
            .addListener(ChannelFutureListener.CLOSE);
      } else {
        ctx.close();
      }
    }

    @Override
    void fail(ChannelHandlerContext ctx, DropReason reason, String detail) {
      drops.count(reason);
      LOG.atDebug().addKeyValue("op", "stream").addKeyValue("from", ctx.channel().remoteAddress())
          .addKeyValue("reason", reason).log("dropped memberlist stream: {}", detail);
      answered = true;
      // as memberlist's handleConn: tell the peer why, then close
      ctx.writeAndFlush(Unpooled.wrappedBuffer(codec.encodeStream(new ErrorResponse(detail))))
          .addListener(ChannelFutureListener.CLOSE);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      ctx.close();
    }
  }

  private final class OutboundStream extends StreamReader {
    private final Consumer<StreamReply> onReply;
    private io.netty.util.concurrent.ScheduledFuture<?> timer;
    private Channel channel;
    private boolean done;

    OutboundStream(Message request, Consumer<StreamReply> onReply) {
      this.onReply = onReply;
    }

    void complete(StreamReply reply) {
      if (done) {
        return;
      }
      done = true;
      if (timer != null) {
        timer.cancel(false);
      }
      if (channel != null) {
        channel.close();
      }
      onReply.accept(reply);
    }

    @Override
    void onMessage(ChannelHandlerContext ctx, Message message) {
      complete(new StreamReply.Response(message));
    }

    @Override
    void fail(ChannelHandlerContext ctx, DropReason reason, String detail) {
      drops.count(reason);
      complete(new StreamReply.Failure(reason + ": " + detail));
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
      complete(new StreamReply.Failure("connection closed"));
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      complete(new StreamReply.Failure(String.valueOf(cause.getMessage())));
    }
  }

  /** Closes the sockets and stops the event loop; blocks up to a few seconds. */
  @Override
  public void close() {
    udp.close();
    tcp.close();
    group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
  }
}
