package io.metallb.speaker.bgp.netty;

import static org.assertj.core.api.Assertions.assertThat;

import io.metallb.config.BgpCommunity;
import io.metallb.net.Cidr;
import io.metallb.net.IpAddress;
import io.metallb.speaker.bgp.Advertisement;
import io.metallb.speaker.bgp.BgpMetrics;
import io.metallb.speaker.bgp.InMemoryBgpMetrics;
import io.metallb.speaker.bgp.PeerSettings;
import io.metallb.speaker.bgp.RouterIds;
import io.metallb.speaker.bgp.codec.BgpMessageReader;
import io.metallb.speaker.bgp.codec.BgpMessageWriter;
import io.metallb.speaker.bgp.codec.Decoded;
import io.metallb.speaker.bgp.codec.Hex;
import io.metallb.speaker.bgp.fsm.SessionSettings;
import io.metallb.speaker.bgp.fsm.State;
import io.metallb.speaker.bgp.message.BgpError;
import io.metallb.speaker.bgp.message.BgpMessage;
import io.metallb.speaker.bgp.message.Capability;
import io.metallb.speaker.bgp.message.Family;
import io.metallb.speaker.bgp.message.Keepalive;
import io.metallb.speaker.bgp.message.Open;
import io.metallb.speaker.bgp.message.Update;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.embedded.EmbeddedChannel;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link PeerSession} over {@link EmbeddedChannel}s with frozen time: the session's timers run on
 * a frozen "clock" channel's event loop, each connection is an embedded channel whose outbound
 * bytes are decoded back into messages.
 */
class BgpPeerSessionIT {
  private static final Cidr PREFIX = Cidr.of("203.0.113.10/32");
  private static final long PEER_ID = RouterIds.toLong(IpAddress.of("198.51.100.1"));

  private final EmbeddedChannel clock = new EmbeddedChannel();
  private final List<EmbeddedChannel> connections = new ArrayList<>();
  private final List<String> transitions = new ArrayList<>();
  private final InMemoryBgpMetrics metrics = new InMemoryBgpMetrics();
  private PeerSession session;

  /** An embedded connection whose local end is 198.51.100.11. */
  private static final class Connection extends EmbeddedChannel {
    Connection(ChannelInitializer<Channel> init) {
      super(init);
    }

    @Override
    protected SocketAddress localAddress0() {
      return new InetSocketAddress("198.51.100.11", 40179);
    }
  }

  private final Connector connector = new Connector() {
    @Override
    public ChannelFuture connect(ChannelInitializer<Channel> pipeline) {
      EmbeddedChannel ch = new Connection(pipeline);
      connections.add(ch);
      return ch.newSucceededFuture();
    }
  };

  @BeforeEach
  void start() {
    clock.freezeTime();
    SessionSettings settings = new SessionSettings(64512, 64500, "", Duration.ofSeconds(9), Optional.empty(), Optional.empty(),
        EnumSet.allOf(Family.class), Optional.empty());
    PeerSettings peer = new PeerSettings("rtr", IpAddress.of("198.51.100.1"), 179, Optional.empty(), new byte[0], Optional.empty(),
        Optional.empty(), settings);
    session = new PeerSession(peer, clock.eventLoop(), connector, metrics, "node1", a -> Optional.empty(),
        (s, from, to, reason) -> transitions.add(from + "->" + to + (reason.isEmpty() ? "" : " (" + reason + ")")));
    Map<Cidr, Advertisement> ads = new LinkedHashMap<>();
    ads.put(PREFIX, new Advertisement(PREFIX, 0, List.of(new BgpCommunity.Standard(64512, 100)), List.of()));
    session.setAdvertisements(ads);
    session.start();
    clock.runPendingTasks();
  }

  @AfterEach
  void finish() {
    connections.forEach(c -> {
      c.finishAndReleaseAll();
    });
    clock.finishAndReleaseAll();
  }

  private EmbeddedChannel connection() {
    return connections.getLast();
  }

  private List<BgpMessage> sent() {
    List<BgpMessage> out = new ArrayList<>();
    for (ByteBuf b = connection().readOutbound(); b != null; b = connection().readOutbound()) {
      try {
        if (!b.isReadable()) {
          continue; // the empty flush before a close
        }
        Decoded d = BgpMessageReader.read(b, true);
        out.add(((Decoded.Message) d).message());
      } finally {
        b.release();
      }
    }
    return out;
  }

  private void peerSends(BgpMessage... messages) {
    for (BgpMessage m : messages) {
      connection().writeInbound(Unpooled.wrappedBuffer(BgpMessageWriter.toBytes(m, true)));
    }
  }

  private void advance(Duration d) {
    clock.advanceTimeBy(d.toMillis(), TimeUnit.MILLISECONDS);
    clock.runScheduledPendingTasks();
    clock.runPendingTasks();
  }

  private static Open peerOpen(int hold) {
    return new Open(4, 64500, hold, PEER_ID, List.of(Capability.Multiprotocol.of(Family.IPV4_UNICAST), new Capability.FourOctetAs(64500)));
  }

  private void establish() {
    assertThat(sent()).singleElement().isInstanceOf(Open.class);
    peerSends(peerOpen(90), Keepalive.INSTANCE);
    assertThat(session.state()).isEqualTo(State.ESTABLISHED);
  }

  @Test
  void pendingPrefixesAreCountedBeforeTheSessionIsUp() {
    assertThat(metrics.value(BgpMetrics.PENDING_PREFIXES_TOTAL, "198.51.100.1:179")).isEqualTo(1L);
    assertThat(metrics.value(BgpMetrics.ANNOUNCED_PREFIXES_TOTAL, "198.51.100.1:179")).isZero();
  }

  @Test
  void establishesThenAdvertisesAndSendsEndOfRib() {
    List<BgpMessage> open = sent();
    assertThat(open).singleElement().isInstanceOfSatisfying(Open.class, o -> {
      assertThat(o.bgpIdentifier()).isEqualTo(RouterIds.toLong(IpAddress.of("198.51.100.11")));
      assertThat(o.holdTimeSeconds()).isEqualTo(9);
    });
    peerSends(peerOpen(90), Keepalive.INSTANCE);
    List<BgpMessage> out = sent();
    assertThat(out.getFirst()).isEqualTo(Keepalive.INSTANCE);
    assertThat(out.get(1)).isInstanceOfSatisfying(Update.class, u -> assertThat(u.nlri()).containsExactly(PREFIX));
    assertThat(out.get(2)).isEqualTo(Update.endOfRib(Family.IPV4_UNICAST));
    assertThat(transitions).containsExactly("IDLE->CONNECT", "CONNECT->OPEN_SENT", "OPEN_SENT->OPEN_CONFIRM", "OPEN_CONFIRM->ESTABLISHED");
    assertThat(metrics.value(BgpMetrics.SESSION_UP, "198.51.100.1:179")).isEqualTo(1L);
    assertThat(metrics.value(BgpMetrics.ANNOUNCED_PREFIXES_TOTAL, "198.51.100.1:179")).isEqualTo(1L);
    assertThat(metrics.value(BgpMetrics.UPDATES_TOTAL, "198.51.100.1:179")).isEqualTo(2L);
  }

  @Test
  void keepalivesEveryThirdOfTheNegotiatedHoldTime() {
    establish();
    sent();
    advance(Duration.ofSeconds(3));
    assertThat(sent()).containsExactly(Keepalive.INSTANCE);
    peerSends(Keepalive.INSTANCE);
    advance(Duration.ofSeconds(3));
    assertThat(sent()).containsExactly(Keepalive.INSTANCE);
  }

  @Test
  void silentPeerIsDroppedByTheHoldTimerAndRedialledAfterBackoff() {
    establish();
    sent();
    advance(Duration.ofSeconds(3));
    peerSends(Keepalive.INSTANCE); // restarts the hold timer
    advance(Duration.ofSeconds(8));
    assertThat(session.state()).isEqualTo(State.ESTABLISHED);
    advance(Duration.ofSeconds(1));
    assertThat(sent()).contains(BgpError.HOLD_TIMER_EXPIRED.notification());
    assertThat(session.state()).isEqualTo(State.ACTIVE);
    assertThat(transitions.getLast()).isEqualTo("ESTABLISHED->ACTIVE (hold timer expired)");
    assertThat(metrics.value(BgpMetrics.SESSION_UP, "198.51.100.1:179")).isZero();
    connection().runPendingTasks();
    assertThat(connection().isOpen()).isFalse();
    advance(Duration.ofMillis(999));
    assertThat(connections).hasSize(1);
    advance(Duration.ofMillis(1));
    assertThat(connections).hasSize(2);
    assertThat(sent()).singleElement().isInstanceOf(Open.class);
  }

  @Test
  void malformedInputIsAnsweredWithNotificationAndClose() {
    establish();
    sent();
    connection().writeInbound(Unpooled.wrappedBuffer(Hex.bytes("00".repeat(19))));
    assertThat(sent()).containsExactly(BgpError.CONNECTION_NOT_SYNCHRONIZED.notification());
    connection().runPendingTasks();
    assertThat(connection().isOpen()).isFalse();
    assertThat(session.state()).isEqualTo(State.ACTIVE);
  }

  @Test
  void peerNotificationClosesTheSession() {
    establish();
    sent();
    peerSends(BgpError.CEASE_ADMINISTRATIVE_RESET.notification());
    assertThat(sent()).isEmpty();
    assertThat(transitions.getLast()).isEqualTo("ESTABLISHED->ACTIVE (peer sent notification: Administrative Reset (6/4))");
  }

  /**
   * We never listen, so only the peer can see two connections; when it resolves such a collision
   * against ours (RFC 4271 §6.8) it sends Cease 6/7 and we dial again after the backoff.
   */
  @Test
  void collisionResolutionByThePeerLeadsToARedial() {
    assertThat(sent()).singleElement().isInstanceOf(Open.class);
    peerSends(BgpError.CEASE_CONNECTION_COLLISION_RESOLUTION.notification());
    assertThat(transitions.getLast()).isEqualTo("OPEN_SENT->ACTIVE (peer sent notification: Connection Collision Resolution (6/7))");
    advance(Duration.ofSeconds(1));
    assertThat(connections).hasSize(2);
    assertThat(sent()).singleElement().isInstanceOf(Open.class);
  }

  @Test
  void peerClosingTheConnectionLeadsToARetry() {
    establish();
    connection().close();
    assertThat(session.state()).isEqualTo(State.ACTIVE);
    advance(Duration.ofSeconds(1));
    assertThat(connections).hasSize(2);
  }

  @Test
  void removedAdvertisementsAreWithdrawnAndNewOnesAnnounced() {
    establish();
    sent();
    Cidr other = Cidr.of("203.0.113.20/32");
    session.setAdvertisements(Map.of(other, Advertisement.of(other)));
    clock.runPendingTasks();
    List<BgpMessage> out = sent();
    assertThat(out).hasSize(2);
    assertThat(((Update) out.get(0)).nlri()).containsExactly(other);
    assertThat(out.get(1)).isEqualTo(new Update(List.of(PREFIX), List.of(), List.of()));
  }

  @Test
  void peerWithoutOpenWithinFourMinutesIsDropped() {
    sent();
    advance(Duration.ofMinutes(4));
    assertThat(sent()).contains(BgpError.HOLD_TIMER_EXPIRED.notification());
    assertThat(session.state()).isEqualTo(State.ACTIVE);
  }

  @Test
  void stopWithoutNotificationClosesSilentlyAndDeletesMetrics() {
    establish();
    sent();
    session.stop(Optional.empty());
    clock.runPendingTasks();
    assertThat(sent()).isEmpty();
    assertThat(session.state()).isEqualTo(State.IDLE);
    assertThat(metrics.snapshot()).isEmpty();
  }
}
