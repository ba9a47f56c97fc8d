package io.metallb.speaker.bgp.netty;

import io.metallb.net.Cidr;
import io.metallb.net.IpAddress;
import io.metallb.speaker.bgp.Advertisement;
import io.metallb.speaker.bgp.BgpMetrics;
import io.metallb.speaker.bgp.PeerSettings;
import io.metallb.speaker.bgp.RibOut;
import io.metallb.speaker.bgp.RouterIds;
import io.metallb.speaker.bgp.codec.BgpFrameDecoder;
import io.metallb.speaker.bgp.codec.BgpMessageEncoder;
import io.metallb.speaker.bgp.codec.Decoded;
import io.metallb.speaker.bgp.fsm.Action;
import io.metallb.speaker.bgp.fsm.Event;
import io.metallb.speaker.bgp.fsm.NegotiatedSession;
import io.metallb.speaker.bgp.fsm.SessionFsm;
import io.metallb.speaker.bgp.fsm.State;
import io.metallb.speaker.bgp.fsm.Timer;
import io.metallb.speaker.bgp.message.BgpMessage;
import io.metallb.speaker.bgp.message.Notification;
import io.metallb.speaker.bgp.message.Update;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoop;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.util.concurrent.ScheduledFuture;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One BGP session to one peer: the thin shell around {@link SessionFsm} and {@link RibOut}. It
 * turns channel events and timer expiries into FSM events, and carries out the FSM's actions
 * (connect, write, close, arm timers). All state is confined to one event loop; the public methods
 * may be called from any thread and return at once.
 */
public final class PeerSession {
  private static final Logger LOG = LoggerFactory.getLogger(PeerSession.class);
  /** Longest wait for a closing connection to flush its last message (a NOTIFICATION). */
  private static final Duration CLOSE_GRACE = Duration.ofSeconds(2);

  /** Receives state changes, on the session's event loop; must not block. */
  public interface Listener {
    /** The session moved from {@code from} to {@code to}; {@code reason} is set when it went down. */
    void stateChanged(PeerSession session, State from, State to, String reason);
  }

  private final PeerSettings peer;
  private final EventLoop loop;
  private final Connector connector;
  private final BgpMetrics metrics;
  private final String nodeName;
  private final Function<IpAddress, Optional<IpAddress>> ipv4OnInterfaceOf;
  private final Listener listener;
  private final SessionFsm fsm;
  private final RibOut rib = new RibOut();
  private final Map<Timer, ScheduledFuture<?>> timers = new EnumMap<>(Timer.class); // running timers
  private int attempt; // connection attempt number; events of older attempts are ignored
  private Channel channel; // the connection of the current attempt once active, else null
  private ChannelFuture connecting; // the current attempt's connect future until active, else null
  private String lastDownReason = "";
  private final ArrayDeque<Event> events = new ArrayDeque<>(); // raised while handling one
  private boolean handling;
  private volatile State state = State.IDLE;

  /**
   * A stopped session; {@link #start()} dials.
   *
   * @param ipv4OnInterfaceOf for router ID selection (spec §10.8): the first IPv4 address on the
   *     interface holding an address
   */
  public PeerSession(PeerSettings peer, EventLoop loop, Connector connector, BgpMetrics metrics, String nodeName,
      Function<IpAddress, Optional<IpAddress>> ipv4OnInterfaceOf, Listener listener) {
    this.peer = peer;
    this.loop = loop;
    this.connector = connector;
    this.metrics = metrics;
    this.nodeName = nodeName;
    this.ipv4OnInterfaceOf = ipv4OnInterfaceOf;
    this.listener = listener;
    this.fsm = new SessionFsm(peer.session());
    metrics.sessionCreated(peer.metricsLabel());
  }

  /** The peer's settings. */
  public PeerSettings peer() {
    return peer;
  }

  /** The state as of the last event handled. */
  public State state() {
    return state;
  }

  /** Starts dialling. */
  public void start() {
    loop.execute(() -> handle(new Event.Start()));
  }

  /**
   * Stops the session and deletes its metrics. With {@code notification} it is sent first; without
   * it the connection just closes (MetalLB native, and graceful restart: the peer keeps our routes).
   */
  public void stop(Optional<Notification> notification) {
    loop.execute(() -> {
      handle(new Event.Stop(notification));
      metrics.sessionDeleted(peer.metricsLabel());
    });
  }

  /**
   * The BFD session guarding this peer failed (Up to Down, not by the peer's AdminDown): an open
   * connection is closed with Cease/BFD Down (RFC 9384) and dialled again after the backoff.
   */
  public void bfdDown() {
    loop.execute(() -> handle(new Event.BfdDown()));
  }

  /** Sets what this peer should be sent, keyed by prefix; changes go out at once when Established. */
  public void setAdvertisements(Map<Cidr, Advertisement> advertisements) {
    Map<Cidr, Advertisement> copy = new LinkedHashMap<>(advertisements);
    loop.execute(() -> {
      send(rib.setDesired(copy));
      flush();
      metrics.prefixes(peer.metricsLabel(), rib.announcedCount(), rib.pendingCount());
    });
  }

  /**
   * Feeds {@code event} to the FSM and carries out its actions. An event raised while actions run
   * (an embedded channel becoming active inside {@code connect}) is queued and handled after them.
   */
  private void handle(Event event) {
    events.add(event);
    if (handling) {
      return;
    }
    handling = true;
    try {
      for (Event next = events.poll(); next != null; next = events.poll()) {
        apply(fsm.handle(next));
      }
    } finally {
      handling = false;
    }
  }

  private void apply(List<Action> actions) {
    State before = state;
    String reason = "";
    for (Action action : actions) {
      switch (action) {
        case Action.Connect c -> connect();
        case Action.Send s -> write(s.message());
        case Action.Disconnect d -> disconnect();
        case Action.ArmTimer t -> arm(t.timer(), t.delay());
        case Action.CancelTimer t -> cancel(t.timer());
        case Action.Established e -> established(e.session());
        case Action.Down d -> {
          reason = d.reason();
          rib.down();
          metrics.sessionUp(peer.metricsLabel(), false);
          metrics.prefixes(peer.metricsLabel(), 0, rib.pendingCount());
        }
        case Action.Resend r -> send(rib.resend(r.family()));
      }
    }
    flush();
    state = fsm.state();
    if (state != before) {
      log(before, reason);
      listener.stateChanged(this, before, state, reason);
    }
  }

  private void log(State before, String reason) {
    if (state == State.ESTABLISHED) {
      LOG.atInfo().addKeyValue("peer", peer.metricsLabel()).log("BGP session established");
    } else if (before == State.ESTABLISHED || (!reason.isEmpty() && !reason.equals(lastDownReason))) {
      LOG.atInfo().addKeyValue("peer", peer.metricsLabel()).addKeyValue("reason", reason).log("BGP session down");
    } else {
      LOG.atDebug().addKeyValue("peer", peer.metricsLabel()).addKeyValue("state", state).log("BGP session state");
    }
    if (!reason.isEmpty()) {
      lastDownReason = reason;
    }
  }

  private void established(NegotiatedSession session) {
    if (!session.fourOctetAs()) {
      channel.pipeline().replace("encoder", "encoder", BgpMessageEncoder.TWO_OCTET_AS);
      channel.pipeline().get(BgpFrameDecoder.class).fourOctetAs(false);
    }
    metrics.sessionUp(peer.metricsLabel(), true);
    send(rib.established(session));
  }

  private void send(List<Update> updates) {
    if (channel == null || updates.isEmpty()) {
      return;
    }
    updates.forEach(channel::write);
    metrics.updatesSent(peer.metricsLabel(), updates.size());
    metrics.prefixes(peer.metricsLabel(), rib.announcedCount(), rib.pendingCount());
  }

  private void write(BgpMessage message) {
    if (channel != null) {
      channel.write(message);
    }
  }

  private void flush() {
    if (channel != null) {
      channel.flush();
    }
  }

  private void connect() {
    int current = ++attempt;
    ChannelFuture future = connector.connect(new ChannelInitializer<>() {
      @Override
      protected void initChannel(Channel ch) {
        ch.pipeline().addLast("decoder", new BgpFrameDecoder())
            .addLast("encoder", BgpMessageEncoder.FOUR_OCTET_AS)
            .addLast("session", new ConnectionHandler(current));
      }
    });
    if (current == attempt && channel == null) {
      connecting = future; // not yet active (an embedded channel is active at once)
    }
    future.addListener(f -> {
      if (!f.isSuccess()) {
        future.channel().close();
        if (current == attempt) {
          connecting = null;
          handle(new Event.TcpFailed("failed to connect to peer: " + f.cause()));
        }
      }
    });
  }

  private void connected(Channel ch) {
    connecting = null;
    channel = ch;
    IpAddress local = localAddress(ch.localAddress());
    long routerId = RouterIds.select(peer.routerId(), local, ipv4OnInterfaceOf, nodeName);
    handle(new Event.TcpConnected(local, routerId, peer.dualStack() ? otherFamilyOnInterfaceOf(local) : Optional.empty()));
  }

  /**
   * A global address of the other family on the interface that holds {@code local}, as FRR picks
   * the next hop of a dual-stack session's other family (link-local and loopback addresses skipped;
   * the first in the interface's order).
   */
  static Optional<IpAddress> otherFamilyOnInterfaceOf(IpAddress local) {
    try {
      java.net.NetworkInterface nic = java.net.NetworkInterface.getByInetAddress(InetAddress.getByAddress(local.toBytes()));
      if (nic == null) {
        return Optional.empty();
      }
      return nic.inetAddresses()
          .filter(a -> !a.isLinkLocalAddress() && !a.isLoopbackAddress())
          .map(a -> IpAddress.ofBytes(a.getAddress()))
          .filter(a -> a.isIpv4() != local.isIpv4())
          .findFirst();
    } catch (java.io.IOException e) {
      return Optional.empty();
    }
  }

  private static IpAddress localAddress(SocketAddress address) {
    if (address instanceof InetSocketAddress inet) {
      return IpAddress.ofBytes(inet.getAddress().getAddress());
    }
    throw new IllegalStateException("not an IP connection: " + address);
  }

  private void disconnect() {
    attempt++;
    if (connecting != null) {
      connecting.channel().close();
      connecting = null;
    }
    if (channel != null) {
      Channel closing = channel;
      channel = null;
      closing.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
      closing.eventLoop().schedule(() -> closing.close(), CLOSE_GRACE.toMillis(), TimeUnit.MILLISECONDS);
    }
  }

  private void arm(Timer timer, Duration delay) {
    cancel(timer);
    timers.put(timer, loop.schedule(() -> {
      timers.remove(timer);
      handle(new Event.TimerExpired(timer));
    }, delay.toMillis(), TimeUnit.MILLISECONDS));
  }

  private void cancel(Timer timer) {
    ScheduledFuture<?> running = timers.remove(timer);
    if (running != null) {
      running.cancel(false);
    }
  }

  /** The last handler of one connection's pipeline: forwards to the session if still current. */
  private final class ConnectionHandler extends SimpleChannelInboundHandler<Decoded> {
    private final int connectionAttempt;

    ConnectionHandler(int connectionAttempt) {
      super(Decoded.class);
      this.connectionAttempt = connectionAttempt;
    }

    private boolean current(ChannelHandlerContext ctx) {
      return connectionAttempt == attempt && (channel == null || channel == ctx.channel());
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
      if (current(ctx) && channel == null) {
        connected(ctx.channel());
      } else {
        ctx.close();
      }
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, Decoded decoded) {
      if (!current(ctx) || channel == null) {
        return;
      }
      handle(switch (decoded) {
        case Decoded.Message m -> new Event.Received(m.message());
        case Decoded.Malformed m -> new Event.Malformed(m.notification());
      });
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
      if (current(ctx)) { // ours, whether or not it got as far as connected()
        channel = null;
        connecting = null;
        handle(new Event.TcpFailed("connection closed"));
      }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      LOG.atDebug().addKeyValue("peer", peer.metricsLabel()).setCause(cause).log("BGP connection error");
      ctx.close();
    }
  }
}
