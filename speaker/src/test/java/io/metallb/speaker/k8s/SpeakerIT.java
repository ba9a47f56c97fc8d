package io.metallb.speaker.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.metallb.api.v1beta1.ConfigurationState;
import io.metallb.api.v1beta1.IPAddressPool;
import io.metallb.api.v1beta1.IPAddressPoolSpec;
import io.metallb.config.BgpType;
import io.metallb.config.Config;
import io.metallb.k8s.K8sClientMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The speaker's configuration and membership against the mock API server: this node's
 * ConfigurationState, the last good configuration kept, and speakers that find each other by
 * listing their pods (memberlist on loopback addresses 127.0.0.1 and 127.0.0.2).
 */
@EnableKubernetesMockClient(crud = true)
class SpeakerIT {
  static final String NS = "metallb-system";
  static final Duration WAIT = Duration.ofSeconds(20);
  KubernetesClient client;
  @TempDir Path dir;

  static <T> T eventually(Supplier<T> value, Predicate<T> ok) throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    T last = value.get();
    while (!ok.test(last)) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("condition not met within " + WAIT + "; last value: " + last);
      }
      Thread.sleep(50);
      last = value.get();
    }
    return last;
  }

  void pool(String name, String cidr) {
    IPAddressPool p = new IPAddressPool();
    p.setMetadata(new io.fabric8.kubernetes.api.model.ObjectMetaBuilder().withName(name).withNamespace(NS).build());
    p.setSpec(new IPAddressPoolSpec(List.of(cidr), null, null, null));
    client.resources(IPAddressPool.class).inNamespace(NS).resource(p).create();
  }

  SpeakerMembership.Settings disabled(String node) {
    return new SpeakerMembership.Settings(node, NS, "", "", "", "", false, dir.resolve("none.json"));
  }

  @Test
  void configurationStateAndLastGoodConfiguration() throws Exception {
    pool("a", "198.51.100.0/24");
    List<Config> accepted = new CopyOnWriteArrayList<>();
    try (SpeakerMembership membership = SpeakerMembership.start(client, disabled("node1"));
        SpeakerRuntime runtime = new SpeakerRuntime(client, new SpeakerRuntime.Options(NS, "node1", "", BgpType.NATIVE, false),
            new K8sClientMetrics(new PrometheusRegistry()), InstantSource.system(), membership, accepted::add, () -> {})) {
      runtime.start();
      ConfigurationState state = eventually(() -> client.resources(ConfigurationState.class).inNamespace(NS).withName("speaker-node1").get(),
          s -> s != null && s.getStatus() != null);
      assertThat(state.getStatus().result()).isEqualTo("Valid");
      assertThat(state.getMetadata().getLabels()).containsEntry("metallb.io/component-type", "speaker").containsEntry("metallb.io/node-name", "node1");
      assertThat(state.getStatus().conditions().get(0).getType()).isEqualTo("configReconcilerValid");
      eventually(() -> accepted, l -> !l.isEmpty());
      assertThat(accepted.get(0).pools().byName()).containsKey("a");

      pool("b", "198.51.100.128/25");
      ConfigurationState invalid = eventually(() -> client.resources(ConfigurationState.class).inNamespace(NS).withName("speaker-node1").get(),
          s -> "Invalid".equals(s.getStatus().result()));
      assertThat(invalid.getStatus().errorSummary()).contains("overlaps with already defined CIDR");
      assertThat(accepted).as("the last good configuration stays").hasSize(1);
      assertThat(membership.usable().isUsable("any-node")).as("memberlist off: every node is usable").isTrue();
    }
  }

  @Test
  void speakersFindEachOtherThroughTheirPodsAndSeeALeave() throws Exception {
    int port = freePort();
    for (String[] pod : new String[][] {{"speaker-a", "127.0.0.1"}, {"speaker-b", "127.0.0.2"}}) {
      client.pods().inNamespace(NS).resource(new PodBuilder().withNewMetadata().withName(pod[0]).withNamespace(NS)
          .addToLabels("app", "metallb").addToLabels("component", "speaker").endMetadata()
          .withNewStatus().withPodIP(pod[1]).endStatus().build()).create();
    }
    AtomicInteger resyncs = new AtomicInteger();
    try (SpeakerMembership a = SpeakerMembership.start(client, settings("node-a", "127.0.0.1", port));
        SpeakerRuntime runtimeA = new SpeakerRuntime(client, new SpeakerRuntime.Options(NS, "node-a", "", BgpType.NATIVE, false),
            new K8sClientMetrics(new PrometheusRegistry()), InstantSource.system(), a, c -> {}, resyncs::incrementAndGet)) {
      runtimeA.start();
      SpeakerMembership b = SpeakerMembership.start(client, settings("node-b", "127.0.0.2", port));
      try {
        eventually(() -> a.members().size(), n -> n == 2);
        eventually(() -> b.members().size(), n -> n == 2);
        assertThat(a.usable().isUsable("node-b")).isTrue();
      } finally {
        b.close();
      }
      eventually(() -> a.usable().isUsable("node-b"), usable -> !usable);
      assertThat(resyncs.get()).as("membership changes force a resync").isPositive();
    }
  }

  SpeakerMembership.Settings settings(String node, String address, int port) {
    return new SpeakerMembership.Settings(node, NS, address, Integer.toString(port), "app=metallb,component=speaker", "", false, dir.resolve("none.json"));
  }

  static int freePort() throws Exception {
    for (int i = 0; i < 20; i++) {
      try (ServerSocket tcp = new ServerSocket()) {
        tcp.bind(new InetSocketAddress("127.0.0.1", 0));
        int port = tcp.getLocalPort();
        try (DatagramSocket udp1 = new DatagramSocket(new InetSocketAddress("127.0.0.1", port));
            DatagramSocket udp2 = new DatagramSocket(new InetSocketAddress("127.0.0.2", port))) {
          if (udp1.isBound() && udp2.isBound()) {
            return port;
          }
        } catch (Exception busy) {
          continue;
        }
      }
    }
    throw new IllegalStateException("no free port");
  }
}
