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
import io.metallb.net.IpAddress;
import io.metallb.speaker.election.L2Decision;
import io.metallb.speaker.layer2.IpAdvertisement;
import io.metallb.speaker.layer2.L2Announcer;
import io.metallb.speaker.memberlist.UsableSpeakers;
import io.metallb.speaker.service.L2ServicePlanner;
import io.metallb.speaker.service.ServiceFactsReader;
import io.metallb.speaker.service.L2ServicePlanner.Plan;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ScheduledExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The speaker's ServiceReconciler for layer 2 (spec §8.2, §8.3): watches Services, EndpointSlices
 * and Nodes, runs {@link L2ServicePlanner} per Service and drives the {@link L2Announcer}. Every
 * configuration change, Node change and memberlist change reprocesses all Services.
 *
 * <p>Thread-safety: informer callbacks and the public methods only enqueue; one loop thread works.
 */
public final class L2ServiceReconciler implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(L2ServiceReconciler.class);
  static final String COMPONENT = "metallb-speaker";

  /**
   * How the reconciler runs.
   *
   * @param namespace MetalLB's namespace (where ServiceL2Status objects live)
   * @param podName this speaker's pod, owner of its ServiceL2Status objects; empty for none
   * @param lbClass {@code --lb-class}; empty handles Services without a class
   */
  public record Options(String namespace, String nodeName, String podName, String lbClass, boolean ignoreExcludeLb) {}

  private final KubernetesClient client;
  private final Options options;
  private final UsableSpeakers usable;
  private final L2Announcer announcer;
  private final EventRecorder events;
  private final ServiceL2Statuses statuses;
  private final Gauge announced;
  private final ScheduledExecutorService loop = Informers.loop("metallb-speaker-services");
  private final List<SharedIndexInformer<?>> informers = new ArrayList<>();
  private final Map<String, List<IpAddress>> announcedIps = new java.util.concurrent.ConcurrentHashMap<>(); // written on the loop only
  private volatile SharedIndexInformer<Service> services;
  private volatile SharedIndexInformer<EndpointSlice> slices;
  private volatile SharedIndexInformer<Node> nodes;
  private Config config;

  public L2ServiceReconciler(KubernetesClient client, Options options, UsableSpeakers usable, L2Announcer announcer, InstantSource clock,
      PrometheusRegistry registry) {
    this.client = client;
    this.options = options;
    this.usable = usable;
    this.announcer = announcer;
    this.events = new EventRecorder(client, COMPONENT, clock);
    this.statuses = new ServiceL2Statuses(client, options.namespace(), options.nodeName(), options.podName());
    this.announced = Gauge.builder().name("metallb_speaker_announced")
        .help("Services being announced from this node. This is desired state, it does not guarantee that the routing protocols have converged.")
        .labelNames("service", "protocol", "node", "ip").register(registry);
  }

  /** The Services this node announces at layer 2 and their addresses; a live read-only view, safe from any thread. */
  public Map<String, List<IpAddress>> announcedIps() {
    return java.util.Collections.unmodifiableMap(announcedIps);
  }

  /** The {@code metallb_speaker_announced} gauge, for the BGP reconciler to share (one registration per registry). */
  public Gauge announcedGauge() {
    return announced;
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

  /** A newly accepted configuration (from the ConfigReconciler). */
  public void setConfig(Config accepted) {
    loop.execute(() -> {
      config = accepted;
      reprocessAllNow();
    });
  }

  /** Reprocesses every Service (memberlist change, ReprocessAll). */
  public void reprocessAll() {
    loop.execute(this::reprocessAllNow);
  }

  private void reconcile(String serviceKey) {
    loop.execute(() -> reconcileNow(serviceKey));
  }

  private void reprocessAllNow() {
    Set<String> keys = new TreeSet<>(announcedIps.keySet());
    if (services != null) {
      services.getStore().list().forEach(s -> keys.add(ServiceFactsReader.key(s)));
    }
    keys.forEach(this::reconcileNow);
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
      plan = L2ServicePlanner.plan(facts, config, world(serviceKey));
    } catch (RuntimeException e) {
      log.atError().addKeyValue("op", "setBalancer").addKeyValue("service", serviceKey).addKeyValue("error", String.valueOf(e)).log("failed to plan the service");
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
    for (IpAddress ip : plan.missingInterfaces()) {
      events.record(svc, "Warning", "announceFailed", "the interfaces specified by LB IP \"" + ip + "\" doesn't exist in assigned node \""
          + options.nodeName() + "\" with protocol \"layer2\"");
    }
    for (IpAdvertisement ad : plan.advertisements()) {
      announcer.setBalancer(serviceKey, ad);
    }
    announcedIps.put(serviceKey, plan.ips());
    if (!plan.advertisements().isEmpty()) {
      IpAdvertisement first = plan.advertisements().get(0);
      statuses.sync(ServiceFactsReader.namespaceOf(serviceKey), ServiceFactsReader.nameOf(serviceKey), Optional.of(first.allInterfaces() ? List.of() : List.copyOf(first.interfaces())));
    }
    for (IpAddress ip : plan.ips()) {
      announced.labelValues(serviceKey, "layer2", options.nodeName(), ip.toString()).set(1);
    }
    log.atInfo().addKeyValue("event", "serviceAnnounced").addKeyValue("service", serviceKey).addKeyValue("ips", plan.ips().toString())
        .addKeyValue("protocol", "layer2").log("service has IP, announcing");
    // MetalLB emits this on every successful pass, reprocess-all included [QUIRK spec §8.3].
    events.record(svc, "Normal", "nodeAssigned", "announcing from node \"" + options.nodeName() + "\" with protocol \"layer2\"");
  }

  private void withdraw(String serviceKey, String reason) {
    List<IpAddress> ips = announcedIps.remove(serviceKey);
    if (ips == null) {
      return;
    }
    announcer.deleteBalancer(serviceKey);
    statuses.sync(ServiceFactsReader.namespaceOf(serviceKey), ServiceFactsReader.nameOf(serviceKey), Optional.empty());
    for (IpAddress ip : ips) {
      announced.remove(serviceKey, "layer2", options.nodeName(), ip.toString());
    }
    log.atInfo().addKeyValue("event", "serviceWithdrawn").addKeyValue("service", serviceKey).addKeyValue("ips", ips.toString())
        .addKeyValue("reason", reason).addKeyValue("protocol", "layer2").log("withdrawing service announcement");
  }

  private L2ServicePlanner.World world(String serviceKey) {
    List<L2Decision.Endpoint> endpoints = ServiceFactsReader.endpoints(List.copyOf(slices.getStore().list()), ServiceFactsReader.namespaceOf(serviceKey), ServiceFactsReader.nameOf(serviceKey));
    Map<String, L2Decision.NodeInfo> nodeMap = ServiceFactsReader.nodes(List.copyOf(nodes.getStore().list()));
    return new L2ServicePlanner.World(options.nodeName(), endpoints, usable.names(), nodeMap, options.ignoreExcludeLb(), announcer.nodeInterfaces());
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
