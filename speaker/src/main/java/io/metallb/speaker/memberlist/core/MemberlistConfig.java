package io.metallb.speaker.memberlist.core;

import java.time.Duration;
import java.util.Objects;

/**
 * The protocol's tunables, named and defaulted as memberlist's {@code Config} (config.go); the
 * subset MetalLB overrides from its {@code config.json} (spec §8.5) plus the protocol version and
 * dead-node reclaim time. Immutable.
 *
 * @param tcpTimeout stream (push-pull, fallback ping) timeout ({@code TCPTimeout})
 * @param indirectChecks peers asked to probe indirectly ({@code IndirectChecks})
 * @param retransmitMult broadcast retransmits = mult × ceil(log10(n+1)) ({@code RetransmitMult})
 * @param suspicionMult suspicion timeout multiplier ({@code SuspicionMult})
 * @param suspicionMaxTimeoutMult max suspicion timeout = this × min ({@code SuspicionMaxTimeoutMult})
 * @param pushPullInterval anti-entropy period, zero to disable ({@code PushPullInterval})
 * @param probeTimeout wait for a direct ack ({@code ProbeTimeout})
 * @param probeInterval probe period ({@code ProbeInterval})
 * @param disableTcpPings no TCP fallback probe ({@code DisableTcpPings})
 * @param awarenessMaxMultiplier Lifeguard health score bound ({@code AwarenessMaxMultiplier}); 0
 *     behaves as 1 (no scaling), where Go would scale timeouts to zero
 * @param gossipNodes peers gossiped to per round ({@code GossipNodes})
 * @param gossipInterval gossip period, zero to disable ({@code GossipInterval})
 * @param gossipToTheDeadTime keep gossiping to dead members this long ({@code GossipToTheDeadTime})
 * @param gossipVerifyIncoming refuse plaintext when encrypting ({@code GossipVerifyIncoming})
 * @param gossipVerifyOutgoing encrypt when a key is set ({@code GossipVerifyOutgoing})
 * @param enableCompression LZW-compress packets and streams ({@code EnableCompression})
 * @param handoffQueueDepth queued inbound gossip bound ({@code HandoffQueueDepth})
 * @param udpBufferSize largest packet sent, bytes ({@code UDPBufferSize})
 * @param queueCheckInterval broadcast queue check period ({@code QueueCheckInterval})
 * @param protocolVersion protocol version spoken, 1–5 ({@code ProtocolVersion})
 * @param deadNodeReclaimTime after this, a dead member's name may move to a new address, zero:
 *     never ({@code DeadNodeReclaimTime})
 */
public record MemberlistConfig(Duration tcpTimeout, int indirectChecks, int retransmitMult, int suspicionMult,
    int suspicionMaxTimeoutMult, Duration pushPullInterval, Duration probeTimeout, Duration probeInterval,
    boolean disableTcpPings, int awarenessMaxMultiplier, int gossipNodes, Duration gossipInterval,
    Duration gossipToTheDeadTime, boolean gossipVerifyIncoming, boolean gossipVerifyOutgoing,
    boolean enableCompression, int handoffQueueDepth, int udpBufferSize, Duration queueCheckInterval,
    int protocolVersion, Duration deadNodeReclaimTime) {

  /** Validates nulls and ranges. */
  public MemberlistConfig {
    for (Duration d : new Duration[] {tcpTimeout, pushPullInterval, probeTimeout, probeInterval, gossipInterval,
        gossipToTheDeadTime, queueCheckInterval, deadNodeReclaimTime}) {
      Objects.requireNonNull(d);
      if (d.isNegative()) {
        throw new IllegalArgumentException("negative duration " + d);
      }
    }
    if (probeInterval.isZero()) {
      throw new IllegalArgumentException("probe interval must be positive");
    }
    if (protocolVersion < 1 || protocolVersion > 5) {
      throw new IllegalArgumentException("protocol version must be 1–5");
    }
    if (awarenessMaxMultiplier < 0) {
      throw new IllegalArgumentException("awareness max multiplier must not be negative");
    }
  }

  /** memberlist {@code DefaultLANConfig} (v0.5.x; 0.2.2 has the same values), what MetalLB uses. */
  public static MemberlistConfig lan() {
    return new MemberlistConfig(Duration.ofSeconds(10), 3, 4, 4, 6, Duration.ofSeconds(30), Duration.ofMillis(500),
        Duration.ofSeconds(1), false, 8, 3, Duration.ofMillis(200), Duration.ofSeconds(30), true, true, true, 1024,
        1400, Duration.ofSeconds(30), 2, Duration.ZERO);
  }

  /** memberlist {@code DefaultWANConfig}: LAN with slower, more tolerant timing ({@code --ml-wan-config}). */
  public static MemberlistConfig wan() {
    return lan().toBuilder().tcpTimeout(Duration.ofSeconds(30)).suspicionMult(6)
        .pushPullInterval(Duration.ofSeconds(60)).probeTimeout(Duration.ofSeconds(3))
        .probeInterval(Duration.ofSeconds(5)).gossipNodes(4).gossipInterval(Duration.ofMillis(500))
        .gossipToTheDeadTime(Duration.ofSeconds(60)).build();
  }

  /** memberlist {@code DefaultLocalConfig}: LAN tuned for loopback. */
  public static MemberlistConfig local() {
    return lan().toBuilder().tcpTimeout(Duration.ofSeconds(1)).indirectChecks(1).retransmitMult(2)
        .suspicionMult(3).pushPullInterval(Duration.ofSeconds(15)).probeTimeout(Duration.ofMillis(200))
        .probeInterval(Duration.ofSeconds(1)).gossipInterval(Duration.ofMillis(100))
        .gossipToTheDeadTime(Duration.ofSeconds(15)).build();
  }

  /**
   * metallb-java's fast-failover profile, for a LAN whose round trip is well under 10 ms: LAN with
   * a 100 ms probe interval, 40 ms probe timeout, 50 ms gossip interval and retransmit multiplier
   * 6 (LAN: 4) so that a refutation reaches everyone before a short suspicion expires. A dead
   * member of a 3-node cluster is declared in about 0.5–0.8 s (suspicion min = 4 × 100 ms); the
   * simulation shows no false death at 10% loss in 10 nodes over 10 minutes (25 seeds; with
   * multiplier 4 it showed some). Costs ~10× LAN's probe traffic, still ~10 small packets per
   * second per node. Every member of a cluster should use the same profile.
   */
  public static MemberlistConfig fast() {
    return lan().toBuilder().probeInterval(Duration.ofMillis(100)).probeTimeout(Duration.ofMillis(40))
        .gossipInterval(Duration.ofMillis(50)).retransmitMult(6).tcpTimeout(Duration.ofSeconds(2)).build();
  }

  /** A builder starting from these values. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /** Changes some values of a config. Not thread-safe. */
  public static final class Builder {
    private Duration tcpTimeout;
    private int indirectChecks;
    private int retransmitMult;
    private int suspicionMult;
    private int suspicionMaxTimeoutMult;
    private Duration pushPullInterval;
    private Duration probeTimeout;
    private Duration probeInterval;
    private boolean disableTcpPings;
    private int awarenessMaxMultiplier;
    private int gossipNodes;
    private Duration gossipInterval;
    private Duration gossipToTheDeadTime;
    private boolean gossipVerifyIncoming;
    private boolean gossipVerifyOutgoing;
    private boolean enableCompression;
    private int handoffQueueDepth;
    private int udpBufferSize;
    private Duration queueCheckInterval;
    private int protocolVersion;
    private Duration deadNodeReclaimTime;

    private Builder(MemberlistConfig c) {
      tcpTimeout = c.tcpTimeout;
      indirectChecks = c.indirectChecks;
      retransmitMult = c.retransmitMult;
      suspicionMult = c.suspicionMult;
      suspicionMaxTimeoutMult = c.suspicionMaxTimeoutMult;
      pushPullInterval = c.pushPullInterval;
      probeTimeout = c.probeTimeout;
      probeInterval = c.probeInterval;
      disableTcpPings = c.disableTcpPings;
      awarenessMaxMultiplier = c.awarenessMaxMultiplier;
      gossipNodes = c.gossipNodes;
      gossipInterval = c.gossipInterval;
      gossipToTheDeadTime = c.gossipToTheDeadTime;
      gossipVerifyIncoming = c.gossipVerifyIncoming;
      gossipVerifyOutgoing = c.gossipVerifyOutgoing;
      enableCompression = c.enableCompression;
      handoffQueueDepth = c.handoffQueueDepth;
      udpBufferSize = c.udpBufferSize;
      queueCheckInterval = c.queueCheckInterval;
      protocolVersion = c.protocolVersion;
      deadNodeReclaimTime = c.deadNodeReclaimTime;
    }

    /** See {@link MemberlistConfig#tcpTimeout()}. */
    public Builder tcpTimeout(Duration v) {
      tcpTimeout = v;
      return this;
    }

    /** See {@link MemberlistConfig#indirectChecks()}. */
    public Builder indirectChecks(int v) {
      indirectChecks = v;
      return this;
    }

    /** See {@link MemberlistConfig#retransmitMult()}. */
    public Builder retransmitMult(int v) {
      retransmitMult = v;
      return this;
    }

    /** See {@link MemberlistConfig#suspicionMult()}. */
    public Builder suspicionMult(int v) {
      suspicionMult = v;
      return this;
    }

    /** See {@link MemberlistConfig#suspicionMaxTimeoutMult()}. */
    public Builder suspicionMaxTimeoutMult(int v) {
      suspicionMaxTimeoutMult = v;
      return this;
    }

    /** See {@link MemberlistConfig#pushPullInterval()}. */
    public Builder pushPullInterval(Duration v) {
      pushPullInterval = v;
      return this;
    }

    /** See {@link MemberlistConfig#probeTimeout()}. */
    public Builder probeTimeout(Duration v) {
      probeTimeout = v;
      return this;
    }

    /** See {@link MemberlistConfig#probeInterval()}. */
    public Builder probeInterval(Duration v) {
      probeInterval = v;
      return this;
    }

    /** See {@link MemberlistConfig#disableTcpPings()}. */
    public Builder disableTcpPings(boolean v) {
      disableTcpPings = v;
      return this;
    }

    /** See {@link MemberlistConfig#awarenessMaxMultiplier()}. */
    public Builder awarenessMaxMultiplier(int v) {
      awarenessMaxMultiplier = v;
      return this;
    }

    /** See {@link MemberlistConfig#gossipNodes()}. */
    public Builder gossipNodes(int v) {
      gossipNodes = v;
      return this;
    }

    /** See {@link MemberlistConfig#gossipInterval()}. */
    public Builder gossipInterval(Duration v) {
      gossipInterval = v;
      return this;
    }

    /** See {@link MemberlistConfig#gossipToTheDeadTime()}. */
    public Builder gossipToTheDeadTime(Duration v) {
      gossipToTheDeadTime = v;
      return this;
    }

    /** See {@link MemberlistConfig#gossipVerifyIncoming()}. */
    public Builder gossipVerifyIncoming(boolean v) {
      gossipVerifyIncoming = v;
      return this;
    }

    /** See {@link MemberlistConfig#gossipVerifyOutgoing()}. */
    public Builder gossipVerifyOutgoing(boolean v) {
      gossipVerifyOutgoing = v;
      return this;
    }

    /** See {@link MemberlistConfig#enableCompression()}. */
    public Builder enableCompression(boolean v) {
      enableCompression = v;
      return this;
    }

    /** See {@link MemberlistConfig#handoffQueueDepth()}. */
    public Builder handoffQueueDepth(int v) {
      handoffQueueDepth = v;
      return this;
    }

    /** See {@link MemberlistConfig#udpBufferSize()}. */
    public Builder udpBufferSize(int v) {
      udpBufferSize = v;
      return this;
    }

    /** See {@link MemberlistConfig#queueCheckInterval()}. */
    public Builder queueCheckInterval(Duration v) {
      queueCheckInterval = v;
      return this;
    }

    /** See {@link MemberlistConfig#protocolVersion()}. */
    public Builder protocolVersion(int v) {
      protocolVersion = v;
      return this;
    }

    /** See {@link MemberlistConfig#deadNodeReclaimTime()}. */
    public Builder deadNodeReclaimTime(Duration v) {
      deadNodeReclaimTime = v;
      return this;
    }

    /** The config. */
    public MemberlistConfig build() {
      return new MemberlistConfig(tcpTimeout, indirectChecks, retransmitMult, suspicionMult, suspicionMaxTimeoutMult,
          pushPullInterval, probeTimeout, probeInterval, disableTcpPings, awarenessMaxMultiplier, gossipNodes,
          gossipInterval, gossipToTheDeadTime, gossipVerifyIncoming, gossipVerifyOutgoing, enableCompression,
          handoffQueueDepth, udpBufferSize, queueCheckInterval, protocolVersion, deadNodeReclaimTime);
    }
  }
}
