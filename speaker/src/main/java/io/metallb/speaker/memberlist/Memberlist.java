package io.metallb.speaker.memberlist;

import io.metallb.speaker.memberlist.core.Member;
import io.metallb.speaker.memberlist.core.MemberlistConfig;
import io.metallb.speaker.memberlist.core.MembershipListener;
import io.metallb.speaker.memberlist.core.SwimNode;
import io.metallb.speaker.memberlist.transport.DropCounters;
import io.metallb.speaker.memberlist.transport.InboundHandler;
import io.metallb.speaker.memberlist.transport.NettyTransport;
import io.metallb.speaker.memberlist.wire.Bytes;
import io.metallb.speaker.memberlist.wire.DropReason;
import io.metallb.speaker.memberlist.wire.Keyring;
import io.metallb.speaker.memberlist.wire.Message;
import io.metallb.speaker.memberlist.wire.PacketCodec;
import io.metallb.speaker.memberlist.wire.WireOptions;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A running memberlist member: the pure {@link SwimNode} driven by a {@link NettyTransport} on one
 * event loop. What the speaker uses: {@link #start}, {@link #join}, {@link #leave},
 * {@link #members}, {@link #usableSpeakers} and {@link #close}.
 *
 * <p>Thread-safe: every call hops onto the event loop. Listeners run on the event loop.
 */
public final class Memberlist implements AutoCloseable {
  /**
   * How to run a member.
   *
   * @param name the node name (MetalLB: the Kubernetes node name)
   * @param bind address and port for UDP and TCP ({@code --ml-bindaddr}, {@code --ml-bindport}, 7946)
   * @param advertise what to tell peers, when not the bound address
   * @param config timing (LAN, WAN, fast, or overridden by {@link MemberlistConfigFile})
   * @param key the AES key, if encrypting (MetalLB: {@link Keyring#metallbKey} of the secret)
   * @param label the cluster label, empty for none (as MetalLB)
   */
  public record Options(String name, InetSocketAddress bind, Optional<InetSocketAddress> advertise,
      MemberlistConfig config, Optional<byte[]> key, String label) {
    /** Validates nulls. */
    public Options {
      Objects.requireNonNull(name);
      Objects.requireNonNull(bind);
      Objects.requireNonNull(advertise);
      Objects.requireNonNull(config);
      Objects.requireNonNull(key);
      Objects.requireNonNull(label);
    }

    /** LAN defaults, no key, no label, advertising the bound address. */
    public static Options lan(String name, InetSocketAddress bind) {
      return new Options(name, bind, Optional.empty(), MemberlistConfig.lan(), Optional.empty(), "");
    }

    /** These options with a key. */
    public Options withKey(byte[] aesKey) {
      return new Options(name, bind, advertise, config, Optional.of(aesKey.clone()), label);
    }

    /** These options with another config. */
    public Options withConfig(MemberlistConfig other) {
      return new Options(name, bind, advertise, other, key, label);
    }
  }

  private final NettyTransport transport;
  private final SwimNode node;
  private final DropCounters drops;
  private final UsableSpeakers usable = UsableSpeakers.tracking();
  private final List<MembershipListener> listeners = new CopyOnWriteArrayList<>();

  private Memberlist(NettyTransport transport, SwimNode.Identity identity, MemberlistConfig config,
      WireOptions wire, DropCounters drops) {
    this.transport = transport;
    this.drops = drops;
    listeners.add(usable);
    MembershipListener fanOut = new MembershipListener() {
      @Override
      public void onJoin(Member m) {
        listeners.forEach(l -> l.onJoin(m));
      }

      @Override
      public void onLeave(Member m) {
        listeners.forEach(l -> l.onLeave(m));
      }

      @Override
      public void onUpdate(Member m) {
        listeners.forEach(l -> l.onUpdate(m));
      }
    };
    this.node = new SwimNode(config, identity, InstantSource.system(), transport.scheduler(), new SecureRandom(),
        transport, fanOut, wire.packetOverhead());
    transport.handler(new InboundHandler() {
      @Override
      public void onPacket(InetSocketAddress from, Message message) {
        node.onPacket(from, message);
      }

      @Override
      public Optional<Message> onStream(InetSocketAddress from, Message request) {
        return node.onStream(from, request);
      }
    });
  }

  /**
   * Binds, declares itself alive and starts probing. Blocks until bound.
   *
   * @param listener membership events, on the event loop; may be null
   * @throws IllegalStateException when the address cannot be bound
   */
  public static Memberlist start(Options options, MembershipListener listener) {
    MemberlistConfig config = options.config();
    WireOptions wire = new WireOptions(options.key().map(Keyring::of), config.protocolVersion(), options.label(),
        config.enableCompression(), config.gossipVerifyIncoming(), config.gossipVerifyOutgoing(), new SecureRandom());
    DropCounters drops = new DropCounters();
    NettyTransport transport = NettyTransport.bind(options.bind(), new PacketCodec(wire), drops, config.tcpTimeout());
    InetSocketAddress advertise = options.advertise().orElse(transport.localAddress());
    Memberlist list = new Memberlist(transport, new SwimNode.Identity(options.name(), advertise, Bytes.EMPTY), config,
        wire, drops);
    if (listener != null) {
      list.listeners.add(listener);
    }
    list.onLoop(() -> {
      list.node.start();
      return null;
    });
    return list;
  }

  /**
   * Joins through {@code seeds} (push-pull with each). Completes with how many answered; fails
   * with the errors when none did.
   */
  public CompletableFuture<Integer> join(List<InetSocketAddress> seeds) {
    CompletableFuture<Integer> result = new CompletableFuture<>();
    transport.eventLoop().execute(() -> node.join(seeds, r -> {
      if (r.contacted() == 0 && !seeds.isEmpty()) {
        result.completeExceptionally(new IllegalStateException("failed to join: " + String.join("; ", r.errors())));
      } else {
        result.complete(r.contacted());
      }
    }));
    return result;
  }

  /** Leaves gracefully; completes true once peers were told, false on timeout. Then {@link #close()}. */
  public CompletableFuture<Boolean> leave(Duration timeout) {
    CompletableFuture<Boolean> result = new CompletableFuture<>();
    transport.eventLoop().execute(() -> node.leave(timeout, result::complete));
    return result;
  }

  /** A snapshot of the members this node knows. Blocks briefly (hops onto the event loop). */
  public List<Member> members() {
    return onLoop(node::members);
  }

  /** The usable-speaker view, updated on every membership change. */
  public UsableSpeakers usableSpeakers() {
    return usable;
  }

  /** Adds a listener for membership events (called on the event loop). */
  public void addListener(MembershipListener listener) {
    listeners.add(listener);
  }

  /** Inbound packets and streams dropped so far, by reason (decrypt failures for a wrong secret). */
  public Map<DropReason, Long> dropCounts() {
    return drops.snapshot();
  }

  /** The UDP/TCP address bound. */
  public InetSocketAddress localAddress() {
    return transport.localAddress();
  }

  /** Lifeguard's health score (0 is healthy). */
  public int healthScore() {
    return onLoop(node::healthScore);
  }

  private <T> T onLoop(java.util.concurrent.Callable<T> task) {
    try {
      return transport.eventLoop().submit(task).get(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("memberlist event loop failed", e);
    }
  }

  /** Stops without leaving (as a crash would look to peers) and releases the sockets. */
  @Override
  public void close() {
    if (!transport.eventLoop().isShuttingDown()) {
      try {
        onLoop(() -> {
          node.stop();
          return null;
        });
      } catch (IllegalStateException | java.util.concurrent.RejectedExecutionException e) {
        // the event loop is already stopping: nothing left to stop
      }
    }
    transport.close();
  }
}
