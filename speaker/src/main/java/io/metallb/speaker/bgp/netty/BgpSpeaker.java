package io.metallb.speaker.bgp.netty;

import io.metallb.config.Peer;
import io.metallb.net.Cidr;
import io.metallb.net.IpAddress;
import io.metallb.speaker.bgp.Advertisement;
import io.metallb.speaker.bgp.Advertisements;
import io.metallb.speaker.bgp.BgpMetrics;
import io.metallb.speaker.bgp.PeerSettings;
import io.metallb.speaker.bgp.fsm.State;
import io.metallb.speaker.bgp.message.BgpError;
import io.metallb.speaker.bgp.message.Notification;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

/**
 * The node's BGP speaker: one outbound session per configured peer, each fed the advertisements
 * meant for it (spec §8.9). Thread-safe; methods return without waiting for the network.
 *
 * <p>Lifecycle: {@link #create}, then {@link #setPeers} and {@link #setAdvertisements} as the
 * configuration and Services change, then {@link #close()}.
 */
public final class BgpSpeaker implements AutoCloseable {
  private final String nodeName;
  private final BgpMetrics metrics;
  private final boolean restarted;
  private final EventLoopGroup group;
  private final PeerSession.Listener listener;
  private final Map<Peer, PeerSession> sessions = new LinkedHashMap<>(); // parsed peer -> its session
  private List<Advertisement> advertisements = List.of();

  private BgpSpeaker(String nodeName, BgpMetrics metrics, boolean restarted, PeerSession.Listener listener) {
    this.nodeName = nodeName;
    this.metrics = metrics;
    this.restarted = restarted;
    this.listener = listener;
    this.group = EpollTransport.newGroup(1);
  }

  /**
   * A speaker with no peers, running its sessions on one epoll event loop thread. Blocks for a
   * warm-up of the encoding path (a few hundred milliseconds), so that the first full table goes
   * out without class-loading delays.
   *
   * @param nodeName this node's name (router ID fallback, spec §10.8)
   * @param restarted whether this process restarted: graceful restart's R bit (RFC 4724 §3)
   * @param listener told of every session state change, on the event loop
   */
  public static BgpSpeaker create(String nodeName, BgpMetrics metrics, boolean restarted, PeerSession.Listener listener) {
    WarmUp.run();
    return new BgpSpeaker(nodeName, metrics, restarted, listener);
  }

  /**
   * Runs sessions for exactly {@code peers} (those whose node selectors match this node): a peer
   * new or changed in any field gets a new session; a session whose peer is gone closes without
   * NOTIFICATION (spec §8.9). New sessions get the current advertisements.
   *
   * @return one message per peer that could not be started (unnumbered peer, missing source address)
   */
  public synchronized List<String> setPeers(Collection<Peer> peers) {
    List<String> errors = new ArrayList<>();
    for (var it = sessions.entrySet().iterator(); it.hasNext();) {
      var entry = it.next();
      if (!peers.contains(entry.getKey())) {
        entry.getValue().stop(Optional.empty());
        it.remove();
      }
    }
    for (Peer peer : peers) {
      if (sessions.containsKey(peer)) {
        continue;
      }
      Optional<String> problem = check(peer);
      if (problem.isPresent()) {
        errors.add(problem.get());
        continue;
      }
      PeerSettings settings = PeerSettings.of(peer, restarted);
      EventLoop loop = group.next();
      PeerSession session = new PeerSession(settings, loop, new EpollConnector(loop, settings), metrics, nodeName,
          BgpSpeaker::ipv4OnInterfaceOf, listener);
      sessions.put(peer, session);
      session.setAdvertisements(Advertisements.forPeer(peer.name(), advertisements));
      session.start();
    }
    return errors;
  }

  /**
   * Publishes all Services' advertisements (spec §8.9): every session gets those for its peer,
   * duplicates merged (spec §10.10); an empty list withdraws everything.
   *
   * @throws IllegalArgumentException if a prefix carries more than 63 communities; nothing changes
   */
  public synchronized void setAdvertisements(Collection<Advertisement> all) {
    List<Advertisement> copy = List.copyOf(all);
    Map<PeerSession, Map<Cidr, Advertisement>> perSession = new LinkedHashMap<>();
    sessions.forEach((peer, session) -> perSession.put(session, Advertisements.forPeer(peer.name(), copy)));
    advertisements = copy;
    perSession.forEach(PeerSession::setAdvertisements);
  }

  /**
   * For ServiceBGPStatus (spec §8.10): peer name to the prefixes published to it. A Service's
   * peers are those whose set holds one of its prefixes.
   */
  public synchronized Map<String, Set<Cidr>> publishedPrefixes() {
    Map<String, Set<Cidr>> out = new TreeMap<>();
    sessions.keySet().forEach(peer -> out.put(peer.name(),
        Collections.unmodifiableSet(new TreeSet<>(Advertisements.forPeer(peer.name(), advertisements).keySet()))));
    return out;
  }

  /** Peer name to session state. */
  public synchronized Map<String, State> states() {
    Map<String, State> out = new TreeMap<>();
    sessions.forEach((peer, session) -> out.put(peer.name(), session.state()));
    return out;
  }

  /**
   * Closes every session and the event loop. With {@code notify} each established session gets
   * Cease/Administrative Shutdown; without it connections just close, so graceful-restart peers
   * keep our routes (RFC 4724 §4.2). Blocks up to 5 s.
   */
  public void close(boolean notify) {
    synchronized (this) {
      Optional<Notification> cease = notify ? Optional.of(BgpError.CEASE_ADMINISTRATIVE_SHUTDOWN.notification()) : Optional.empty();
      sessions.values().forEach(s -> s.stop(cease));
      sessions.clear();
    }
    group.shutdownGracefully(100, 5000, TimeUnit.MILLISECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
  }

  /** Closes without NOTIFICATION, like MetalLB's native {@code Close}. */
  @Override
  public void close() {
    close(false);
  }

  /** Spec §10.2: {@code sourceAddress} must exist on this host; unnumbered peers are unsupported. */
  private static Optional<String> check(Peer peer) {
    if (peer.address() == null) {
      return Optional.of("peer " + peer.name() + ": interface (unnumbered) peers are not supported");
    }
    if (peer.sourceAddress() != null && interfaceOf(peer.sourceAddress()).isEmpty()) {
      return Optional.of("address \"" + peer.sourceAddress() + "\" doesn't exist on this host");
    }
    return Optional.empty();
  }

  /** The first IPv4 address on the interface holding {@code address} (spec §10.8 step 3). */
  static Optional<IpAddress> ipv4OnInterfaceOf(IpAddress address) {
    return interfaceOf(address).flatMap(nic -> nic.inetAddresses().filter(Inet4Address.class::isInstance)
        .map(a -> IpAddress.ofBytes(a.getAddress())).findFirst());
  }

  private static Optional<NetworkInterface> interfaceOf(IpAddress address) {
    try {
      return Optional.ofNullable(NetworkInterface.getByInetAddress(InetAddress.getByAddress(address.toBytes())));
    } catch (SocketException | UnknownHostException e) {
      return Optional.empty();
    }
  }
}
