package io.metallb.controller.k8s;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.metallb.api.v1beta1.Community;
import io.metallb.api.v1beta1.IPAddressPool;
import io.metallb.api.v1beta1.IPAddressPoolStatus;
import io.metallb.config.ClusterSnapshot;
import io.metallb.config.Config;
import io.metallb.config.ConfigError;
import io.metallb.config.ConfigParser;
import io.metallb.config.ParseResult;
import io.metallb.controller.allocator.Allocator;
import io.metallb.controller.allocator.PoolCounters;
import io.metallb.controller.plan.Plan;
import io.metallb.controller.service.ReprocessAll;
import io.metallb.controller.service.ServiceConverger;
import io.metallb.controller.service.ServiceEvent;
import io.metallb.controller.service.ServiceFacts;
import io.metallb.k8s.ConfigurationStates;
import io.metallb.k8s.EventRecorder;
import io.metallb.k8s.Informers;
import io.metallb.sync.SyncState;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The controller's Kubernetes glue (spec §7.1–7.3): informers for Services, pools, communities and
 * namespaces; one loop thread that owns the {@link ServiceConverger} and runs every reconcile;
 * writes of Service status and annotations, Events, pool status and ConfigurationState.
 *
 * <p>Thread-safety: informer callbacks only enqueue work; everything else runs on the loop thread.
 */
public final class ControllerRuntime implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ControllerRuntime.class);
  static final String COMPONENT = "metallb-controller";
  static final String CONDITION = "poolReconcilerValid";
  static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

  private final KubernetesClient client;
  private final ControllerOptions options;
  private final ControllerMetrics metrics;
  private final InstantSource clock;
  private final ScheduledExecutorService loop = Informers.loop("metallb-controller-loop");
  private final ServiceConverger converger;
  private final ConfigurationStates configurationState;
  private final Set<String> dirtyPools = new LinkedHashSet<>(); // pools whose status must be rewritten
  private final Map<String, Integer> retries = new HashMap<>(); // service key -> failed attempts
  private final List<SharedIndexInformer<?>> informers = new ArrayList<>();
  private final EventRecorder events;
  private final CountDownLatch initialLoad = new CountDownLatch(1);
  private SharedIndexInformer<Service> services;
  private SharedIndexInformer<IPAddressPool> pools;
  private SharedIndexInformer<Community> communities;
  private SharedIndexInformer<Namespace> namespaces;
  private boolean initialLoadPerformed;
  private boolean reprocessScheduled;
  private boolean poolReconcileScheduled;
  private int reprocessFailures;

  public ControllerRuntime(KubernetesClient client, ControllerOptions options, ControllerMetrics metrics, InstantSource clock) {
    this.client = client;
    this.options = options;
    this.metrics = metrics;
    this.clock = clock;
    this.events = new EventRecorder(client, COMPONENT, clock);
    this.converger = new ServiceConverger(new Allocator(dirtyPools::add));
    this.configurationState = new ConfigurationStates(client, options.namespace(), "controller",
        Map.of("metallb.io/component-type", "controller"), options.podName(), CONDITION, clock);
  }

  /** Creates the memberlist Secret if asked to, then starts the informers. Returns when they have synced. */
  public void start() {
    if (!options.mlSecretName().isEmpty()) {
      createMemberlistSecret();
    }
    if (!options.reconcile()) {
      return;
    }
    String ns = options.namespace();
    pools = client.resources(IPAddressPool.class).inNamespace(ns).inform(Informers.onAnyChange(o -> schedulePoolReconcile()), 0);
    communities = client.resources(Community.class).inNamespace(ns).inform(Informers.onAnyChange(o -> schedulePoolReconcile()), 0);
    namespaces = client.namespaces().inform(Informers.onAnyChange(o -> schedulePoolReconcile()), 0);
    services = client.services().inAnyNamespace().inform(Informers.onAnyChange(s -> onService(ServiceFacts.key(s))), 0);
    informers.addAll(List.of(pools, communities, namespaces, services));
    schedulePoolReconcile();
  }

  /** Blocks until the first reprocess-all pass has completed cleanly. */
  public boolean awaitInitialLoad(Duration timeout) throws InterruptedException {
    return initialLoad.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** The allocator's counters of a pool, read on the loop thread. */
  public PoolCounters counters(String pool) throws Exception {
    return loop.submit(() -> converger.allocator().counters(pool)).get();
  }


  private void schedulePoolReconcile() {
    loop.execute(() -> {
      if (!poolReconcileScheduled) {
        poolReconcileScheduled = true;
        loop.schedule(this::reconcilePools, 50, TimeUnit.MILLISECONDS);
      }
    });
  }

  /** The PoolReconciler: parse pools, communities and namespaces; on a new valid config, reprocess. */
  private void reconcilePools() {
    poolReconcileScheduled = false;
    metrics.client.updates.inc();
    ClusterSnapshot snapshot = new ClusterSnapshot(
        List.copyOf(pools.getStore().list()), List.of(), List.of(), List.of(), List.of(),
        List.copyOf(communities.getStore().list()), Map.of(), List.of(), List.copyOf(namespaces.getStore().list()), null);
    switch (ConfigParser.parse(Plan.controllerView(snapshot), ConfigParser.Options.of(options.bgpType()))) {
      case ParseResult.Invalid invalid -> {
        metrics.client.stale();
        String summary = invalid.errors().stream().map(ConfigError::toString).collect(Collectors.joining("\n"));
        log.atError().addKeyValue("op", "setConfig").addKeyValue("error", summary).log("failed to parse the configuration");
        configurationState.write(false, summary);
      }
      case ParseResult.Valid valid -> {
        Config.Pools newPools = valid.config().pools();
        if (!converger.hasPools() || !newPools.equals(converger.allocator().pools())) {
          SyncState state = converger.setPools(newPools);
          log.atInfo().addKeyValue("event", "configLoaded").log("config reloaded");
          if (state == SyncState.REPROCESS_ALL) {
            scheduleReprocess(Duration.ZERO);
          }
        }
        metrics.client.loaded();
        configurationState.write(true, "");
      }
    }
    flushPoolStatus();
  }

  private void scheduleReprocess(Duration delay) {
    if (reprocessScheduled) {
      return;
    }
    reprocessScheduled = true;
    loop.schedule(this::reprocessAll, delay.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void reprocessAll() {
    reprocessScheduled = false;
    List<ReprocessAll.Result> results = ReprocessAll.pass(converger, List.copyOf(services.getStore().list()), options.lbClass());
    boolean clean = ReprocessAll.clean(results);
    for (ReprocessAll.Result r : results) {
      metrics.client.updates.inc();
      if (apply(r.key(), r.outcome()) == SyncState.ERROR) {
        clean = false;
      }
    }
    flushPoolStatus();
    if (clean) {
      reprocessFailures = 0;
      if (!initialLoadPerformed) {
        initialLoadPerformed = true;
        initialLoad.countDown();
        log.atInfo().addKeyValue("event", "initialLoad").log("all services processed");
      }
    } else {
      scheduleReprocess(backoff(++reprocessFailures));
    }
  }

  private void onService(String key) {
    loop.execute(() -> reconcileService(key));
  }

  private void reconcileService(String key) {
    if (!initialLoadPerformed) {
      return; // the first reprocess-all handles everything
    }
    Service svc = services.getStore().getByKey(key);
    if (svc != null && !ReprocessAll.handles(svc, options.lbClass())) {
      return;
    }
    metrics.client.updates.inc();
    SyncState state = apply(key, converger.setBalancer(key, svc));
    flushPoolStatus();
    switch (state) {
      case REPROCESS_ALL -> scheduleReprocess(Duration.ZERO);
      case ERROR -> {
        int attempt = retries.merge(key, 1, Integer::sum);
        loop.schedule(() -> reconcileService(key), backoff(attempt).toMillis(), TimeUnit.MILLISECONDS);
      }
      default -> retries.remove(key);
    }
  }

  /** Records the Events and writes the Service; returns the outcome's state, or ERROR when the write failed. */
  private SyncState apply(String key, ServiceConverger.Outcome outcome) {
    Service current = services.getStore().getByKey(key);
    for (ServiceEvent e : outcome.events()) {
      recordEvent(current == null ? outcome.toWrite() : current, e);
    }
    if (outcome.state() == SyncState.ERROR_NO_RETRY) {
      metrics.client.updateErrors.inc();
    }
    if (outcome.toWrite() == null || current == null) {
      return outcome.state();
    }
    try {
      write(current, outcome.toWrite());
      return outcome.state();
    } catch (KubernetesClientException e) {
      metrics.client.updateErrors.inc();
      log.atError().addKeyValue("op", "updateServiceStatus").addKeyValue("service", key).addKeyValue("error", e.getMessage()).log("failed to update service");
      return SyncState.ERROR;
    }
  }

  /** Annotations through a patch of the metadata, then the status subresource. */
  private void write(Service current, Service desired) {
    String ns = current.getMetadata().getNamespace();
    String name = current.getMetadata().getName();
    Map<String, String> annotations = desired.getMetadata().getAnnotations();
    if (!java.util.Objects.equals(current.getMetadata().getAnnotations(), annotations)) {
      client.services().inNamespace(ns).withName(name).edit(s -> new ServiceBuilder(s).editMetadata().withAnnotations(annotations).endMetadata().build());
    }
    if (!java.util.Objects.equals(current.getStatus(), desired.getStatus())) {
      client.services().inNamespace(ns).withName(name).editStatus(s -> new ServiceBuilder(s).withStatus(desired.getStatus()).build());
    }
  }

  private void recordEvent(Service svc, ServiceEvent e) {
    events.record(svc, e.type(), e.reason(), e.message());
  }

  /** The PoolStatusReconciler: counters of changed pools into {@code IPAddressPool.status}. */
  private void flushPoolStatus() {
    List<String> changed = new ArrayList<>(dirtyPools);
    dirtyPools.clear();
    Allocator allocator = converger.allocator();
    for (String pool : changed) {
      metrics.pool(allocator, pool);
      if (!allocator.pools().byName().containsKey(pool)) {
        continue;
      }
      PoolCounters c = allocator.counters(pool);
      IPAddressPoolStatus status = new IPAddressPoolStatus(c.assignedIPv4(), c.assignedIPv6(), c.availableIPv4(), c.availableIPv6());
      IPAddressPool cr = pools.getStore().getByKey(options.namespace() + "/" + pool);
      if (cr == null || status.equals(cr.getStatus())) {
        continue;
      }
      try {
        client.resources(IPAddressPool.class).inNamespace(options.namespace()).withName(pool).editStatus(p -> {
          p.setStatus(status);
          return p;
        });
      } catch (KubernetesClientException e) {
        log.atWarn().addKeyValue("op", "poolStatus").addKeyValue("pool", pool).addKeyValue("error", e.getMessage()).log("failed to update pool status");
        dirtyPools.add(pool);
      }
    }
  }

  /**
   * The memberlist Secret (spec §7.15): created once, owned by the controller's Deployment, holding
   * 16 random bytes as unpadded base64 under {@code secretkey}.
   */
  void createMemberlistSecret() {
    String ns = options.namespace();
    if (client.secrets().inNamespace(ns).withName(options.mlSecretName()).get() != null) {
      return;
    }
    byte[] key = new byte[16];
    new SecureRandom().nextBytes(key);
    String value = Base64.getEncoder().withoutPadding().encodeToString(key);
    SecretBuilder secret = new SecretBuilder().withNewMetadata().withName(options.mlSecretName()).withNamespace(ns).endMetadata()
        .withData(Map.of("secretkey", Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.US_ASCII))));
    if (!options.deployment().isEmpty()) {
      var deployment = client.apps().deployments().inNamespace(ns).withName(options.deployment()).get();
      if (deployment != null) {
        secret.editMetadata().withOwnerReferences(new OwnerReferenceBuilder().withApiVersion("apps/v1").withKind("Deployment")
            .withName(deployment.getMetadata().getName()).withUid(deployment.getMetadata().getUid()).build()).endMetadata();
      }
    }
    Secret created = client.secrets().inNamespace(ns).resource(secret.build()).create();
    log.atInfo().addKeyValue("op", "memberlistSecret").addKeyValue("secret", created.getMetadata().getName()).log("created the memberlist secret");
  }

  static Duration backoff(int attempt) {
    long millis = Math.min(MAX_BACKOFF.toMillis(), 5L << Math.min(attempt, 20));
    return Duration.ofMillis(millis);
  }

  @Override
  public void close() {
    informers.forEach(SharedIndexInformer::close);
    Informers.stop(loop);
  }
}
