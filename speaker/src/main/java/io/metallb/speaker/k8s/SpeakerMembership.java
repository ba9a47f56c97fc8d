package io.metallb.speaker.k8s;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.metallb.speaker.memberlist.Memberlist;
import io.metallb.speaker.memberlist.MemberlistConfigFile;
import io.metallb.speaker.memberlist.UsableSpeakers;
import io.metallb.speaker.memberlist.core.Member;
import io.metallb.speaker.memberlist.core.MemberlistConfig;
import io.metallb.speaker.memberlist.wire.Keyring;
import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The speaker's memberlist (spec §8.5): on only when {@code --ml-bindaddr} and {@code --ml-labels}
 * are set; finds the other speakers by listing the pods with those labels (every 5 minutes) and
 * joins the ones not yet members (every minute and on request); leaves on shutdown. Disabled, every
 * node counts as a usable speaker. Thread-safe.
 */
public final class SpeakerMembership implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(SpeakerMembership.class);
  static final int DEFAULT_PORT = 7946;
  static final Duration POD_REFRESH = Duration.ofMinutes(5);
  static final Duration JOIN_INTERVAL = Duration.ofMinutes(1);
  static final Duration LEAVE_TIMEOUT = Duration.ofSeconds(1);

  /**
   * The flags of §15.2 that concern memberlist.
   *
   * @param configFile MetalLB's memberlist {@code config.json}; used when it exists
   */
  public record Settings(String nodeName, String namespace, String bindAddress, String bindPort, String labels,
      String secretKeyPath, boolean wan, Path configFile) {
    boolean enabled() {
      return !bindAddress.isEmpty() && !labels.isEmpty();
    }

    int port() {
      return bindPort.isEmpty() ? DEFAULT_PORT : Integer.parseInt(bindPort);
    }
  }

  private final KubernetesClient client;
  private final Settings settings;
  private final Memberlist memberlist;
  private final UsableSpeakers usable;
  private final ScheduledExecutorService timers;
  private volatile List<String> podIps = List.of();

  private SpeakerMembership(KubernetesClient client, Settings settings, Memberlist memberlist, UsableSpeakers usable) {
    this.client = client;
    this.settings = settings;
    this.memberlist = memberlist;
    this.usable = usable;
    this.timers = memberlist == null ? null : Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "metallb-memberlist-join");
      t.setDaemon(true);
      return t;
    });
  }

  /** Starts memberlist (or its disabled stand-in) and the pod listing and join timers. */
  public static SpeakerMembership start(KubernetesClient client, Settings settings) throws IOException {
    return start(client, settings, null);
  }

  /**
   * As {@link #start(KubernetesClient, Settings)}, and counts dropped memberlist messages in
   * {@code metallb_memberlist_dropped_messages_total{reason}} of {@code registry} (when not null):
   * a wrong secret, a foreign label or garbage shows there instead of crashing anything.
   */
  public static SpeakerMembership start(KubernetesClient client, Settings settings, PrometheusRegistry registry) throws IOException {
    if (!settings.enabled()) {
      log.atInfo().addKeyValue("op", "startup").log("not starting fast dead node detection (memberlist), need ml-bindaddr / ml-labels config");
      return new SpeakerMembership(client, settings, null, UsableSpeakers.disabled());
    }
    MemberlistConfig config = Files.exists(settings.configFile())
        ? MemberlistConfigFile.parse(Files.readString(settings.configFile()))
        : settings.wan() ? MemberlistConfig.wan() : MemberlistConfig.lan();
    Memberlist.Options options = new Memberlist.Options(settings.nodeName(),
        new InetSocketAddress(settings.bindAddress(), settings.port()), java.util.Optional.empty(), config, java.util.Optional.empty(), "");
    if (!settings.secretKeyPath().isEmpty()) {
      Path secret = Path.of(settings.secretKeyPath(), "secretkey");
      if (Files.exists(secret)) {
        options = options.withKey(Keyring.metallbKey(Files.readAllBytes(secret)));
      } else {
        log.atWarn().addKeyValue("op", "startup").addKeyValue("path", secret.toString()).log("memberlist secret not found, traffic is not encrypted");
      }
    } else {
      log.atWarn().addKeyValue("op", "startup").log("no memberlist secret key path, traffic is not encrypted");
    }
    Memberlist list = Memberlist.start(options, null);
    if (registry != null) {
      CounterWithCallback.builder().name("metallb_memberlist_dropped_messages_total")
          .help("Memberlist packets and streams dropped, by reason (wrong key, label, malformed, ...).")
          .labelNames("reason")
          .callback(cb -> list.dropCounts().forEach((reason, n) -> cb.call(n, reason.name().toLowerCase(java.util.Locale.ROOT))))
          .register(registry);
    }
    SpeakerMembership membership = new SpeakerMembership(client, settings, list, list.usableSpeakers());
    membership.timers.scheduleWithFixedDelay(membership::refreshPods, 0, POD_REFRESH.toMillis(), TimeUnit.MILLISECONDS);
    membership.timers.scheduleWithFixedDelay(membership::join, JOIN_INTERVAL.toMillis(), JOIN_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
    return membership;
  }

  /** Who may announce: members not dead nor left (or everyone, when disabled). */
  public UsableSpeakers usable() {
    return usable;
  }

  /** Asks for a join pass now (the speaker's own Node changed); coalesced with the timer's. */
  public void requestRejoin() {
    if (timers != null) {
      timers.execute(this::join);
    }
  }

  /** The members, for tests and status. */
  public List<Member> members() {
    return memberlist == null ? List.of() : memberlist.members();
  }

  private void refreshPods() {
    try {
      podIps = client.pods().inNamespace(settings.namespace()).withLabelSelector(settings.labels()).list().getItems().stream()
          .map(Pod::getStatus).filter(s -> s != null && s.getPodIP() != null).map(s -> s.getPodIP()).toList();
      join();
    } catch (KubernetesClientException e) {
      log.atError().addKeyValue("op", "memberDiscovery").addKeyValue("error", e.getMessage()).log("failed to list speaker pods");
    }
  }

  private void join() {
    List<InetSocketAddress> targets = JoinPlan.toJoin(podIps, memberlist.members().stream().map(Member::address).toList(), settings.port());
    if (targets.isEmpty()) {
      return;
    }
    memberlist.join(targets).whenComplete((joined, error) -> {
      if (error != null || joined < targets.size()) {
        log.atError().addKeyValue("op", "memberDiscovery").addKeyValue("joined", joined).addKeyValue("expected", targets.size())
            .addKeyValue("error", error == null ? "" : error.getMessage()).log("partial join");
      }
    });
  }

  /** Leaves the cluster (waiting at most a second) and stops. */
  @Override
  public void close() {
    if (memberlist == null) {
      return;
    }
    timers.shutdownNow();
    try {
      memberlist.leave(LEAVE_TIMEOUT).get(2, TimeUnit.SECONDS);
    } catch (Exception e) {
      log.atWarn().addKeyValue("op", "shutdown").addKeyValue("error", e.getMessage()).log("memberlist leave did not finish");
    }
    memberlist.close();
  }
}
