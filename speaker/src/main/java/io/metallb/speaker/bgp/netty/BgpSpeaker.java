package io.metallb.speaker.bgp.netty;

import io.metallb.config.BfdProfile;
import io.metallb.config.Peer;
import io.metallb.net.Cidr;
import io.metallb.net.IpAddress;
import io.metallb.speaker.bfd.BfdMetrics;
import io.metallb.speaker.bfd.BfdPeerSettings;
import io.metallb.speaker.bfd.InMemoryBfdMetrics;
import io.metallb.speaker.bfd.SessionState;
import io.metallb.speaker.bfd.StateChange;
import io.metallb.speaker.bfd.netty.BfdSessions;
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
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's BGP speaker: one outbound session per configured peer, each fed the advertisements
 * meant for it (spec §8.9), and one BFD session per peer address that a peer with a
 * {@code bfdProfile} asks for (spec §12). A BFD session that fails (Up to Down, not by the peer's
 * AdminDown) tears down the BGP sessions it guards with Cease/BFD Down; they dial again after the
 * usual backoff. Thread-safe; methods return without waiting for the network.
 *
 * <p>Lifecycle: {@link #create}, then {@link #setBfdProfiles}, {@link #setPeers} and {@link
 * #setAdvertisements} as the configuration and Services change, then {@link #close()}.
 */
public final class BgpSpeaker implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(BgpSpeaker.class);

  private final String nodeName;
  private final BgpMetrics metrics;
  private final boolean restarted;
  private final EventLoopGroup group;
  private final PeerSession.Listener listener;
  private final BfdSessions.Listener bfdListener;
  private final BfdSessions bfd;
  private final Map<Peer, PeerSession> sessions = new LinkedHashMap<>(); // peer without bfdProfile -> its session
  private final Map<Peer, Peer> configured = new HashMap<>(); // peer without bfdProfile -> the peer as configured
  private final Map<String, RouterAdvertiser> advertisers = new java.util.concurrent.ConcurrentHashMap<>(); // interface -> its RA side, for unnumbered peers
  private Map<String, BfdProfile> bfdProfiles = Map.of();
  private final Set<String> echoWarned = new TreeSet<>(); // profiles whose echoMode was reported as unsupported
  private volatile Map<BfdPeerSettings.Key, List<PeerSession>> guarded = Map.of(); // BFD session -> BGP sessions it guards
  private List<Advertisement> advertisements = List.of();

  private BgpSpeaker(String nodeName, BgpMetrics metrics, BfdMetrics bfdMetrics, boolean restarted, PeerSession.Listener listener,
      BfdSessions.Listener bfdListener) {
    this.nodeName = nodeName;
    this.metrics = metrics;
    this.restarted = restarted;
    this.listener = listener;
    this.bfdListener = bfdListener;
    this.group = EpollTransport.newGroup(1);
    this.bfd = new BfdSessions(group.next(), BfdSessions.Endpoint.standard(), bfdMetrics, this::bfdStateChanged);
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
    return create(nodeName, metrics, new InMemoryBfdMetrics(), restarted, listener, (key, change) -> { });
  }

  /**
   * As {@link #create(String, BgpMetrics, boolean, PeerSession.Listener)}, with BFD metrics (spec
   * §13.3 names) and a listener told of every BFD state change, on the event loop.
   */
  public static BgpSpeaker create(String nodeName, BgpMetrics metrics, BfdMetrics bfdMetrics, boolean restarted,
      PeerSession.Listener listener, BfdSessions.Listener bfdListener) {
    WarmUp.run();
    return new BgpSpeaker(nodeName, metrics, bfdMetrics, restarted, listener, bfdListener);
  }

  /**
   * The BFD profiles by name (spec §3.6), from the accepted configuration; call it before {@link
   * #setPeers} with the same configuration. Sessions whose profile changed are reconfigured in place
   * (a Poll Sequence), without touching BGP; a peer naming an unknown profile gets FRR's defaults.
   * {@code echoMode} and {@code echoInterval} are ignored: there is no Echo function (logged once
   * per profile).
   */
  public synchronized void setBfdProfiles(Map<String, BfdProfile> profiles) {
    bfdProfiles = Map.copyOf(profiles);
    syncBfd();
  }

  /**
   * Runs sessions for exactly {@code peers} (those whose node selectors match this node): a peer
   * new or changed in any field but {@code bfdProfile} gets a new session; a session whose peer is
   * gone closes without NOTIFICATION (spec §8.9). New sessions get the current advertisements.
   * Peers with a {@code bfdProfile} get a BFD session (as FRR, adding, changing or removing one
   * leaves the BGP session alone).
   *
   * @return one message per peer that could not be started (missing source address, or an unnumbered peer without raw sockets)
   */
  public synchronized List<String> setPeers(Collection<Peer> peers) {
    List<String> errors = new ArrayList<>();
    Map<Peer, Peer> wanted = new LinkedHashMap<>();
    peers.forEach(p -> wanted.put(withoutBfd(p), p));
    configured.clear();
    configured.putAll(wanted);
    for (var it = sessions.entrySet().iterator(); it.hasNext();) {
      var entry = it.next();
      if (!wanted.containsKey(entry.getKey())) {
        entry.getValue().stop(Optional.empty());
        it.remove();
      }
    }
    for (Peer peer : wanted.keySet()) {
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
      PeerSession session = new PeerSession(settings, loop, new EpollConnector(loop, settings, this::linkLocalNeighbor), metrics, nodeName,
          BgpSpeaker::ipv4OnInterfaceOf, listener);
      sessions.put(peer, session);
      session.setAdvertisements(Advertisements.forPeer(peer.name(), advertisements));
      session.start();
    }
    syncBfd();
    syncRouterAdvertisers();
    return errors;
  }

  /** Runs one {@link RouterAdvertiser} per interface of an unnumbered peer, and no other. */
  private void syncRouterAdvertisers() {
    Set<String> wanted = new TreeSet<>();
    sessions.keySet().forEach(p -> {
      if (p.address() == null && p.iface() != null && !p.iface().isEmpty()) {
        wanted.add(p.iface());
      }
    });
    for (var it = advertisers.entrySet().iterator(); it.hasNext();) {
      var entry = it.next();
      if (!wanted.contains(entry.getKey())) {
        entry.getValue().close();
        it.remove();
      }
    }
    wanted.forEach(iface -> advertisers.computeIfAbsent(iface, RouterAdvertiser::start));
  }

  /** The link-local address last advertised by a router on {@code iface}; safe from any thread. */
  private Optional<IpAddress> linkLocalNeighbor(String iface) {
    RouterAdvertiser advertiser = advertisers.get(iface);
    return advertiser == null ? Optional.empty() : advertiser.neighbor();
  }

  /** Per BFD session of a peer with {@code bfdProfile}, its state (spec §12). */
  public Map<BfdPeerSettings.Key, SessionState> bfdStates() {
    return bfd.states();
  }

  /** The BFD sessions the running BGP sessions' peers ask for, in peer name order (the first wins a shared address). */
  private void syncBfd() {
    List<BfdPeerSettings> wanted = new ArrayList<>();
    Map<BfdPeerSettings.Key, List<PeerSession>> guard = new HashMap<>();
    sessions.entrySet().stream().sorted(Comparator.comparing((Map.Entry<Peer, PeerSession> e) -> e.getKey().name())).forEach(e -> {
      Peer peer = configured.get(e.getKey());
      if (peer == null || peer.bfdProfile() == null || peer.bfdProfile().isEmpty()) {
        return;
      }
      if (peer.address() == null) {
        if (echoWarned.add("unnumbered:" + peer.name())) {
          LOG.atWarn().addKeyValue("op", "bfd").addKeyValue("peer", peer.name())
              .log("BFD is not supported for unnumbered peers; the BGP session runs without it");
        }
        return;
      }
      BfdProfile profile = bfdProfiles.get(peer.bfdProfile());
      if (profile != null && profile.echoMode() && echoWarned.add(profile.name())) {
        LOG.atWarn().addKeyValue("op", "bfd").addKeyValue("profile", profile.name())
            .log("BFD echo mode is not supported; the session runs on control packets alone");
      }
      BfdPeerSettings settings = BfdPeerSettings.of(peer, profile);
      wanted.add(settings);
      guard.computeIfAbsent(settings.key(), k -> new ArrayList<>()).add(e.getValue());
    });
    guarded = Map.copyOf(guard);
    bfd.setPeers(wanted);
  }

  /** On the event loop: a failed BFD session takes down the BGP sessions it guards (RFC 5882 §4.3). */
  private void bfdStateChanged(BfdPeerSettings.Key key, StateChange change) {
    if (change.signalsFailure()) {
      List<PeerSession> affected = guarded.getOrDefault(key, List.of());
      LOG.atInfo().addKeyValue("op", "bfd").addKeyValue("peer", key.address().toString()).addKeyValue("diagnostic", change.diagnostic().text())
          .addKeyValue("sessions", affected.size()).log("BFD session failed, resetting BGP");
      affected.forEach(PeerSession::bfdDown);
    }
    bfdListener.stateChanged(key, change);
  }

  /** {@code peer} with {@code bfdProfile} cleared: the identity of its BGP session. */
  private static Peer withoutBfd(Peer p) {
    return new Peer(p.name(), p.myAsn(), p.asn(), p.dynamicAsn(), p.address(), p.iface(), p.sourceAddress(), p.port(), p.holdTime(),
        p.keepaliveTime(), p.connectTime(), p.routerId(), p.nodeSelectors(), p.password(), p.secretPassword(), p.passwordSecretName(),
        p.passwordSecretNamespace(), "", p.enableGracefulRestart(), p.ebgpMultiHop(), p.vrf(), p.dualStackAddressFamily(), p.disableMP(),
        p.localAsn());
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
   * keep our routes (RFC 4724 §4.2). BFD sessions announce AdminDown first, so peers do not treat
   * the shutdown as a path failure (RFC 5882 §3.2). Blocks up to 10 s.
   */
  public void close(boolean notify) {
    bfd.close();
    synchronized (this) {
      Optional<Notification> cease = notify ? Optional.of(BgpError.CEASE_ADMINISTRATIVE_SHUTDOWN.notification()) : Optional.empty();
      sessions.values().forEach(s -> s.stop(cease));
      sessions.clear();
      advertisers.values().forEach(RouterAdvertiser::close);
      advertisers.clear();
    }
    group.shutdownGracefully(100, 5000, TimeUnit.MILLISECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
  }

  /** Closes without NOTIFICATION, like MetalLB's native {@code Close}. */
  @Override
  public void close() {
    close(false);
  }

  /**
   * Spec §10.2: {@code sourceAddress} must exist on this host; an unnumbered peer needs raw sockets,
   * for the Router Advertisements that find its address.
   */
  private static Optional<String> check(Peer peer) {
    if (peer.address() == null) {
      if (peer.iface() == null || peer.iface().isEmpty()) {
        return Optional.of("peer " + peer.name() + ": neither an address nor an interface");
      }
      Optional<String> cause = io.metallb.speaker.ffm.RawSockets.unavailabilityCause();
      return cause.map(c -> "peer " + peer.name() + ": unnumbered peers need raw sockets for router advertisements: " + c);
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
