package io.metallb.speaker.k8s;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.metallb.config.Config;
import io.metallb.k8s.EventRecorder;
import io.metallb.k8s.Informers;
import io.metallb.net.Cidr;
import io.metallb.net.IpAddress;
import io.metallb.speaker.bgp.Advertisement;
import io.metallb.speaker.service.BgpServicePlanner;
import io.metallb.speaker.service.BgpServicePlanner.Plan;
import io.metallb.speaker.service.L2ServicePlanner;
import io.metallb.speaker.service.ServiceFactsReader;
import io.prometheus.metrics.core.metrics.Gauge;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ScheduledExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The speaker's ServiceReconciler for BGP (spec §8.2, §8.3, §8.9): watches Services,
 * EndpointSlices and Nodes, runs {@link BgpServicePlanner} per Service, keeps each announcing
 * Service's advertisements and pushes their concatenation (in Service key order) to the
 * {@link BgpAnnouncer}; every accepted configuration pushes its peers (already restricted to this
 * node by the speaker's view, spec §4.2) and reprocesses all Services.
 *
 * <p>Thread-safety: informer callbacks and the public methods only enqueue; one loop thread works.
 */
public final class BgpServiceReconciler implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(BgpServiceReconciler.class);

  private final KubernetesClient client;
  private final L2ServiceReconciler.Options options;
  private final BgpAnnouncer announcer;
  private final EventRecorder events;
  private final Gauge announced;
  private final ScheduledExecutorService loop = Informers.loop("metallb-speaker-bgp-services");
  private final List<SharedIndexInformer<?>> informers = new ArrayList<>();
  private final Map<String, List<IpAddress>> announcedIps = new java.util.concurrent.ConcurrentSkipListMap<>(); // written on the loop only
  private final Map<String, List<Advertisement>> adsByService = new TreeMap<>();
  private final Map<String, SortedSet<String>> statusPeers = new TreeMap<>(); // service -> peers its status object shows
  private final ServiceBgpStatuses statuses;
  private List<Advertisement> published = List.of();
  private volatile SharedIndexInformer<Service> services;
  private volatile SharedIndexInformer<EndpointSlice> slices;
  private volatile SharedIndexInformer<Node> nodes;
  private Config config;

  /**
   * @param options as for layer 2 (namespace, node, pod, {@code --lb-class}, {@code --ignore-exclude-lb})
   * @param announced the {@code metallb_speaker_announced} gauge, shared with layer 2 (one registration per registry)
   */
  public BgpServiceReconciler(KubernetesClient client, L2ServiceReconciler.Options options, BgpAnnouncer announcer, InstantSource clock,
      Gauge announced) {
    this.client = client;
    this.options = options;
    this.announcer = announcer;
    this.events = new EventRecorder(client, L2ServiceReconciler.COMPONENT, clock);
    this.announced = announced;
    this.statuses = new ServiceBgpStatuses(client, options.namespace(), options.nodeName(), options.podName());
  }

  public void start() {
    services = watch(client.services().inAnyNamespace().inform(Informers.onAnyChange(s -> reconcile(ServiceFactsReader.key(s))), 0));
    slices = watch(client.discovery().v1().endpointSlices().inAnyNamespace().inform(Informers.onAnyChange(s -> {
      String service = s.getMetadata().getLabels() == null ? null : s.getMetadata().getLabels().get(ServiceFactsReader.SERVICE_NAME_LABEL);
      if (service != null) {
        reconcile(s.getMetadata().getNamespace() + "/" + service);
      }
    }), 0));
    nodes = watch(client.nodes().inform(Informers.onAnyChange(n -> reprocessAll()), 0));
    reprocessAll();
  }

  /** The Services this node announces over BGP and their addresses; a live read-only view, safe from any thread. */
  public Map<String, List<IpAddress>> announcedIps() {
    return java.util.Collections.unmodifiableMap(announcedIps);
  }

  /** A newly accepted configuration: its peers become the sessions, then every Service is reprocessed. */
  public void setConfig(Config accepted) {
    loop.execute(() -> {
      config = accepted;
      List<String> errors = announcer.setPeers(List.copyOf(accepted.peers().values()));
      errors.forEach(e -> log.atError().addKeyValue("op", "setConfig").addKeyValue("protocol", "bgp").addKeyValue("error", e)
          .log("failed to start BGP session"));
      reprocessAllNow();
    });
  }

  /** Reprocesses every Service (ReprocessAll). */
  public void reprocessAll() {
    loop.execute(this::reprocessAllNow);
  }

  private void reconcile(String serviceKey) {
    loop.execute(() -> {
      reconcileNow(serviceKey);
      publish();
    });
  }

  private void reprocessAllNow() {
    Set<String> keys = new TreeSet<>(announcedIps.keySet());
    if (services != null) {
      services.getStore().list().forEach(s -> keys.add(ServiceFactsReader.key(s)));
    }
    keys.forEach(this::reconcileNow);
    publish();
  }

  private void reconcileNow(String serviceKey) {
    if (services == null || slices == null || nodes == null) {
      return; // start() reprocesses everything once all three informers exist
    }
    Service svc = services.getStore().getByKey(serviceKey);
    if (svc != null && !ServiceFactsReader.handlesClass(svc, options.lbClass())) {
      return;
    }
    Optional<L2ServicePlanner.ServiceFacts> facts = Optional.ofNullable(svc).map(ServiceFactsReader::facts);
    Plan plan;
    try {
      plan = BgpServicePlanner.plan(facts, config, world(serviceKey));
    } catch (RuntimeException e) {
      log.atError().addKeyValue("op", "setBalancer").addKeyValue("service", serviceKey).addKeyValue("error", String.valueOf(e))
          .log("failed to plan the service");
      withdraw(serviceKey, "internalError");
      return;
    }
    switch (plan) {
      case Plan.Ignore ignore -> { }
      case Plan.Withdraw w -> withdraw(serviceKey, w.reason());
      case Plan.Announce a -> announce(svc, serviceKey, a);
    }
  }

  private void announce(Service svc, String serviceKey, Plan.Announce plan) {
    List<IpAddress> before = announcedIps.get(serviceKey);
    if (before != null && !before.equals(plan.ips())) {
      withdraw(serviceKey, "loadBalancerIPChanged");
    }
    adsByService.put(serviceKey, plan.advertisements());
    announcedIps.put(serviceKey, plan.ips());
    for (IpAddress ip : plan.ips()) {
      announced.labelValues(serviceKey, "bgp", options.nodeName(), ip.toString()).set(1);
    }
    log.atInfo().addKeyValue("event", "serviceAnnounced").addKeyValue("service", serviceKey).addKeyValue("ips", plan.ips().toString())
        .addKeyValue("protocol", "bgp").log("service has IP, announcing");
    // MetalLB emits this on every successful pass, reprocess-all included [QUIRK spec §8.3].
    events.record(svc, "Normal", "nodeAssigned", "announcing from node \"" + options.nodeName() + "\" with protocol \"bgp\"");
  }

  private void withdraw(String serviceKey, String reason) {
    List<IpAddress> ips = announcedIps.remove(serviceKey);
    adsByService.remove(serviceKey);
    if (ips == null) {
      return;
    }
    for (IpAddress ip : ips) {
      announced.remove(serviceKey, "bgp", options.nodeName(), ip.toString());
    }
    log.atInfo().addKeyValue("event", "serviceWithdrawn").addKeyValue("service", serviceKey).addKeyValue("ips", ips.toString())
        .addKeyValue("reason", reason).addKeyValue("protocol", "bgp").log("withdrawing service announcement");
  }

  /** Pushes the concatenation of every Service's ads when it changed, then brings the ServiceBGPStatus objects up to date. */
  private void publish() {
    List<Advertisement> all = adsByService.values().stream().flatMap(List::stream).toList();
    if (!all.equals(published)) {
      try {
        announcer.setAdvertisements(all);
        published = all;
      } catch (IllegalArgumentException e) {
        log.atError().addKeyValue("op", "setBalancer").addKeyValue("protocol", "bgp").addKeyValue("error", e.getMessage())
            .log("failed to publish BGP advertisements");
      }
    }
    syncStatuses();
  }

  /**
   * Spec §8.9/§8.10: a Service's peers are those published at least one of its prefixes (by prefix,
   * so a shared aggregate counts for every Service using it); objects are written only on change.
   */
  private void syncStatuses() {
    Map<String, Set<Cidr>> byPeer = announcer.publishedPrefixes();
    Set<String> keys = new TreeSet<>(statusPeers.keySet());
    keys.addAll(adsByService.keySet());
    for (String serviceKey : keys) {
      Set<Cidr> prefixes = new TreeSet<>();
      adsByService.getOrDefault(serviceKey, List.of()).forEach(a -> prefixes.add(a.prefix()));
      SortedSet<String> peers = new TreeSet<>();
      byPeer.forEach((peer, published) -> {
        if (published.stream().anyMatch(prefixes::contains)) {
          peers.add(peer);
        }
      });
      if (peers.equals(statusPeers.getOrDefault(serviceKey, new TreeSet<>()))) {
        continue;
      }
      if (statuses.sync(ServiceFactsReader.namespaceOf(serviceKey), ServiceFactsReader.nameOf(serviceKey), peers)) {
        if (peers.isEmpty()) {
          statusPeers.remove(serviceKey);
        } else {
          statusPeers.put(serviceKey, peers);
        }
      }
    }
  }

  private BgpServicePlanner.World world(String serviceKey) {
    List<BgpServicePlanner.Endpoint> endpoints = BgpServicePlanner.endpoints(List.copyOf(slices.getStore().list()), ServiceFactsReader.namespaceOf(serviceKey),
        ServiceFactsReader.nameOf(serviceKey));
    return new BgpServicePlanner.World(options.nodeName(), endpoints, ServiceFactsReader.nodes(List.copyOf(nodes.getStore().list())),
        options.ignoreExcludeLb());
  }

  private <T extends HasMetadata> SharedIndexInformer<T> watch(SharedIndexInformer<T> informer) {
    informers.add(informer);
    return informer;
  }

  @Override
  public void close() {
    informers.forEach(SharedIndexInformer::close);
    Informers.stop(loop);
  }
}
