package io.metallb.speaker.layer2;

import io.metallb.net.IpAddress;
import io.metallb.speaker.ffm.RawSocket;
import io.metallb.speaker.layer2.packet.Frame;
import io.metallb.speaker.layer2.packet.FrameCodec;
import io.metallb.speaker.layer2.packet.MacAddress;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * MetalLB's layer 2 announcer (spec §9): ARP and NDP responders on the qualifying host interfaces
 * (rescanned every 10 s), and the gratuitous announcement loop. The decisions live in pure classes
 * ({@link Announcements}, {@link InterfacePlan}, {@link GratuitousSchedule}, {@link Responder}); this
 * class owns sockets and threads.
 *
 * <p>Thread-safety: all state changes run on one scheduler thread; responder threads read the
 * published {@link Announcements} snapshot.
 */
public final class Announcer implements L2Announcer, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Announcer.class);
  /** Interval of the interface scan, spec §9.2. */
  public static final long SCAN_INTERVAL_MILLIS = 10_000;

  private final Optional<Pattern> exclude;
  private final Supplier<List<InterfacePlan.InterfaceFacts>> interfaces;
  private final InstantSource clock;
  private final Layer2Metrics metrics;
  private final ScheduledExecutorService loop = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "metallb-layer2");
    t.setDaemon(true);
    return t;
  });
  private final GratuitousSchedule schedule = new GratuitousSchedule();
  private final Map<String, Responders> arp = new LinkedHashMap<>();
  private final Map<String, Responders> ndp = new LinkedHashMap<>();
  private volatile Announcements announcements = Announcements.NONE;
  private volatile Set<String> nodeInterfaces = Set.of();
  private ScheduledFuture<?> ticker;

  private record Responders(String iface, MacAddress mac, IpAddress linkLocal, RawSocket socket, ResponderLoop loop) {}

  /**
   * @param registry where the {@code metallb_layer2_*} counters go
   * @param interfaces reads the host interfaces (normally {@link SysfsInterfaces#read()})
   */
  public Announcer(List<String> excludeRegexes, Supplier<List<InterfacePlan.InterfaceFacts>> interfaces, InstantSource clock,
      PrometheusRegistry registry) {
    this.exclude = InterfacePlan.excludePattern(excludeRegexes);
    this.interfaces = interfaces;
    this.clock = clock;
    this.metrics = new Layer2Metrics(registry);
  }

  /** Runs the first interface scan now and then every {@value #SCAN_INTERVAL_MILLIS} ms. */
  public Announcer start() {
    loop.scheduleWithFixedDelay(this::scan, 0, SCAN_INTERVAL_MILLIS, TimeUnit.MILLISECONDS);
    return this;
  }

  @Override
  public void setBalancer(String service, IpAdvertisement advertisement) {
    call(() -> {
      Announcements.Added added = announcements.withAdvertisement(service, advertisement);
      announcements = added.announcements();
      added.firstAnnounced().ifPresent(ip -> ndp.values().forEach(r -> join(r, ip)));
      queue(advertisement.ip());
    });
  }

  @Override
  public void deleteBalancer(String service) {
    call(() -> {
      Announcements.Removed removed = announcements.withoutService(service);
      announcements = removed.announcements();
      for (IpAddress ip : removed.noLongerAnnounced()) {
        if (!ip.isIpv4()) {
          ndp.values().forEach(r -> leave(r, ip));
        }
      }
    });
  }

  @Override
  public boolean announces(String service) {
    return announcements.announces(service);
  }

  @Override
  public Set<String> nodeInterfaces() {
    return nodeInterfaces;
  }

  /** Interfaces with an ARP responder, and with an NDP responder (for tests and status). */
  public List<List<String>> responders() {
    return call(() -> List.of(List.copyOf(arp.keySet()), List.copyOf(ndp.keySet())));
  }

  private void scan() {
    InterfacePlan.Plan plan;
    try {
      plan = InterfacePlan.plan(interfaces.get(), exclude);
    } catch (RuntimeException e) {
      log.atError().addKeyValue("op", "getInterfaces").addKeyValue("error", e.getMessage()).log("couldn't get interfaces");
      return;
    }
    nodeInterfaces = Set.copyOf(plan.nodeInterfaces());
    reconcile(arp, plan.arp(), FrameCodec.ETHERTYPE_ARP, "ARP");
    reconcile(ndp, plan.ndp(), FrameCodec.ETHERTYPE_IPV6, "NDP");
  }

  private void reconcile(Map<String, Responders> current, List<InterfacePlan.InterfaceFacts> wanted, int etherType, String kind) {
    Set<String> names = new HashSet<>();
    wanted.forEach(f -> names.add(f.name()));
    for (var it = current.entrySet().iterator(); it.hasNext(); ) {
      var entry = it.next();
      if (!names.contains(entry.getKey())) {
        closeQuietly(entry.getValue());
        it.remove();
        log.atInfo().addKeyValue("interface", entry.getKey()).log("deleted " + kind + " responder for interface");
      }
    }
    for (InterfacePlan.InterfaceFacts facts : wanted) {
      if (current.containsKey(facts.name())) {
        continue;
      }
      try {
        current.put(facts.name(), open(facts, etherType));
        log.atInfo().addKeyValue("interface", facts.name()).log("created " + kind + " responder for interface");
      } catch (IOException | RuntimeException e) {
        log.atError().addKeyValue("op", "createResponder").addKeyValue("interface", facts.name()).addKeyValue("error", e.getMessage())
            .log("failed to create " + kind + " responder");
      }
    }
  }

  private Responders open(InterfacePlan.InterfaceFacts facts, int etherType) throws IOException {
    RawSocket socket = RawSocket.open(facts.name(), etherType);
    MacAddress mac = facts.mac();
    IpAddress linkLocal = facts.linkLocal().orElse(null);
    String iface = facts.name();
    ResponderLoop responderLoop = new ResponderLoop(iface + (etherType == FrameCodec.ETHERTYPE_ARP ? "-arp" : "-ndp"), socket, mac, linkLocal,
        ip -> announcements.allows(ip, iface), metrics::requestReceived, metrics::responseSent);
    Responders responders = new Responders(iface, mac, linkLocal, socket, responderLoop);
    if (etherType == FrameCodec.ETHERTYPE_IPV6) {
      announcedIpv6().forEach(ip -> join(responders, ip));
    }
    return responders;
  }

  private List<IpAddress> announcedIpv6() {
    return announcements.addresses().stream().filter(ip -> !ip.isIpv4()).toList();
  }

  private void queue(IpAddress ip) {
    GratuitousSchedule.Queued queued = schedule.queue(ip, clock.instant());
    if (queued.announceNow()) {
      announce(ip);
    }
    if (queued.startTicker()) {
      if (ticker != null) {
        ticker.cancel(false);
      }
      ticker = loop.scheduleAtFixedRate(this::tick, GratuitousSchedule.TICK_MILLIS, GratuitousSchedule.TICK_MILLIS, TimeUnit.MILLISECONDS);
    }
  }

  private void tick() {
    schedule.tick(clock.instant()).forEach(this::announce);
    if (schedule.isIdle() && ticker != null) {
      ticker.cancel(false);
      ticker = null;
    }
  }

  /** One gratuitous round for {@code ip}; skipped once no Service announces it any more. */
  private void announce(IpAddress ip) {
    Announcements now = announcements;
    if (now.referenceCount(ip) == 0) {
      return;
    }
    if (ip.isIpv4()) {
      for (Responders r : arp.values()) {
        if (now.allows(ip, r.iface())) {
          for (Frame.Arp frame : Responder.gratuitousArp(r.mac(), ip)) {
            send(r, frame, ip);
          }
        }
      }
    } else {
      for (Responders r : ndp.values()) {
        if (now.allows(ip, r.iface())) {
          send(r, Responder.unsolicitedAdvertisement(r.mac(), r.linkLocal(), ip), ip);
        }
      }
    }
  }

  private void send(Responders r, Frame frame, IpAddress ip) {
    try {
      r.socket().send(FrameCodec.encode(frame));
    } catch (IOException e) {
      log.atWarn().addKeyValue("op", "gratuitousAnnounce").addKeyValue("interface", r.iface()).addKeyValue("ip", ip)
          .addKeyValue("error", e.getMessage()).log("failed to send gratuitous announcement");
    }
    metrics.gratuitousSent(ip); // MetalLB counts the send even when it failed
  }

  private static void join(Responders r, IpAddress ip) {
    try {
      r.socket().joinMulticast(FrameCodec.multicastMac(FrameCodec.solicitedNode(ip)).toBytes());
    } catch (IOException e) {
      log.atWarn().addKeyValue("interface", r.iface()).addKeyValue("ip", ip).addKeyValue("error", e.getMessage()).log("failed to join NDP multicast group");
    }
  }

  private static void leave(Responders r, IpAddress ip) {
    try {
      r.socket().leaveMulticast(FrameCodec.multicastMac(FrameCodec.solicitedNode(ip)).toBytes());
    } catch (IOException e) {
      log.atWarn().addKeyValue("interface", r.iface()).addKeyValue("ip", ip).addKeyValue("error", e.getMessage()).log("failed to leave NDP multicast group");
    }
  }

  private static void closeQuietly(Responders r) {
    try {
      r.loop().close();
    } catch (IOException e) {
      log.atWarn().addKeyValue("interface", r.iface()).addKeyValue("error", e.getMessage()).log("failed to close responder");
    }
  }

  private void call(Runnable action) {
    call(() -> {
      action.run();
      return null;
    });
  }

  private <T> T call(Callable<T> action) {
    try {
      return loop.submit(action).get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof IOException io) {
        throw new UncheckedIOException(io);
      }
      throw new IllegalStateException(e.getCause());
    }
  }

  @Override
  public void close() {
    try {
      call(() -> {
        arp.values().forEach(Announcer::closeQuietly);
        ndp.values().forEach(Announcer::closeQuietly);
        arp.clear();
        ndp.clear();
      });
    } finally {
      loop.shutdownNow();
    }
  }
}
