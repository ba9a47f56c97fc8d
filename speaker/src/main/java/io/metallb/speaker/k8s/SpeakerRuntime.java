package io.metallb.speaker.k8s;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.metallb.api.v1beta1.BFDProfile;
import io.metallb.api.v1beta1.BGPAdvertisement;
import io.metallb.api.v1beta1.Community;
import io.metallb.api.v1beta1.IPAddressPool;
import io.metallb.api.v1beta1.L2Advertisement;
import io.metallb.api.v1beta2.BGPPeer;
import io.metallb.config.BgpType;
import io.metallb.config.ClusterSnapshot;
import io.metallb.config.Config;
import io.metallb.config.ConfigError;
import io.metallb.config.ConfigParser;
import io.metallb.config.ParseResult;
import io.metallb.k8s.ConfigurationStates;
import io.metallb.k8s.Informers;
import io.metallb.k8s.K8sClientMetrics;
import io.metallb.net.IpAddress;
import io.metallb.speaker.service.ServicePipeline;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The speaker's Kubernetes glue so far (spec §8.1–8.2): informers for every configuration kind,
 * the ConfigReconciler (this node's view of the configuration, parsed with the mode validator; the
 * last good configuration stays when a new one is refused; ConfigurationState
 * {@code speaker-<node>}), and the memberlist rejoin when this node changes. The announcing
 * protocols (layer 2, BGP) plug in through {@code onConfig} and {@code onResync}.
 *
 * <p>Thread-safety: informer callbacks only enqueue; everything runs on one loop thread.
 */
public final class SpeakerRuntime implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(SpeakerRuntime.class);
  static final String CONDITION = "configReconcilerValid";

  /** How the speaker runs (spec §15.2). */
  public record Options(String namespace, String nodeName, String podName, BgpType bgpType, boolean frrK8sSecretPassthrough) {}

  private final KubernetesClient client;
  private final Options options;
  private final K8sClientMetrics metrics;
  private final SpeakerMembership membership;
  private final Consumer<Config> onConfig;
  private final Supplier<Map<String, List<IpAddress>>> announced;
  private final ConfigurationStates configurationState;
  private final ScheduledExecutorService loop = Informers.loop("metallb-speaker-loop");
  private final List<SharedIndexInformer<?>> informers = new ArrayList<>();
  private SharedIndexInformer<IPAddressPool> pools;
  private SharedIndexInformer<BGPPeer> peers;
  private SharedIndexInformer<BFDProfile> bfdProfiles;
  private SharedIndexInformer<BGPAdvertisement> bgpAdvertisements;
  private SharedIndexInformer<L2Advertisement> l2Advertisements;
  private SharedIndexInformer<Community> communities;
  private SharedIndexInformer<Secret> secrets;
  private SharedIndexInformer<ConfigMap> configMaps;
  private SharedIndexInformer<Node> nodes;
  private SharedIndexInformer<Namespace> namespaces;
  private boolean configReconcileScheduled;
  private boolean refusalRetryScheduled;
  private Config current;

  /** As the full constructor, for a speaker that announces nothing yet (no refusal rule to apply). */
  public SpeakerRuntime(KubernetesClient client, Options options, K8sClientMetrics metrics, InstantSource clock,
      SpeakerMembership membership, Consumer<Config> onConfig, Runnable onResync) {
    this(client, options, metrics, clock, membership, onConfig, onResync, Map::of);
  }

  /**
   * @param onConfig called on the loop thread with every newly accepted configuration
   * @param onResync called on memberlist membership changes ("node event - forcing sync")
   * @param announced the Services this node announces (either protocol) and their addresses, read
   *     on the loop thread before a configuration is accepted (spec §8.2 refusal rule)
   */
  public SpeakerRuntime(KubernetesClient client, Options options, K8sClientMetrics metrics, InstantSource clock,
      SpeakerMembership membership, Consumer<Config> onConfig, Runnable onResync, Supplier<Map<String, List<IpAddress>>> announced) {
    this.announced = announced;
    this.client = client;
    this.options = options;
    this.metrics = metrics;
    this.membership = membership;
    this.onConfig = onConfig;
    this.configurationState = new ConfigurationStates(client, options.namespace(), "speaker-" + options.nodeName(),
        Map.of("metallb.io/component-type", "speaker", "metallb.io/node-name", options.nodeName()), options.podName(), CONDITION, clock);
    membership.usable().onChange(() -> {
      try {
        loop.execute(() -> {
          log.atInfo().addKeyValue("op", "memberDiscovery").log("node event - forcing sync");
          onResync.run();
        });
      } catch (RejectedExecutionException e) {
        // Shutting down: memberlist's leave reports this node gone after this runtime has stopped.
      }
    });
  }

  public void start() {
    String ns = options.namespace();
    pools = watch(client.resources(IPAddressPool.class).inNamespace(ns).inform(Informers.onAnyChange(o -> scheduleConfigReconcile()), 0));
    peers = watch(client.resources(BGPPeer.class).inNamespace(ns).inform(Informers.onAnyChange(o -> scheduleConfigReconcile()), 0));
    bfdProfiles = watch(client.resources(BFDProfile.class).inNamespace(ns).inform(Informers.onAnyChange(o -> scheduleConfigReconcile()), 0));
    bgpAdvertisements = watch(client.resources(BGPAdvertisement.class).inNamespace(ns).inform(Informers.onAnyChange(o -> scheduleConfigReconcile()), 0));
    l2Advertisements = watch(client.resources(L2Advertisement.class).inNamespace(ns).inform(Informers.onAnyChange(o -> scheduleConfigReconcile()), 0));
    communities = watch(client.resources(Community.class).inNamespace(ns).inform(Informers.onAnyChange(o -> scheduleConfigReconcile()), 0));
    secrets = watch(client.secrets().inNamespace(ns).inform(Informers.onAnyChange(o -> scheduleConfigReconcile()), 0));
    configMaps = watch(client.configMaps().inNamespace(ns).inform(Informers.onAnyChange(o -> {
      if ("bgpextras".equals(o.getMetadata().getName())) {
        scheduleConfigReconcile();
      }
    }), 0));
    namespaces = watch(client.namespaces().inform(Informers.onAnyChange(o -> scheduleConfigReconcile()), 0));
    nodes = watch(client.nodes().inform(Informers.onAnyChange(o -> {
      scheduleConfigReconcile();
      if (options.nodeName().equals(o.getMetadata().getName())) {
        membership.requestRejoin();
      }
    }), 0));
    scheduleConfigReconcile();
  }

  private <T extends HasMetadata> SharedIndexInformer<T> watch(SharedIndexInformer<T> informer) {
    informers.add(informer);
    return informer;
  }


  private void scheduleConfigReconcile() {
    loop.execute(() -> {
      if (!configReconcileScheduled) {
        configReconcileScheduled = true;
        loop.schedule(this::reconcileConfig, 50, TimeUnit.MILLISECONDS);
      }
    });
  }

  /** The ConfigReconciler. */
  private void reconcileConfig() {
    configReconcileScheduled = false;
    metrics.updates.inc();
    Map<String, Secret> secretsByName = new TreeMap<>();
    secrets.getStore().list().forEach(s -> secretsByName.put(s.getMetadata().getName(), s));
    ConfigMap extras = configMaps.getStore().getByKey(options.namespace() + "/bgpextras");
    ClusterSnapshot all = new ClusterSnapshot(
        List.copyOf(pools.getStore().list()), List.copyOf(peers.getStore().list()), List.copyOf(bfdProfiles.getStore().list()),
        List.copyOf(bgpAdvertisements.getStore().list()), List.copyOf(l2Advertisements.getStore().list()),
        List.copyOf(communities.getStore().list()), secretsByName, List.copyOf(nodes.getStore().list()),
        List.copyOf(namespaces.getStore().list()), extras);
    ParseResult result = ConfigParser.parse(SpeakerView.forNode(all, options.nodeName()), new ConfigParser.Options(options.bgpType(), options.frrK8sSecretPassthrough()));
    switch (result) {
      case ParseResult.Invalid invalid -> {
        metrics.stale();
        String summary = invalid.errors().stream().map(ConfigError::toString).collect(Collectors.joining("\n"));
        log.atError().addKeyValue("op", "setConfig").addKeyValue("error", summary).log("failed to parse the configuration");
        configurationState.write(false, summary);
      }
      case ParseResult.Valid valid -> {
        List<String> outside = current == null || valid.config().equals(current) ? List.of()
            : ServicePipeline.servicesOutsideEveryPool(valid.config(), announced.get());
        if (!outside.isEmpty()) {
          // Spec §8.2: refused until the controller has moved these Services and they are withdrawn;
          // nothing else triggers a config reconcile then, so it is retried every second.
          metrics.stale();
          String why = "services " + outside + " are announced with addresses outside every pool of the new configuration";
          log.atError().addKeyValue("op", "setConfig").addKeyValue("error", why).log("new configuration rejected");
          configurationState.write(false, why);
          if (!refusalRetryScheduled) {
            refusalRetryScheduled = true;
            loop.schedule(() -> {
              refusalRetryScheduled = false;
              scheduleConfigReconcile();
            }, 1, TimeUnit.SECONDS);
          }
          return;
        }
        if (!valid.config().equals(current)) {
          current = valid.config();
          log.atInfo().addKeyValue("event", "configLoaded").log("config reloaded");
          onConfig.accept(current);
        }
        metrics.loaded();
        configurationState.write(true, "");
      }
    }
  }

  @Override
  public void close() {
    informers.forEach(SharedIndexInformer::close);
    Informers.stop(loop);
  }
}
