package io.metallb.speaker.bfd.netty;

import io.metallb.net.IpAddress;
import io.metallb.speaker.bfd.BfdMetrics;
import io.metallb.speaker.bfd.BfdPeerSettings;
import io.metallb.speaker.bfd.BfdSession;
import io.metallb.speaker.bfd.ControlPacket;
import io.metallb.speaker.bfd.ControlPacketCodec;
import io.metallb.speaker.bfd.Decoded;
import io.metallb.speaker.bfd.DropReason;
import io.metallb.speaker.bfd.Outcome;
import io.metallb.speaker.bfd.SessionState;
import io.metallb.speaker.bfd.StateChange;
import io.metallb.speaker.bgp.netty.EpollTransport;
import io.metallb.speaker.ffm.SocketFilter;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelException;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.DatagramPacket;
import io.netty.channel.socket.SocketProtocolFamily;
import io.netty.channel.unix.IntegerUnixChannelOption;
import io.netty.channel.unix.UnixChannel;
import io.netty.util.concurrent.ScheduledFuture;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's BFD sessions over UDP on Netty's epoll transport: the I/O shell around one {@link
 * BfdSession} per {@link BfdPeerSettings.Key}. Single hop follows RFC 5881 (to port {@value
 * #SINGLE_HOP_PORT}, TTL / Hop Limit 255 sent, and only 255 accepted), multihop RFC 5883 (to port
 * {@value #MULTIHOP_PORT}, TTL 255 sent, at least the profile's {@code minimumTtl} accepted; one
 * receive socket serves all multihop sessions of a family, so the lowest of their minimums
 * applies). IPv4 and IPv6. The TTL check is a kernel socket filter ({@link SocketFilter}).
 *
 * <p>Sockets: one receive socket per family and hop mode, opened while a session needs it
 * ({@code IPV6_V6ONLY} on IPv6); one send socket per session, bound to the peer's
 * {@code sourceAddress} (else the wildcard) and a random source port in {@value
 * #SOURCE_PORT_MIN}–{@value #SOURCE_PORT_MAX} (RFC 5881 §4), sending with IP precedence 6 as FRR
 * does. A session starts once its send socket is bound.
 *
 * <p>Thread-safety: all state lives on one event loop; the public methods may be called from any
 * thread (except {@link #close()} from the loop itself) and return without waiting for the network.
 * The {@link Listener} and the metrics are called on the loop.
 */
public final class BfdSessions implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(BfdSessions.class);
  /** Destination port of single-hop Control packets (RFC 5881 §4). */
  public static final int SINGLE_HOP_PORT = 3784;
  /** Destination port of multihop Control packets (RFC 5883 §5). */
  public static final int MULTIHOP_PORT = 4784;
  /** Source port range of Control packets (RFC 5881 §4, used for multihop too). */
  public static final int SOURCE_PORT_MIN = 49152;
  public static final int SOURCE_PORT_MAX = 65535;
  /** IP TOS / IPv6 Traffic Class: precedence 6, network control, as FRR's bfdd sends. */
  public static final int TRAFFIC_CLASS = 0xc0;
  /** Tries at binding a free source port before a session gives up. */
  static final int MAX_BIND_ATTEMPTS = 32;
  /** A receive socket that cannot be bound is tried again after this long (ms). */
  static final long RECEIVER_RETRY_MILLIS = 5_000;
  /** Largest datagram kept: the one-byte Length field caps a Control packet at 255 bytes. */
  private static final int RECEIVE_BUFFER = 512;
  private static final IntegerUnixChannelOption IP_TTL = new IntegerUnixChannelOption("IP_TTL", 0, 2); // IPPROTO_IP, IP_TTL (linux/in.h)
  private static final IntegerUnixChannelOption IPV6_UNICAST_HOPS =
      new IntegerUnixChannelOption("IPV6_UNICAST_HOPS", 41, 16); // IPPROTO_IPV6, IPV6_UNICAST_HOPS (linux/in6.h)
  private static final IntegerUnixChannelOption IPV6_V6ONLY = new IntegerUnixChannelOption("IPV6_V6ONLY", 41, 26); // linux/in6.h

  /** Receives state changes, on the event loop; must not block. */
  public interface Listener {
    /** Session {@code session} changed state; see {@link StateChange#signalsFailure()}. */
    void stateChanged(BfdPeerSettings.Key session, StateChange change);
  }

  /**
   * Where sessions listen and send to. Production uses {@link #standard()}; tests move the ports to
   * run two endpoints on one host.
   *
   * @param listenV4 the IPv4 address the receive sockets bind
   * @param listenV6 the IPv6 address the receive sockets bind
   * @param singleHopPort the local single-hop receive port
   * @param multihopPort the local multihop receive port
   * @param peerSingleHopPort the port single-hop packets are sent to
   * @param peerMultihopPort the port multihop packets are sent to
   */
  public record Endpoint(InetAddress listenV4, InetAddress listenV6, int singleHopPort, int multihopPort, int peerSingleHopPort,
      int peerMultihopPort) {
    /** The wildcard addresses and the RFC ports. */
    public static Endpoint standard() {
      return new Endpoint(inet(IpAddress.of("0.0.0.0")), inet(IpAddress.of("::")), SINGLE_HOP_PORT, MULTIHOP_PORT, SINGLE_HOP_PORT,
          MULTIHOP_PORT);
    }
  }

  private final EventLoop loop;
  private final Endpoint endpoint;
  private final BfdMetrics metrics;
  private final Listener listener;
  private final RandomGenerator random;
  private final LongSupplier nanoTime;
  private final Map<BfdPeerSettings.Key, Entry> entries = new LinkedHashMap<>(); // session key -> session; loop only
  private final Map<Long, Entry> byDiscriminator = new HashMap<>(); // bfd.LocalDiscr -> session; loop only
  private final Map<ReceiverKey, Receiver> receivers = new HashMap<>(); // open receive sockets; loop only
  private final Map<ReceiverKey, String> receiverErrors = new HashMap<>(); // last bind error logged; loop only
  private final Map<BfdPeerSettings.Key, SessionState> states = new ConcurrentHashMap<>(); // session key -> state, any thread
  private volatile boolean closed;

  /**
   * No sessions yet; nothing is bound until {@link #setPeers} asks for a session.
   *
   * @param loop an epoll event loop; the sessions' only thread
   * @param listener told of every state change
   */
  public BfdSessions(EventLoop loop, Endpoint endpoint, BfdMetrics metrics, Listener listener) {
    this(loop, endpoint, metrics, listener, new SplittableRandom(), System::nanoTime);
  }

  BfdSessions(EventLoop loop, Endpoint endpoint, BfdMetrics metrics, Listener listener, RandomGenerator random, LongSupplier nanoTime) {
    this.loop = loop;
    this.endpoint = endpoint;
    this.metrics = metrics;
    this.listener = listener;
    this.random = random;
    this.nanoTime = nanoTime;
  }

  /**
   * Runs sessions for exactly {@code peers}, one per {@link BfdPeerSettings#key()} (the first wins
   * a duplicate key). A session whose settings changed only in timers or role is reconfigured in
   * place (a Poll Sequence, RFC 5880 §6.8.3); one with another source address is replaced; a
   * session no longer wanted announces AdminDown (diagnostic 7) and closes.
   */
  public void setPeers(Collection<BfdPeerSettings> peers) {
    Map<BfdPeerSettings.Key, BfdPeerSettings> wanted = new LinkedHashMap<>();
    peers.forEach(p -> wanted.putIfAbsent(p.key(), p));
    execute(() -> apply(wanted));
  }

  /** Each session's state, as of the last event handled. */
  public Map<BfdPeerSettings.Key, SessionState> states() {
    return Map.copyOf(states);
  }

  /**
   * Announces AdminDown on every session and closes every socket; waits up to 5 s for that. Later
   * calls do nothing. Must not be called on the event loop.
   */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (!loop.isShuttingDown()) {
      loop.submit(this::closeNow).awaitUninterruptibly(5, TimeUnit.SECONDS);
    }
  }

  private void execute(Runnable task) {
    if (!closed) {
      loop.execute(() -> {
        if (!closed) {
          task.run();
        }
      });
    }
  }

  private void apply(Map<BfdPeerSettings.Key, BfdPeerSettings> wanted) {
    for (Entry e : List.copyOf(entries.values())) {
      BfdPeerSettings next = wanted.get(e.settings.key());
      if (next == null || !next.sourceAddress().equals(e.settings.sourceAddress())) {
        remove(e);
      }
    }
    for (BfdPeerSettings s : wanted.values()) {
      Entry e = entries.get(s.key());
      if (e == null) {
        add(s);
      } else if (!e.settings.equals(s)) {
        e.settings = s;
        if (e.session != null) {
          long now = nanoTime.getAsLong();
          handle(e, e.session.configure(s.parameters(), now), now);
        }
      }
    }
    syncReceivers();
  }

  private void add(BfdPeerSettings s) {
    long discriminator;
    do {
      discriminator = 1 + random.nextLong(ControlPacket.MAX_UINT32);
    } while (byDiscriminator.containsKey(discriminator));
    Entry e = new Entry(s, discriminator);
    entries.put(s.key(), e);
    byDiscriminator.put(discriminator, e);
    states.put(s.key(), SessionState.DOWN);
    metrics.sessionCreated(e.label);
    LOG.atDebug().addKeyValue("op", "bfd").addKeyValue("peer", e.label).addKeyValue("profile", s.profile())
        .addKeyValue("multihop", s.multihop()).log("BFD session created");
    bindSender(e);
  }

  private void remove(Entry e) {
    e.closed = true;
    entries.remove(e.settings.key());
    byDiscriminator.remove(e.discriminator);
    states.remove(e.settings.key());
    if (e.timer != null) {
      e.timer.cancel(false);
    }
    if (e.session != null) {
      e.session.adminDown(nanoTime.getAsLong()).transmit().forEach(p -> send(e, p));
    }
    if (e.binding != null) {
      e.binding.channel().close();
    }
    metrics.sessionDeleted(e.label);
    LOG.atDebug().addKeyValue("op", "bfd").addKeyValue("peer", e.label).log("BFD session removed");
  }

  /** Binds the session's send socket to a random source port, trying others when one is taken. */
  private void bindSender(Entry e) {
    boolean ipv6 = !e.settings.address().isIpv4();
    InetAddress source = e.settings.sourceAddress().map(BfdSessions::inet)
        .orElseGet(() -> inet(IpAddress.of(ipv6 ? "::" : "0.0.0.0")));
    int port = SOURCE_PORT_MIN + random.nextInt(SOURCE_PORT_MAX - SOURCE_PORT_MIN + 1);
    Bootstrap bootstrap = new Bootstrap().group(loop)
        .channelFactory(() -> EpollTransport.newDatagramChannel(ipv6 ? SocketProtocolFamily.INET6 : SocketProtocolFamily.INET))
        .option(ChannelOption.AUTO_READ, false)
        .option(ChannelOption.IP_TOS, TRAFFIC_CLASS)
        .option(ipv6 ? IPV6_UNICAST_HOPS : IP_TTL, BfdPeerSettings.TTL)
        .handler(new ChannelInboundHandlerAdapter());
    ChannelFuture binding = bootstrap.bind(new InetSocketAddress(source, port));
    e.binding = binding;
    binding.addListener(f -> {
      if (e.closed) {
        binding.channel().close();
      } else if (f.isSuccess()) {
        start(e);
      } else if (++e.bindAttempts < MAX_BIND_ATTEMPTS) {
        bindSender(e);
      } else {
        LOG.atError().addKeyValue("op", "bfd").addKeyValue("peer", e.label).addKeyValue("source", source.getHostAddress())
            .addKeyValue("error", String.valueOf(f.cause())).log("cannot bind a BFD source port; the session stays down");
      }
    });
  }

  private void start(Entry e) {
    long now = nanoTime.getAsLong();
    e.session = new BfdSession(e.discriminator, e.settings.parameters(), random, now);
    handle(e, e.session.tick(now), now);
  }

  /** Sends, counts and reports what the session asked for, then re-arms its timer. */
  private void handle(Entry e, Outcome outcome, long now) {
    outcome.transmit().forEach(p -> send(e, p));
    outcome.dropped().ifPresent(metrics::packetDropped);
    outcome.stateChange().ifPresent(c -> changed(e, c));
    long deadline = e.session.nextDeadline();
    if (e.timer != null && e.timerDeadline == deadline) {
      return;
    }
    if (e.timer != null) {
      e.timer.cancel(false);
    }
    e.timerDeadline = deadline;
    e.timer = loop.schedule(() -> {
      if (!e.closed) {
        e.timer = null;
        long t = nanoTime.getAsLong();
        handle(e, e.session.tick(t), t);
      }
    }, Math.max(0, deadline - now), TimeUnit.NANOSECONDS);
  }

  private void send(Entry e, ControlPacket packet) {
    Channel channel = e.binding == null ? null : e.binding.channel();
    if (channel == null || !channel.isActive()) {
      return;
    }
    channel.writeAndFlush(new DatagramPacket(Unpooled.wrappedBuffer(ControlPacketCodec.encode(packet)), e.destination))
        .addListener(f -> {
          if (!f.isSuccess()) {
            LOG.atDebug().addKeyValue("op", "bfd").addKeyValue("peer", e.label).addKeyValue("error", String.valueOf(f.cause()))
                .log("BFD send failed");
          }
        });
    metrics.packetSent(e.label);
  }

  private void changed(Entry e, StateChange change) {
    states.put(e.settings.key(), change.to());
    metrics.sessionUp(e.label, change.to() == SessionState.UP);
    if (change.to() == SessionState.UP) {
      metrics.sessionEvent(e.label, true);
    } else if (change.from() == SessionState.UP) {
      metrics.sessionEvent(e.label, false);
    }
    if (change.to() == SessionState.UP || change.from() == SessionState.UP) {
      LOG.atInfo().addKeyValue("op", "bfd").addKeyValue("peer", e.label).addKeyValue("state", change.to())
          .addKeyValue("diagnostic", change.diagnostic().text()).addKeyValue("remoteAdminDown", change.remoteAdminDown())
          .log(change.to() == SessionState.UP ? "BFD session up" : "BFD session down");
    } else {
      LOG.atDebug().addKeyValue("op", "bfd").addKeyValue("peer", e.label).addKeyValue("from", change.from())
          .addKeyValue("to", change.to()).log("BFD session state");
    }
    listener.stateChanged(e.settings.key(), change);
  }

  /** Opens the receive sockets the sessions need, closes the others, and keeps multihop filters at the lowest minimum TTL. */
  private void syncReceivers() {
    Map<ReceiverKey, Integer> needed = new HashMap<>();
    for (Entry e : entries.values()) {
      int ttl = e.settings.multihop() ? e.settings.minimumTtl() : BfdPeerSettings.TTL;
      needed.merge(new ReceiverKey(!e.settings.address().isIpv4(), e.settings.multihop()), ttl, Math::min);
    }
    for (var it = receivers.entrySet().iterator(); it.hasNext();) {
      var r = it.next();
      if (!needed.containsKey(r.getKey())) {
        r.getValue().binding.channel().close();
        it.remove();
      }
    }
    needed.forEach((key, ttl) -> {
      Receiver r = receivers.get(key);
      if (r == null) {
        open(key, ttl);
      } else if (r.minimumTtl != ttl && r.binding.isSuccess()) {
        try {
          SocketFilter.attachMinimumTtl(((UnixChannel) r.binding.channel()).fd().intValue(), key.ipv6(), ttl);
          r.minimumTtl = ttl;
        } catch (IOException e) {
          LOG.atError().addKeyValue("op", "bfd").addKeyValue("error", e.getMessage()).log("cannot change the BFD minimum TTL");
        }
      }
    });
  }

  private void open(ReceiverKey key, int minimumTtl) {
    InetSocketAddress address = new InetSocketAddress(key.ipv6() ? endpoint.listenV6() : endpoint.listenV4(),
        key.multihop() ? endpoint.multihopPort() : endpoint.singleHopPort());
    Bootstrap bootstrap = new Bootstrap().group(loop)
        .channelFactory(() -> {
          DatagramChannel channel = EpollTransport.newDatagramChannel(key.ipv6() ? SocketProtocolFamily.INET6 : SocketProtocolFamily.INET);
          try {
            SocketFilter.attachMinimumTtl(((UnixChannel) channel).fd().intValue(), key.ipv6(), minimumTtl);
          } catch (IOException e) {
            channel.unsafe().closeForcibly();
            throw new ChannelException("cannot attach the BFD TTL filter", e);
          }
          return channel;
        })
        .option(ChannelOption.RECVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(RECEIVE_BUFFER))
        .handler(new ReceiveHandler(key.multihop()));
    if (key.ipv6()) {
      bootstrap.option(IPV6_V6ONLY, 1);
    }
    Receiver receiver = new Receiver(bootstrap.bind(address), minimumTtl);
    receivers.put(key, receiver);
    receiver.binding.addListener(f -> {
      if (receivers.get(key) != receiver) {
        receiver.binding.channel().close();
      } else if (f.isSuccess()) {
        if (receiverErrors.remove(key) != null) {
          LOG.atInfo().addKeyValue("op", "bfd").addKeyValue("address", address.toString()).log("BFD receive socket bound");
        }
        syncReceivers(); // the minimum TTL may have changed while binding
      } else {
        receivers.remove(key);
        String error = String.valueOf(f.cause());
        if (!error.equals(receiverErrors.put(key, error))) {
          LOG.atError().addKeyValue("op", "bfd").addKeyValue("address", address.toString()).addKeyValue("error", error)
              .log("cannot bind the BFD receive socket; its sessions stay down; retrying every 5 s");
        }
        loop.schedule(() -> execute(this::syncReceivers), RECEIVER_RETRY_MILLIS, TimeUnit.MILLISECONDS);
      }
    });
  }

  private void closeNow() {
    List.copyOf(entries.values()).forEach(this::remove);
    receivers.values().forEach(r -> r.binding.channel().close());
    receivers.clear();
  }

  /** Demultiplexes a received datagram to its session (RFC 5880 §6.8.6): by Your Discriminator, else by source address and hop mode. */
  private void received(DatagramPacket datagram, boolean multihop) {
    ByteBuf content = datagram.content();
    int length = Math.min(content.readableBytes(), 255);
    byte[] bytes = new byte[length];
    content.getBytes(content.readerIndex(), bytes);
    long now = nanoTime.getAsLong();
    switch (ControlPacketCodec.decode(bytes, length)) {
      case Decoded.Dropped d -> metrics.packetDropped(d.reason());
      case Decoded.Packet p -> {
        ControlPacket packet = p.packet();
        IpAddress source = IpAddress.ofBytes(datagram.sender().getAddress().getAddress());
        Entry e = packet.yourDiscriminator() != 0 ? byDiscriminator.get(packet.yourDiscriminator())
            : entries.get(new BfdPeerSettings.Key(source, multihop));
        if (e == null || e.session == null || !e.settings.address().equals(source) || e.settings.multihop() != multihop) {
          metrics.packetDropped(DropReason.NO_SESSION);
          return;
        }
        Outcome outcome = e.session.receive(packet, now);
        if (outcome.dropped().isEmpty()) {
          metrics.packetReceived(e.label);
        }
        handle(e, outcome, now);
      }
    }
  }

  static InetAddress inet(IpAddress address) {
    try {
      return InetAddress.getByAddress(address.toBytes());
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException(e); // cannot happen: 4 or 16 bytes
    }
  }

  /** One session and its send socket. Loop only. */
  private final class Entry {
    BfdPeerSettings settings;
    final long discriminator;
    final String label; // the metrics' peer label: the address
    final InetSocketAddress destination;
    ChannelFuture binding; // the send socket's bind; its channel once bound
    int bindAttempts;
    BfdSession session; // null until the send socket is bound
    ScheduledFuture<?> timer;
    long timerDeadline;
    boolean closed;

    Entry(BfdPeerSettings settings, long discriminator) {
      this.settings = settings;
      this.discriminator = discriminator;
      this.label = settings.address().toString();
      this.destination = new InetSocketAddress(inet(settings.address()),
          settings.multihop() ? endpoint.peerMultihopPort() : endpoint.peerSingleHopPort());
    }
  }

  /**
   * A receive socket's identity.
   *
   * @param ipv6 AF_INET6 rather than AF_INET
   * @param multihop the multihop port rather than the single-hop one
   */
  private record ReceiverKey(boolean ipv6, boolean multihop) {}

  /** A receive socket and the minimum TTL its filter enforces. Loop only. */
  private static final class Receiver {
    final ChannelFuture binding;
    int minimumTtl;

    Receiver(ChannelFuture binding, int minimumTtl) {
      this.binding = binding;
      this.minimumTtl = minimumTtl;
    }
  }

  /** Hands each datagram of one receive socket to {@link #received}. */
  private final class ReceiveHandler extends SimpleChannelInboundHandler<DatagramPacket> {
    private final boolean multihop;

    ReceiveHandler(boolean multihop) {
      this.multihop = multihop;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket datagram) {
      if (!closed) {
        received(datagram, multihop);
      }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      LOG.atDebug().addKeyValue("op", "bfd").setCause(cause).log("BFD receive error");
    }
  }
}
