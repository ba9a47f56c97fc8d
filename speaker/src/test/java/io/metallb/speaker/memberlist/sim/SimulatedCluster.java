package io.metallb.speaker.memberlist.sim;

import io.metallb.speaker.memberlist.core.Member;
import io.metallb.speaker.memberlist.core.MemberlistConfig;
import io.metallb.speaker.memberlist.core.MembershipListener;
import io.metallb.speaker.memberlist.core.Network;
import io.metallb.speaker.memberlist.core.SwimNode;
import io.metallb.speaker.memberlist.wire.Bytes;
import io.metallb.speaker.memberlist.wire.MemberState;
import io.metallb.speaker.memberlist.wire.Message;
import io.metallb.speaker.memberlist.wire.PacketCodec;
import io.metallb.speaker.memberlist.wire.WireOptions;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;

/**
 * A deterministic memberlist cluster: {@link SwimNode}s on one {@link EventScheduler}, talking
 * through an in-memory network that applies {@link Fault}s, all randomness from one seed (Kafka
 * {@code RaftEventSimulationTest}). Every failure message should include {@link #describe()}.
 */
final class SimulatedCluster {
  /** A membership event seen by a node, at a virtual time. */
  record Event(String observer, String kind, String member, MemberState state, Duration at) {}

  private static final Duration LATENCY = Duration.ofNanos(300_000);
  /** Linux's minimum TCP retransmission timeout: what a lost segment costs a stream. */
  private static final Duration TCP_RTO = Duration.ofMillis(200);

  private final long seed;
  private final MemberlistConfig config;
  private final EventScheduler scheduler = new EventScheduler();
  private final RandomGenerator netRandom;
  private final RandomGeneratorFactory<RandomGenerator> factory = RandomGeneratorFactory.of("L64X128MixRandom");
  private final Map<String, SwimNode> nodes = new LinkedHashMap<>(); // name -> node
  private final Map<InetSocketAddress, String> names = new HashMap<>(); // address -> name
  private final Map<String, InetSocketAddress> addresses = new HashMap<>(); // name -> address
  private final List<Fault> faults = new ArrayList<>();
  private final List<Event> events = new ArrayList<>();
  private final Set<String> killed = new java.util.HashSet<>();
  private final boolean throughCodec;
  private final PacketCodec codec = new PacketCodec(WireOptions.plaintext());
  private long packets;

  /**
   * @param throughCodec encode and decode every packet and stream with the real codec (slower,
   *     checks the wire path too) instead of handing records over
   */
  SimulatedCluster(long seed, MemberlistConfig config, boolean throughCodec) {
    this.seed = seed;
    this.config = config;
    this.throughCodec = throughCodec;
    this.netRandom = factory.create(seed);
  }

  /** Seed and virtual time, for failure messages. */
  String describe() {
    return "seed=" + seed + " t=" + scheduler.elapsed() + " events=" + scheduler.executed() + " packets=" + packets;
  }

  EventScheduler scheduler() {
    return scheduler;
  }

  List<Event> events() {
    return events;
  }

  /** Adds and starts node {@code name} (not joined yet). */
  SwimNode add(String name) {
    int index = nodes.size() + 1;
    InetSocketAddress address;
    try {
      address = new InetSocketAddress(InetAddress.getByAddress(new byte[] {(byte) 198, 51, (byte) 100,
          (byte) (index % 250 + 1)}), 7946 + index / 250);
    } catch (UnknownHostException e) {
      throw new IllegalStateException(e);
    }
    MembershipListener listener = new MembershipListener() {
      @Override
      public void onJoin(Member m) {
        events.add(new Event(name, "join", m.name(), m.state(), scheduler.elapsed()));
      }

      @Override
      public void onLeave(Member m) {
        events.add(new Event(name, "leave", m.name(), m.state(), scheduler.elapsed()));
      }
    };
    SwimNode node = new SwimNode(config, new SwimNode.Identity(name, address, Bytes.EMPTY), scheduler, scheduler,
        factory.create(seed * 31 + index), new SimNetwork(name), listener, 0);
    nodes.put(name, node);
    names.put(address, name);
    addresses.put(name, address);
    node.start();
    return node;
  }

  /** Starts {@code n} nodes named n1…nN; each joins n1, 10 ms apart. */
  static SimulatedCluster started(long seed, MemberlistConfig config, int n, boolean throughCodec) {
    SimulatedCluster cluster = new SimulatedCluster(seed, config, throughCodec);
    for (int i = 1; i <= n; i++) {
      cluster.add("n" + i);
    }
    for (int i = 2; i <= n; i++) {
      String name = "n" + i;
      cluster.scheduler.schedule(Duration.ofMillis(10L * i), () -> cluster.join(name, "n1"));
    }
    return cluster;
  }

  void join(String name, String seedNode) {
    nodes.get(name).join(List.of(addresses.get(seedNode)), result -> { });
  }

  SwimNode node(String name) {
    return nodes.get(name);
  }

  List<String> live() {
    return nodes.keySet().stream().filter(n -> !killed.contains(n)).toList();
  }

  /** SIGKILL: the node stops and everything to it is lost; streams are refused. */
  void kill(String name) {
    killed.add(name);
    nodes.get(name).stop();
  }

  void addFault(Fault fault) {
    faults.add(fault);
  }

  void removeFault(Fault fault) {
    faults.remove(fault);
  }

  /** True when every live node sees exactly the live nodes, all alive. */
  boolean converged() {
    List<String> live = live();
    for (String observer : live) {
      SwimNode node = nodes.get(observer);
      for (String name : nodes.keySet()) {
        Optional<Member> m = node.member(name);
        boolean shouldBeAlive = live.contains(name);
        if (shouldBeAlive && (m.isEmpty() || m.get().state() != MemberState.ALIVE)) {
          return false;
        }
        if (!shouldBeAlive && m.isPresent() && m.get().usable()) {
          return false;
        }
      }
    }
    return true;
  }

  /** True when every live node holds {@code name} dead, left or forgotten. */
  boolean allSeeGone(String name) {
    return live().stream().allMatch(o -> nodes.get(o).member(name).map(m -> !m.usable()).orElse(true));
  }

  /** True when n1, n2 and n3 all hold {@code name} dead, left or forgotten. */
  boolean allSeeGoneFromFirstSide(String name) {
    return List.of("n1", "n2", "n3").stream()
        .allMatch(o -> nodes.get(o).member(name).map(m -> !m.usable()).orElse(true));
  }

  private boolean blocked(String from, String to) {
    if (killed.contains(to) || killed.contains(from)) {
      return true;
    }
    for (Fault f : faults) {
      if (f instanceof Fault.Partition p && p.separates(from, to)
          || f instanceof Fault.Isolate(String isolated) && (isolated.equals(from) || isolated.equals(to))) {
        return true;
      }
    }
    return false;
  }

  private double loss() {
    return faults.stream().filter(f -> f instanceof Fault.Loss).mapToDouble(f -> ((Fault.Loss) f).probability())
        .max().orElse(0);
  }

  private Duration delay() {
    Duration d = LATENCY;
    for (Fault f : faults) {
      if (f instanceof Fault.Delay(Duration mean, Duration jitter)) {
        long j = jitter.toNanos();
        d = d.plus(mean).plusNanos(j == 0 ? 0 : netRandom.nextLong(-j, j + 1));
      }
    }
    return d.isNegative() ? Duration.ZERO : d;
  }

  private final class SimNetwork implements Network {
    private final String self;

    SimNetwork(String self) {
      this.self = self;
    }

    @Override
    public void sendPacket(InetSocketAddress to, List<Message> messages, List<byte[]> encoded, boolean withCrc) {
      packets++;
      String target = names.get(to);
      if (target == null || blocked(self, target) || netRandom.nextDouble() < loss()) {
        return;
      }
      InetSocketAddress from = addresses.get(self);
      List<Message> delivered = throughCodec ? codec.decodePacket(codec.encodePacket(encoded, withCrc)).messages()
          : messages;
      scheduler.schedule(delay(), () -> {
        if (!killed.contains(target)) {
          delivered.forEach(m -> nodes.get(target).onPacket(from, m));
        }
      });
    }

    @Override
    public void request(InetSocketAddress to, Message request, Duration timeout, Consumer<StreamReply> onReply) {
      String target = names.get(to);
      Instant deadline = scheduler.instant().plus(timeout);
      if (target == null || killed.contains(target)) {
        // a dead process's host answers the SYN with a RST
        scheduler.schedule(delay().multipliedBy(2), () -> onReply.accept(new StreamReply.Failure("connection refused")));
        return;
      }
      if (blocked(self, target)) {
        scheduler.schedule(timeout, () -> onReply.accept(new StreamReply.Failure("i/o timeout")));
        return;
      }
      // handshake, request, response, FIN: each lost segment costs one retransmission timeout
      Duration cost = delay().multipliedBy(3);
      for (int segment = 0; segment < 4; segment++) {
        if (netRandom.nextDouble() < loss()) {
          cost = cost.plus(TCP_RTO);
        }
      }
      if (scheduler.instant().plus(cost).isAfter(deadline)) {
        scheduler.schedule(timeout, () -> onReply.accept(new StreamReply.Failure("i/o timeout")));
        return;
      }
      InetSocketAddress from = addresses.get(self);
      Duration total = cost;
      scheduler.schedule(total.dividedBy(2), () -> {
        if (killed.contains(target)) {
          scheduler.schedule(total.dividedBy(2), () -> onReply.accept(new StreamReply.Failure("connection reset")));
          return;
        }
        Message in = request;
        if (throughCodec) {
          byte[] bytes = codec.encodeStream(request);
          try {
            in = codec.tryDecodeStream(bytes, bytes.length).orElseThrow();
          } catch (io.metallb.speaker.memberlist.wire.WireFormatException e) {
            throw new AssertionError(describe() + ": stream codec failed", e);
          }
        }
        Optional<Message> reply = nodes.get(target).onStream(from, in);
        scheduler.schedule(total.dividedBy(2), () -> onReply.accept(reply
            .<StreamReply>map(StreamReply.Response::new).orElse(new StreamReply.Failure("closed without reply"))));
      });
    }
  }
}
