package io.metallb.speaker.bfd.netty;

import static org.assertj.core.api.Assertions.assertThat;

import io.metallb.lab.process.Await;
import io.metallb.net.IpAddress;
import io.metallb.speaker.bfd.BfdMetrics;
import io.metallb.speaker.bfd.BfdParameters;
import io.metallb.speaker.bfd.BfdPeerSettings;
import io.metallb.speaker.bfd.DropReason;
import io.metallb.speaker.bfd.InMemoryBfdMetrics;
import io.metallb.speaker.bfd.SessionState;
import io.metallb.speaker.bfd.StateChange;
import io.metallb.speaker.bgp.netty.EpollTransport;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.DatagramPacket;
import io.netty.channel.socket.SocketProtocolFamily;
import io.netty.channel.unix.IntegerUnixChannelOption;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two {@link BfdSessions} on loopback, each on its own event loop, talking real UDP on moved ports
 * (A listens on 23784/24784 and sends to 33784/34784, B the other way round): sessions come Up,
 * survive a timer change, notice a peer that stops sending (its loop blocked) within the detection
 * time, come back, and treat a peer's AdminDown as no failure. Malformed datagrams (sent with TTL
 * 255: lower ones never pass the socket filter) are counted by reason.
 */
class BfdLoopbackIT {
  private static final BfdParameters FAST = new BfdParameters(Duration.ofMillis(50), Duration.ofMillis(50), 3, false);
  private static final Duration WAIT = Duration.ofSeconds(10);

  private EventLoopGroup groupA;
  private EventLoopGroup groupB;
  private BfdSessions a;
  private BfdSessions b;
  private final InMemoryBfdMetrics metricsA = new InMemoryBfdMetrics();
  private final InMemoryBfdMetrics metricsB = new InMemoryBfdMetrics();
  private final List<StateChange> changesA = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start() throws Exception {
    groupA = EpollTransport.newGroup(1);
    groupB = EpollTransport.newGroup(1);
    InetAddress v4 = InetAddress.getByName("127.0.0.1");
    InetAddress v6 = InetAddress.getByName("::1");
    a = new BfdSessions(groupA.next(), new BfdSessions.Endpoint(v4, v6, 23784, 24784, 33784, 34784), metricsA,
        (key, change) -> changesA.add(change));
    b = new BfdSessions(groupB.next(), new BfdSessions.Endpoint(v4, v6, 33784, 34784, 23784, 24784), metricsB, (key, change) -> { });
  }

  @AfterEach
  void stop() {
    a.close();
    b.close();
    groupA.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
    groupB.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
  }

  private static BfdPeerSettings peer(String address, boolean multihop, BfdParameters parameters) {
    return new BfdPeerSettings(IpAddress.of(address), Optional.empty(), multihop, parameters, 254, "lab");
  }

  private static SessionState state(BfdSessions sessions, String address, boolean multihop) {
    return sessions.states().get(new BfdPeerSettings.Key(IpAddress.of(address), multihop));
  }

  private void awaitUp(String address, boolean multihop) {
    Await.until(address + " Up on both ends", WAIT,
        () -> state(a, address, multihop) == SessionState.UP && state(b, address, multihop) == SessionState.UP);
  }

  @Test
  void ipv4SingleHopComesUpCountsAndDetectsASilentPeer() throws Exception {
    a.setPeers(List.of(peer("127.0.0.1", false, FAST)));
    b.setPeers(List.of(peer("127.0.0.1", false, FAST)));
    awaitUp("127.0.0.1", false);
    assertThat(metricsA.value(BfdMetrics.SESSION_UP, "127.0.0.1")).isEqualTo(1L);
    assertThat(metricsA.value(BfdMetrics.SESSION_UP_EVENTS, "127.0.0.1")).isEqualTo(1L);
    Await.until("packets both ways", WAIT, () -> metricsA.value(BfdMetrics.CONTROL_PACKET_INPUT, "127.0.0.1") > 5
        && metricsA.value(BfdMetrics.CONTROL_PACKET_OUTPUT, "127.0.0.1") > 5);

    Channel garbage = new Bootstrap().group(groupB).channelFactory(() -> EpollTransport.newDatagramChannel(SocketProtocolFamily.INET))
        .option(new IntegerUnixChannelOption("IP_TTL", 0, 2), 255).handler(new ChannelInboundHandlerAdapter())
        .bind(new InetSocketAddress("127.0.0.1", 0)).sync().channel();
    InetSocketAddress to = new InetSocketAddress("127.0.0.1", 23784);
    garbage.writeAndFlush(new DatagramPacket(Unpooled.wrappedBuffer(new byte[] {0x20, 0x40, 3}), to)).sync();
    garbage.writeAndFlush(new DatagramPacket(Unpooled.wrappedBuffer(new byte[24]), to)).sync();
    garbage.close().sync();
    Await.until("garbage counted", WAIT, () -> metricsA.dropped().getOrDefault(DropReason.BAD_LENGTH, 0L) == 1
        && metricsA.dropped().getOrDefault(DropReason.BAD_VERSION, 0L) == 1);
    assertThat(state(a, "127.0.0.1", false)).isEqualTo(SessionState.UP);

    long frozenAt = System.nanoTime();
    groupB.next().submit(() -> sleep(Duration.ofMillis(1500)));
    Await.until("A notices B's silence", WAIT, () -> changesA.stream().anyMatch(StateChange::signalsFailure));
    long detectedMs = (System.nanoTime() - frozenAt) / 1_000_000;
    assertThat(detectedMs).as("3 x 50 ms, plus scheduling").isLessThan(1000);
    assertThat(changesA).filteredOn(StateChange::signalsFailure).singleElement()
        .satisfies(c -> assertThat(c.diagnostic().code()).isEqualTo(1));
    assertThat(metricsA.value(BfdMetrics.SESSION_DOWN_EVENTS, "127.0.0.1")).isEqualTo(1L);
    awaitUp("127.0.0.1", false);
  }

  @Test
  void ipv6MultihopComesUpAndSurvivesATimerChange() {
    a.setPeers(List.of(peer("::1", true, FAST)));
    b.setPeers(List.of(peer("::1", true, FAST)));
    awaitUp("::1", true);
    a.setPeers(List.of(peer("::1", true, new BfdParameters(Duration.ofMillis(200), Duration.ofMillis(100), 3, false))));
    Await.until("a few hundred ms of the new timers", WAIT, () -> metricsB.value(BfdMetrics.CONTROL_PACKET_INPUT, "::1") > 30);
    sleep(Duration.ofMillis(600));
    assertThat(state(a, "::1", true)).isEqualTo(SessionState.UP);
    assertThat(changesA).noneMatch(c -> c.from() == SessionState.UP);
    assertThat(metricsB.value(BfdMetrics.SESSION_DOWN_EVENTS, "::1")).isZero();
  }

  @Test
  void aPeerRemovedOnTheOtherSideSignalsAdminDownWhichIsNoFailure() {
    a.setPeers(List.of(peer("127.0.0.1", false, FAST)));
    b.setPeers(List.of(peer("127.0.0.1", false, FAST)));
    awaitUp("127.0.0.1", false);
    b.setPeers(List.of());
    Await.until("A down", WAIT, () -> state(a, "127.0.0.1", false) == SessionState.DOWN);
    assertThat(changesA).filteredOn(c -> c.from() == SessionState.UP).singleElement()
        .satisfies(c -> {
          assertThat(c.remoteAdminDown()).isTrue();
          assertThat(c.signalsFailure()).isFalse();
        });
    assertThat(metricsB.value(BfdMetrics.SESSION_UP, "127.0.0.1")).as("series removed").isNull();
  }

  private static Object sleep(Duration d) {
    try {
      Thread.sleep(d);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return null;
  }
}
