package io.metallb.speaker.memberlist.core;

import io.metallb.speaker.memberlist.core.Network.StreamReply;
import io.metallb.speaker.memberlist.wire.Bytes;
import io.metallb.speaker.memberlist.wire.MemberState;
import io.metallb.speaker.memberlist.wire.Message;
import io.metallb.speaker.memberlist.wire.Message.Ack;
import io.metallb.speaker.memberlist.wire.Message.Alive;
import io.metallb.speaker.memberlist.wire.Message.Dead;
import io.metallb.speaker.memberlist.wire.Message.ErrorResponse;
import io.metallb.speaker.memberlist.wire.Message.IndirectPing;
import io.metallb.speaker.memberlist.wire.Message.Nack;
import io.metallb.speaker.memberlist.wire.Message.NodeState;
import io.metallb.speaker.memberlist.wire.Message.Ping;
import io.metallb.speaker.memberlist.wire.Message.PushPull;
import io.metallb.speaker.memberlist.wire.Message.Suspect;
import io.metallb.speaker.memberlist.wire.Message.User;
import io.metallb.speaker.memberlist.wire.MessageCodec;
import io.metallb.speaker.memberlist.wire.PacketCodec;
import io.metallb.speaker.memberlist.wire.ProtocolVersions;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.random.RandomGenerator;

/**
 * One memberlist node as a sans-I/O state machine: SWIM probing (direct, indirect, TCP fallback),
 * Lifeguard suspicion and awareness, gossip through a transmit-limited queue, refutation,
 * push-pull anti-entropy, join and graceful leave — the logic of memberlist's {@code state.go}
 * and {@code net.go} handlers, with time, timers, randomness and I/O injected.
 *
 * <p>Not thread-safe: every method, every {@link Scheduler} task and every {@link Network}
 * callback must run on one thread (the transport's event loop, or a simulation's). Inputs after
 * {@link #stop()} are ignored.
 */
public final class SwimNode {
  /** Identity this node advertises: name, address and port, and metadata (≤ 512 bytes, memberlist {@code MetaMaxSize}). */
  public record Identity(String name, InetSocketAddress advertise, Bytes meta) {
    /** Validates nulls and the metadata size. */
    public Identity {
      Objects.requireNonNull(name);
      Objects.requireNonNull(advertise);
      Objects.requireNonNull(meta);
      if (meta.length() > 512) {
        throw new IllegalArgumentException("meta is longer than memberlist's MetaMaxSize (512)");
      }
    }
  }

  /** The outcome of {@link #join}: members contacted, and why the others failed. */
  public record JoinResult(int contacted, List<String> errors) {
    /** Copies the list. */
    public JoinResult {
      errors = List.copyOf(errors);
    }
  }

  private static final class NodeRecord {
    final String name;
    InetAddress addr;
    int port;
    Bytes meta;
    long incarnation;
    MemberState state;
    Instant stateChange;
    ProtocolVersions vsn;

    NodeRecord(String name, InetAddress addr, int port, Bytes meta, ProtocolVersions vsn, Instant now) {
      this.name = name;
      this.addr = addr;
      this.port = port;
      this.meta = meta;
      this.vsn = vsn;
      this.state = MemberState.DEAD;
      this.stateChange = now;
    }

    InetSocketAddress socketAddress() {
      return new InetSocketAddress(addr, port);
    }
  }

  private interface AckHandler {
    void onAck();

    void onNack();
  }

  private final MemberlistConfig config;
  private final Identity identity;
  private final InstantSource clock;
  private final Scheduler scheduler;
  private final RandomGenerator random;
  private final Network network;
  private final MembershipListener listener;
  private final int packetOverhead;
  private final ProtocolVersions versions;

  private final List<NodeRecord> nodes = new ArrayList<>();
  private final Map<String, NodeRecord> byName = new HashMap<>(); // member name -> record
  private final Map<String, SuspicionTimer> suspicions = new HashMap<>(); // member name -> suspicion
  private final Map<Long, AckHandler> ackHandlers = new HashMap<>(); // sequence number -> handler
  private final BroadcastQueue broadcasts;
  private final Awareness awareness;
  private long sequence;
  private long incarnation;
  private int probeIndex;
  private boolean probing;
  private boolean probeTickPending;
  private boolean started;
  private boolean left;
  private boolean stopped;

  private record SuspicionTimer(Suspicion suspicion, Scheduler.Cancellable[] timer) {}

  /**
   * A node that will speak as {@code identity}.
   *
   * @param packetOverhead bytes the transport adds to every packet beyond its messages (label and
   *     encryption, {@code WireOptions.packetOverhead()}), kept free when piggybacking gossip
   */
  public SwimNode(MemberlistConfig config, Identity identity, InstantSource clock, Scheduler scheduler,
      RandomGenerator random, Network network, MembershipListener listener, int packetOverhead) {
    this.config = config;
    this.identity = identity;
    this.clock = clock;
    this.scheduler = scheduler;
    this.random = random;
    this.network = network;
    this.listener = listener;
    this.packetOverhead = packetOverhead;
    this.versions = ProtocolVersions.speaking(config.protocolVersion());
    this.broadcasts = new BroadcastQueue(config.retransmitMult(), nodes::size);
    this.awareness = new Awareness(config.awarenessMaxMultiplier());
  }

  /** Declares this node alive (incarnation 1) and starts probing, gossip and push-pull timers. */
  public void start() {
    if (started) {
      return;
    }
    started = true;
    InetSocketAddress self = identity.advertise();
    aliveNode(new Alive(nextIncarnation(), identity.name(), Bytes.of(self.getAddress().getAddress()), self.getPort(),
        identity.meta(), versions), true);
    every(config.probeInterval(), () -> config.probeInterval(), this::probeTick);
    if (!config.gossipInterval().isZero() && config.gossipNodes() > 0) {
      every(config.gossipInterval(), () -> config.gossipInterval(), this::gossip);
    }
    if (!config.pushPullInterval().isZero()) {
      every(config.pushPullInterval(), () -> SwimMath.pushPullScale(config.pushPullInterval(), nodes.size()),
          this::pushPull);
    }
  }

  private void every(Duration stagger, java.util.function.Supplier<Duration> interval, Runnable task) {
    Duration first = Duration.ofNanos(random.nextLong(Math.max(1, stagger.toNanos())));
    scheduler.schedule(first, new Runnable() {
      @Override
      public void run() {
        if (stopped) {
          return;
        }
        task.run();
        scheduler.schedule(interval.get(), this);
      }
    });
  }

  /** Stops all activity; the node ignores every later input and timer. */
  public void stop() {
    stopped = true;
    suspicions.values().forEach(t -> t.timer()[0].cancel());
    suspicions.clear();
    ackHandlers.clear();
  }

  /** True after {@link #stop()}. */
  public boolean stopped() {
    return stopped;
  }

  // ---- queries

  /** All known members, this node included, dead and left ones until they are reaped. */
  public List<Member> members() {
    return nodes.stream().map(this::snapshot).toList();
  }

  /** The member named {@code name}, if known. */
  public Optional<Member> member(String name) {
    return Optional.ofNullable(byName.get(name)).map(this::snapshot);
  }

  /** Lifeguard's health score (0 is healthy). */
  public int healthScore() {
    return awareness.score();
  }

  /** This node's name. */
  public String name() {
    return identity.name();
  }

  private Member snapshot(NodeRecord r) {
    return new Member(r.name, r.addr, r.port, r.meta, r.incarnation, r.state, r.vsn, r.stateChange);
  }

  // ---- inputs

  /** Handles one message that arrived over UDP from {@code from} (the packet's source). */
  public void onPacket(InetSocketAddress from, Message message) {
    if (stopped) {
      return;
    }
    switch (message) {
      case Ping p -> handlePing(from, p);
      case IndirectPing p -> handleIndirectPing(from, p);
      case Ack a -> {
        AckHandler handler = ackHandlers.remove(a.seqNo());
        if (handler != null) {
          handler.onAck();
        }
      }
      case Nack n -> {
        AckHandler handler = ackHandlers.get(n.seqNo());
        if (handler != null) {
          handler.onNack();
        }
      }
      case Suspect s -> suspectNode(s);
      case Alive a -> aliveNode(a, false);
      case Dead d -> deadNode(d);
      case User u -> { }
      case PushPull p -> { }
      case ErrorResponse e -> { }
    }
  }

  /**
   * Handles a request read from an inbound stream and returns the reply to write, if any
   * (memberlist {@code handleConn}): push-pull answers with the local state and then merges the
   * remote one; a ping is acked when it is for this node.
   */
  public Optional<Message> onStream(InetSocketAddress from, Message request) {
    if (stopped) {
      return Optional.empty();
    }
    return switch (request) {
      case PushPull remote -> {
        PushPull local = localState(remote.join());
        mergeRemoteState(remote);
        yield Optional.of(local);
      }
      case Ping p -> p.node().isEmpty() || p.node().equals(identity.name())
          ? Optional.of(new Ack(p.seqNo(), Bytes.EMPTY)) : Optional.empty();
      default -> Optional.of(new ErrorResponse("unsupported stream message " + request.type()));
    };
  }

  /**
   * Joins the cluster through {@code seeds} with a push-pull to each (memberlist {@code Join});
   * {@code done} gets the result once every seed answered or failed.
   */
  public void join(List<InetSocketAddress> seeds, Consumer<JoinResult> done) {
    if (seeds.isEmpty()) {
      done.accept(new JoinResult(0, List.of()));
      return;
    }
    int[] pending = {seeds.size()};
    int[] contacted = {0};
    List<String> errors = new ArrayList<>();
    for (InetSocketAddress seed : seeds) {
      network.request(seed, localState(true), config.tcpTimeout(), reply -> {
        if (!stopped) {
          switch (reply) {
            case StreamReply.Response(PushPull remote) -> {
              if (mergeRemoteState(remote)) {
                contacted[0]++;
              } else {
                errors.add(seed + ": incompatible protocol versions");
              }
            }
            case StreamReply.Response(ErrorResponse e) -> errors.add(seed + ": remote error: " + e.error());
            case StreamReply.Response r -> errors.add(seed + ": unexpected " + r.message().type());
            case StreamReply.Failure f -> errors.add(seed + ": " + f.reason());
          }
        }
        if (--pending[0] == 0) {
          done.accept(new JoinResult(contacted[0], errors));
        }
      });
    }
  }

  /**
   * Leaves gracefully (memberlist {@code Leave}): gossips a dead message about itself from itself
   * and calls {@code done} with true once it was sent enough times, or false after
   * {@code timeout}. Then {@link #stop()} it.
   */
  public void leave(Duration timeout, Consumer<Boolean> done) {
    if (left || stopped) {
      done.accept(true);
      return;
    }
    left = true;
    NodeRecord self = byName.get(identity.name());
    boolean[] finished = {false};
    Consumer<Boolean> once = ok -> {
      if (!finished[0]) {
        finished[0] = true;
        done.accept(ok);
      }
    };
    Dead dead = new Dead(self.incarnation, self.name, self.name);
    deadNode(dead, () -> once.accept(true));
    if (nodes.stream().noneMatch(n -> n != self && n.state == MemberState.ALIVE)) {
      once.accept(true);
    } else {
      scheduler.schedule(timeout, () -> once.accept(false));
    }
  }

  // ---- probing (state.go probe, probeNode)

  private void probeTick() {
    if (probing) {
      probeTickPending = true;
      return;
    }
    probe();
  }

  private void probe() {
    int checked = 0;
    while (checked < nodes.size()) {
      if (probeIndex >= nodes.size()) {
        resetNodes();
        probeIndex = 0;
        checked++;
        continue;
      }
      NodeRecord node = nodes.get(probeIndex++);
      if (node.name.equals(identity.name()) || node.state.deadOrLeft()) {
        checked++;
        continue;
      }
      probeNode(node);
      return;
    }
  }

  /** memberlist {@code resetNodes}: forgets members dead longer than GossipToTheDeadTime, shuffles the rest. */
  private void resetNodes() {
    Instant now = clock.instant();
    nodes.removeIf(n -> {
      boolean reap = n.state.deadOrLeft()
          && Duration.between(n.stateChange, now).compareTo(config.gossipToTheDeadTime()) > 0;
      if (reap) {
        byName.remove(n.name);
      }
      return reap;
    });
    for (int i = nodes.size() - 1; i > 0; i--) {
      Collections.swap(nodes, i, random.nextInt(i + 1));
    }
  }

  private final class Probe implements AckHandler {
    final long seq;
    final String target;
    final long targetIncarnation;
    final Instant deadline;
    final List<Scheduler.Cancellable> timers = new ArrayList<>();
    boolean done;
    boolean intervalOver;
    int expectedNacks;
    int nacks;
    boolean fallbackPending;
    boolean fallbackContacted;

    Probe(long seq, NodeRecord node, Instant deadline) {
      this.seq = seq;
      this.target = node.name;
      this.targetIncarnation = node.incarnation;
      this.deadline = deadline;
    }

    @Override
    public void onAck() {
      finish(-1);
    }

    @Override
    public void onNack() {
      nacks++;
    }

    void finish(int awarenessDelta) {
      if (done) {
        return;
      }
      done = true;
      timers.forEach(Scheduler.Cancellable::cancel);
      ackHandlers.remove(seq);
      awareness.applyDelta(awarenessDelta);
      probing = false;
      if (probeTickPending && !stopped) {
        probeTickPending = false;
        probe();
      }
    }

    void decide() {
      if (fallbackContacted) {
        finish(-1);
        return;
      }
      int delta = expectedNacks > 0 ? Math.max(0, expectedNacks - nacks) : 1;
      finish(delta);
      suspectNode(new Suspect(targetIncarnation, target, identity.name()));
    }
  }

  private void probeNode(NodeRecord node) {
    Duration probeInterval = awareness.scaleTimeout(config.probeInterval());
    Instant sent = clock.instant();
    Probe probe = new Probe(nextSeqNo(), node, sent.plus(probeInterval));
    probing = true;
    ackHandlers.put(probe.seq, probe);
    Ping ping = selfPing(probe.seq, node.name);
    if (node.state == MemberState.ALIVE) {
      send(node.socketAddress(), ping);
    } else {
      List<Message> messages = List.of(ping, new Suspect(node.incarnation, node.name, identity.name()));
      network.sendPacket(node.socketAddress(), messages, messages.stream().map(MessageCodec::encode).toList(),
          node.vsn.protocolMax() >= 5);
    }
    NodeRecord target = node;
    probe.timers.add(scheduler.schedule(config.probeTimeout(), () -> {
      if (!probe.done && !stopped) {
        indirectProbe(probe, target);
      }
    }));
    probe.timers.add(scheduler.schedule(probeInterval, () -> {
      if (probe.done || stopped) {
        return;
      }
      probe.intervalOver = true;
      ackHandlers.remove(probe.seq);
      if (!probe.fallbackPending) {
        probe.decide();
      }
    }));
  }

  private void indirectProbe(Probe probe, NodeRecord node) {
    InetSocketAddress self = identity.advertise();
    for (NodeRecord peer : randomNodes(config.indirectChecks(),
        n -> n.name.equals(identity.name()) || n.name.equals(node.name) || n.state != MemberState.ALIVE)) {
      boolean nack = peer.vsn.protocolMax() >= 4;
      if (nack) {
        probe.expectedNacks++;
      }
      send(peer.socketAddress(), new IndirectPing(probe.seq, Bytes.of(node.addr.getAddress()), node.port, node.name,
          nack, Bytes.of(self.getAddress().getAddress()), self.getPort(), identity.name()));
    }
    if (!config.disableTcpPings() && node.vsn.protocolMax() >= 3) {
      Duration remaining = Duration.between(clock.instant(), probe.deadline);
      if (remaining.isNegative() || remaining.isZero()) {
        return;
      }
      probe.fallbackPending = true;
      network.request(node.socketAddress(), selfPing(probe.seq, node.name), remaining, reply -> {
        probe.fallbackPending = false;
        probe.fallbackContacted = reply instanceof StreamReply.Response(Ack ack) && ack.seqNo() == probe.seq;
        if (!probe.done && probe.intervalOver && !stopped) {
          probe.decide();
        }
      });
    }
  }

  private Ping selfPing(long seq, String target) {
    InetSocketAddress self = identity.advertise();
    return new Ping(seq, target, Bytes.of(self.getAddress().getAddress()), self.getPort(), identity.name());
  }

  private void handlePing(InetSocketAddress from, Ping p) {
    if (!p.node().isEmpty() && !p.node().equals(identity.name())) {
      return;
    }
    send(replyAddress(from, p.sourceAddr(), p.sourcePort()), new Ack(p.seqNo(), Bytes.EMPTY));
  }

  private void handleIndirectPing(InetSocketAddress from, IndirectPing ind) {
    int port = config.protocolVersion() < 2 || ind.port() == 0 ? identity.advertise().getPort() : ind.port();
    Optional<InetAddress> target = address(ind.target());
    if (target.isEmpty()) {
      return;
    }
    InetSocketAddress replyTo = replyAddress(from, ind.sourceAddr(), ind.sourcePort());
    long localSeq = nextSeqNo();
    Scheduler.Cancellable[] nackTimer = {() -> { }};
    ackHandlers.put(localSeq, new AckHandler() {
      @Override
      public void onAck() {
        nackTimer[0].cancel();
        send(replyTo, new Ack(ind.seqNo(), Bytes.EMPTY));
      }

      @Override
      public void onNack() { }
    });
    scheduler.schedule(config.probeTimeout(), () -> ackHandlers.remove(localSeq));
    send(new InetSocketAddress(target.get(), port), selfPing(localSeq, ind.node()));
    if (ind.nack()) {
      nackTimer[0] = scheduler.schedule(config.probeTimeout(), () -> {
        if (!stopped) {
          send(replyTo, new Nack(ind.seqNo()));
        }
      });
    }
  }

  private InetSocketAddress replyAddress(InetSocketAddress from, Bytes sourceAddr, int sourcePort) {
    if (!sourceAddr.isEmpty() && sourcePort > 0) {
      Optional<InetAddress> source = address(sourceAddr);
      if (source.isPresent()) {
        return new InetSocketAddress(source.get(), sourcePort);
      }
    }
    return from;
  }

  // ---- gossip and push-pull

  private void gossip() {
    Instant now = clock.instant();
    List<NodeRecord> targets = randomNodes(config.gossipNodes(), n -> {
      if (n.name.equals(identity.name())) {
        return true;
      }
      return switch (n.state) {
        case ALIVE, SUSPECT -> false;
        case DEAD -> Duration.between(n.stateChange, now).compareTo(config.gossipToTheDeadTime()) > 0;
        case LEFT -> true;
      };
    });
    int available = config.udpBufferSize() - PacketCodec.COMPOUND_HEADER_OVERHEAD - packetOverhead;
    for (NodeRecord target : targets) {
      List<BroadcastQueue.Encoded> messages = broadcasts.take(PacketCodec.COMPOUND_OVERHEAD, available);
      if (messages.isEmpty()) {
        return;
      }
      network.sendPacket(target.socketAddress(), messages.stream().map(BroadcastQueue.Encoded::message).toList(),
          messages.stream().map(BroadcastQueue.Encoded::bytes).toList(), target.vsn.protocolMax() >= 5);
    }
  }

  private void pushPull() {
    List<NodeRecord> peers = randomNodes(1, n -> n.name.equals(identity.name()) || n.state != MemberState.ALIVE);
    if (peers.isEmpty()) {
      return;
    }
    network.request(peers.getFirst().socketAddress(), localState(false), config.tcpTimeout(), reply -> {
      if (!stopped && reply instanceof StreamReply.Response(PushPull remote)) {
        mergeRemoteState(remote);
      }
    });
  }

  private PushPull localState(boolean join) {
    return new PushPull(join, nodes.stream().map(n -> new NodeState(n.name, Bytes.of(n.addr.getAddress()), n.port,
        n.meta, n.incarnation, n.state, n.vsn)).toList(), Bytes.EMPTY);
  }

  /** memberlist {@code mergeRemoteState}: verifies versions, then merges; false when incompatible. */
  private boolean mergeRemoteState(PushPull remote) {
    if (!verifyProtocol(remote.nodes())) {
      return false;
    }
    for (NodeState r : remote.nodes()) {
      switch (r.state()) {
        case ALIVE -> aliveNode(new Alive(r.incarnation(), r.name(), r.addr(), r.port(), r.meta(), r.vsn()), false);
        case LEFT -> deadNode(new Dead(r.incarnation(), r.name(), r.name()));
        case DEAD, SUSPECT -> suspectNode(new Suspect(r.incarnation(), r.name(), identity.name()));
      }
    }
    return true;
  }

  /** memberlist {@code verifyProtocol}: every node's current version is within everyone's range. */
  private boolean verifyProtocol(List<NodeState> remote) {
    int maxPmin = 0;
    int minPmax = 255;
    int maxDmin = 0;
    int minDmax = 255;
    for (NodeState r : remote) {
      ProtocolVersions v = r.vsn();
      if (r.state() != MemberState.ALIVE || isUnset(v)) {
        continue;
      }
      maxPmin = Math.max(maxPmin, v.protocolMin());
      minPmax = Math.min(minPmax, v.protocolMax());
      maxDmin = Math.max(maxDmin, v.delegateMin());
      minDmax = Math.min(minDmax, v.delegateMax());
    }
    for (NodeRecord n : nodes) {
      if (n.state != MemberState.ALIVE) {
        continue;
      }
      maxPmin = Math.max(maxPmin, n.vsn.protocolMin());
      minPmax = Math.min(minPmax, n.vsn.protocolMax());
      maxDmin = Math.max(maxDmin, n.vsn.delegateMin());
      minDmax = Math.min(minDmax, n.vsn.delegateMax());
    }
    List<ProtocolVersions> all = new ArrayList<>();
    remote.forEach(r -> all.add(r.vsn()));
    nodes.forEach(n -> all.add(n.vsn));
    for (ProtocolVersions v : all) {
      if (v.protocolCurrent() < maxPmin || v.protocolCurrent() > minPmax || v.delegateCurrent() < maxDmin
          || v.delegateCurrent() > minDmax) {
        return false;
      }
    }
    return true;
  }

  private static boolean isUnset(ProtocolVersions v) {
    return v.equals(new ProtocolVersions(0, 0, 0, 0, 0, 0));
  }

  // ---- state changes (state.go aliveNode, suspectNode, deadNode, refute)

  private void aliveNode(Alive a, boolean bootstrap) {
    if (left && a.node().equals(identity.name())) {
      return;
    }
    ProtocolVersions v = a.vsn();
    if (!isUnset(v) && (v.protocolMin() == 0 || v.protocolMax() == 0 || v.protocolMin() > v.protocolMax())) {
      return;
    }
    Optional<InetAddress> addr = address(a.addr());
    if (addr.isEmpty()) {
      return;
    }
    Instant now = clock.instant();
    NodeRecord state = byName.get(a.node());
    boolean updatesNode = false;
    if (state == null) {
      state = new NodeRecord(a.node(), addr.get(), a.port(), a.meta(), v, now);
      byName.put(a.node(), state);
      int n = nodes.size();
      nodes.add(state);
      Collections.swap(nodes, n == 0 ? 0 : random.nextInt(n + 1), n);
    } else if (!state.addr.equals(addr.get()) || state.port != a.port()) {
      boolean canReclaim = !config.deadNodeReclaimTime().isZero()
          && Duration.between(state.stateChange, now).compareTo(config.deadNodeReclaimTime()) > 0;
      if (state.state == MemberState.LEFT || (state.state == MemberState.DEAD && canReclaim)) {
        state.addr = addr.get();
        state.port = a.port();
        updatesNode = true;
      } else {
        return; // name conflict: another live member owns this name
      }
    }
    boolean isLocal = state.name.equals(identity.name());
    if (a.incarnation() <= state.incarnation && !isLocal && !updatesNode) {
      return;
    }
    if (a.incarnation() < state.incarnation && isLocal) {
      return;
    }
    cancelSuspicion(a.node());
    MemberState oldState = state.state;
    Bytes oldMeta = state.meta;
    if (!bootstrap && isLocal) {
      if (a.incarnation() == state.incarnation && a.meta().equals(state.meta) && v.equals(state.vsn)) {
        return;
      }
      refute(state, a.incarnation());
    } else {
      broadcast(a.node(), a);
      state.vsn = v;
      state.incarnation = a.incarnation();
      state.meta = a.meta();
      if (state.state != MemberState.ALIVE) {
        state.state = MemberState.ALIVE;
        state.stateChange = now;
      }
    }
    if (oldState.deadOrLeft()) {
      listener.onJoin(snapshot(state));
    } else if (!oldMeta.equals(state.meta)) {
      listener.onUpdate(snapshot(state));
    }
  }

  private void suspectNode(Suspect s) {
    NodeRecord state = byName.get(s.node());
    if (state == null || s.incarnation() < state.incarnation) {
      return;
    }
    Instant now = clock.instant();
    SuspicionTimer existing = suspicions.get(s.node());
    if (existing != null) {
      if (existing.suspicion().confirm(s.from(), now)) {
        broadcast(s.node(), s);
        existing.timer()[0].cancel();
        existing.timer()[0] = scheduleSuspicionTimeout(state, existing.suspicion(), state.stateChange);
      }
      return;
    }
    if (state.state != MemberState.ALIVE) {
      return;
    }
    if (state.name.equals(identity.name())) {
      refute(state, s.incarnation());
      return;
    }
    broadcast(s.node(), s);
    state.incarnation = s.incarnation();
    state.state = MemberState.SUSPECT;
    state.stateChange = now;
    int n = nodes.size();
    int k = config.suspicionMult() - 2;
    if (n - 2 < k) {
      k = 0;
    }
    Duration min = SwimMath.suspicionTimeout(config.suspicionMult(), n, config.probeInterval());
    Duration max = min.multipliedBy(config.suspicionMaxTimeoutMult());
    Suspicion suspicion = new Suspicion(s.from(), k, min, max, now);
    suspicions.put(s.node(), new SuspicionTimer(suspicion,
        new Scheduler.Cancellable[] {scheduleSuspicionTimeout(state, suspicion, now)}));
  }

  private Scheduler.Cancellable scheduleSuspicionTimeout(NodeRecord state, Suspicion suspicion, Instant changeTime) {
    Duration delay = Duration.between(clock.instant(), suspicion.deadline());
    return scheduler.schedule(delay.isNegative() ? Duration.ZERO : delay, () -> {
      if (stopped || suspicions.get(state.name) == null || suspicions.get(state.name).suspicion() != suspicion) {
        return;
      }
      suspicions.remove(state.name);
      if (state.state == MemberState.SUSPECT && state.stateChange.equals(changeTime)) {
        deadNode(new Dead(state.incarnation, state.name, identity.name()));
      }
    });
  }

  private void cancelSuspicion(String member) {
    SuspicionTimer timer = suspicions.remove(member);
    if (timer != null) {
      timer.timer()[0].cancel();
    }
  }

  private void deadNode(Dead d) {
    deadNode(d, () -> { });
  }

  private void deadNode(Dead d, Runnable onBroadcastFinished) {
    NodeRecord state = byName.get(d.node());
    if (state == null || d.incarnation() < state.incarnation) {
      return;
    }
    cancelSuspicion(d.node());
    if (state.state.deadOrLeft()) {
      return;
    }
    if (state.name.equals(identity.name())) {
      if (!left) {
        refute(state, d.incarnation());
        return;
      }
      broadcast(d.node(), d, onBroadcastFinished);
    } else {
      broadcast(d.node(), d);
    }
    state.incarnation = d.incarnation();
    state.state = d.node().equals(d.from()) ? MemberState.LEFT : MemberState.DEAD;
    state.stateChange = clock.instant();
    listener.onLeave(snapshot(state));
  }

  private void refute(NodeRecord self, long accusedIncarnation) {
    long inc = nextIncarnation();
    if (accusedIncarnation >= inc) {
      incarnation += accusedIncarnation - inc + 1;
      inc = incarnation;
    }
    self.incarnation = inc;
    awareness.applyDelta(1);
    broadcast(self.name, new Alive(inc, self.name, Bytes.of(self.addr.getAddress()), self.port, self.meta, versions));
  }

  // ---- helpers

  private void broadcast(String member, Message message) {
    broadcast(member, message, () -> { });
  }

  private void broadcast(String member, Message message, Runnable onFinished) {
    broadcasts.queue(member, message, onFinished);
    broadcasts.prune(config.handoffQueueDepth());
  }

  /** memberlist {@code sendMsg}: one message plus as much queued gossip as fits. */
  private void send(InetSocketAddress to, Message message) {
    byte[] encoded = MessageCodec.encode(message);
    int available = config.udpBufferSize() - encoded.length - PacketCodec.COMPOUND_HEADER_OVERHEAD - packetOverhead;
    List<BroadcastQueue.Encoded> extra = broadcasts.take(PacketCodec.COMPOUND_OVERHEAD, available);
    List<Message> messages = new ArrayList<>(1 + extra.size());
    List<byte[]> encodings = new ArrayList<>(1 + extra.size());
    messages.add(message);
    encodings.add(encoded);
    for (BroadcastQueue.Encoded e : extra) {
      messages.add(e.message());
      encodings.add(e.bytes());
    }
    network.sendPacket(to, messages, encodings, speaksCrc(to));
  }

  private boolean speaksCrc(InetSocketAddress to) {
    for (NodeRecord n : nodes) {
      if (n.port == to.getPort() && n.addr.equals(to.getAddress())) {
        return n.vsn.protocolMax() >= 5;
      }
    }
    return false;
  }

  /** memberlist {@code kRandomNodes}: up to k distinct members not filtered out, 3n random tries. */
  private List<NodeRecord> randomNodes(int k, Predicate<NodeRecord> exclude) {
    List<NodeRecord> picked = new ArrayList<>(k);
    int n = nodes.size();
    for (int i = 0; i < 3 * n && picked.size() < k; i++) {
      NodeRecord candidate = nodes.get(random.nextInt(n));
      if (!exclude.test(candidate) && !picked.contains(candidate)) {
        picked.add(candidate);
      }
    }
    return picked;
  }

  private static Optional<InetAddress> address(Bytes raw) {
    if (raw.length() != 4 && raw.length() != 16) {
      return Optional.empty();
    }
    try {
      return Optional.of(InetAddress.getByAddress(raw.toArray()));
    } catch (UnknownHostException e) {
      return Optional.empty();
    }
  }

  private long nextSeqNo() {
    sequence = (sequence + 1) & 0xFFFF_FFFFL;
    return sequence;
  }

  private long nextIncarnation() {
    incarnation = (incarnation + 1) & 0xFFFF_FFFFL;
    return incarnation;
  }
}
