package io.metallb.controller.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.metallb.api.v1beta1.ConfigurationState;
import io.metallb.api.v1beta1.IPAddressPool;
import io.metallb.api.v1beta1.IPAddressPoolSpec;
import io.metallb.api.v1beta1.IPAddressPoolStatus;
import io.metallb.config.BgpType;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The controller against fabric8's mock API server in CRUD mode: pools and Services in, statuses,
 * annotations, Events, pool status and ConfigurationState out — as a user sees them with kubectl.
 */
@EnableKubernetesMockClient(crud = true)
class ControllerIT {
  static final String NS = "metallb-system";
  static final Duration WAIT = Duration.ofSeconds(20);

  KubernetesClient client;
  ControllerRuntime runtime;

  ControllerRuntime start() throws InterruptedException {
    runtime = new ControllerRuntime(client, new ControllerOptions(NS, "", BgpType.NATIVE, "memberlist", "", "", true), new ControllerMetrics(), InstantSource.system());
    runtime.start();
    return runtime;
  }

  @AfterEach
  void stop() {
    if (runtime != null) {
      runtime.close();
    }
  }

  IPAddressPool pool(String name, String... addresses) {
    IPAddressPool p = new IPAddressPool();
    p.setMetadata(new io.fabric8.kubernetes.api.model.ObjectMetaBuilder().withName(name).withNamespace(NS).build());
    p.setSpec(new IPAddressPoolSpec(List.of(addresses), null, null, null));
    return client.resources(IPAddressPool.class).inNamespace(NS).resource(p).create();
  }

  Service service(String ns, String name, Map<String, String> annotations) {
    Service s = new ServiceBuilder().withNewMetadata().withName(name).withNamespace(ns).withAnnotations(annotations).endMetadata()
        .withNewSpec().withType("LoadBalancer").withClusterIP("10.96.0.10").withClusterIPs("10.96.0.10")
        .addNewPort().withProtocol("TCP").withPort(80).endPort().endSpec().build();
    return client.services().inNamespace(ns).resource(s).create();
  }

  List<String> ingress(String ns, String name) {
    Service s = client.services().inNamespace(ns).withName(name).get();
    if (s == null || s.getStatus() == null || s.getStatus().getLoadBalancer() == null) {
      return List.of();
    }
    return s.getStatus().getLoadBalancer().getIngress().stream().map(i -> i.getIp()).toList();
  }

  static <T> T eventually(Supplier<T> value, java.util.function.Predicate<T> ok) throws InterruptedException {
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

  @Test
  void servicesGetAddressesEventsAndPoolsCountThem() throws Exception {
    client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("shop").endMetadata().build()).create();
    pool("web", "198.51.100.0/30");
    service("shop", "a", Map.of());
    start();
    assertThat(runtime.awaitInitialLoad(WAIT)).isTrue();
    assertThat(eventually(() -> ingress("shop", "a"), l -> !l.isEmpty())).containsExactly("198.51.100.0");
    Service a = client.services().inNamespace("shop").withName("a").get();
    assertThat(a.getMetadata().getAnnotations()).containsEntry("metallb.io/ip-allocated-from-pool", "web");

    service("shop", "b", Map.of("metallb.io/loadBalancerIPs", "198.51.100.3"));
    assertThat(eventually(() -> ingress("shop", "b"), l -> !l.isEmpty())).containsExactly("198.51.100.3");

    List<Event> events = eventually(() -> client.v1().events().inNamespace("shop").list().getItems(), l -> l.size() >= 2);
    assertThat(events).extracting(e -> e.getInvolvedObject().getName() + " " + e.getType() + " " + e.getReason() + ": " + e.getMessage())
        .contains("a Normal IPAllocated: Assigned IP [\"198.51.100.0\"]", "b Normal IPAllocated: Assigned IP [\"198.51.100.3\"]");

    IPAddressPoolStatus status = eventually(() -> client.resources(IPAddressPool.class).inNamespace(NS).withName("web").get().getStatus(),
        s -> s != null && s.assignedIPv4() == 2);
    assertThat(status).isEqualTo(new IPAddressPoolStatus(2, 0, 2, 0));

    ConfigurationState state = eventually(() -> client.resources(ConfigurationState.class).inNamespace(NS).withName("controller").get(), s -> s != null && s.getStatus() != null);
    assertThat(state.getStatus().result()).isEqualTo("Valid");
    assertThat(state.getMetadata().getLabels()).containsEntry("metallb.io/component-type", "controller");
    assertThat(client.secrets().inNamespace(NS).withName("memberlist").get().getData()).containsKey("secretkey");
  }

  @Test
  void deletionFreesForAPendingServiceAndPoolChangesMoveServices() throws Exception {
    pool("tiny", "198.51.100.10/32");
    service("ns", "first", Map.of());
    start();
    assertThat(runtime.awaitInitialLoad(WAIT)).isTrue();
    eventually(() -> ingress("ns", "first"), l -> l.equals(List.of("198.51.100.10")));
    service("ns", "second", Map.of());
    eventually(() -> client.v1().events().inNamespace("ns").list().getItems(),
        l -> l.stream().anyMatch(e -> e.getReason().equals("AllocationFailed") && e.getMessage().equals("Failed to allocate IP for \"ns/second\": no available IPs")));
    assertThat(ingress("ns", "second")).isEmpty();

    client.services().inNamespace("ns").withName("first").delete();
    assertThat(eventually(() -> ingress("ns", "second"), l -> !l.isEmpty())).containsExactly("198.51.100.10");

    client.resources(IPAddressPool.class).inNamespace(NS).withName("tiny").delete();
    pool("bigger", "203.0.113.0/30");
    assertThat(eventually(() -> ingress("ns", "second"), l -> l.equals(List.of("203.0.113.0")))).containsExactly("203.0.113.0");
  }

  @Test
  void anInvalidConfigurationKeepsTheLastGoodOneAndIsReported() throws Exception {
    pool("good", "198.51.100.0/30");
    start();
    assertThat(runtime.awaitInitialLoad(WAIT)).isTrue();
    pool("overlapping", "198.51.100.0/31");
    ConfigurationState state = eventually(() -> client.resources(ConfigurationState.class).inNamespace(NS).withName("controller").get(),
        s -> s != null && s.getStatus() != null && "Invalid".equals(s.getStatus().result()));
    assertThat(state.getStatus().errorSummary())
        .isEqualTo("IPAddressPool/overlapping: CIDR \"198.51.100.0/31\" in pool \"overlapping\" overlaps with already defined CIDR \"198.51.100.0/30\"");
    assertThat(state.getStatus().conditions()).singleElement().satisfies(c -> {
      assertThat(c.getType()).isEqualTo("poolReconcilerValid");
      assertThat(c.getStatus()).isEqualTo("False");
      assertThat(c.getReason()).isEqualTo("ConfigurationError");
    });
    service("ns", "still-served", Map.of());
    assertThat(eventually(() -> ingress("ns", "still-served"), l -> !l.isEmpty())).containsExactly("198.51.100.0");
  }

  @Test
  void aRestartedControllerGivesServicesBackWhatTheyHold() throws Exception {
    pool("p", "198.51.100.0/29");
    service("ns", "one", Map.of());
    service("ns", "two", Map.of());
    start();
    assertThat(runtime.awaitInitialLoad(WAIT)).isTrue();
    eventually(() -> ingress("ns", "two"), l -> !l.isEmpty());
    List<String> one = ingress("ns", "one");
    List<String> two = ingress("ns", "two");
    runtime.close();
    service("ns", "three", Map.of());
    start();
    assertThat(runtime.awaitInitialLoad(WAIT)).isTrue();
    assertThat(eventually(() -> ingress("ns", "three"), l -> !l.isEmpty())).doesNotContainAnyElementsOf(one).doesNotContainAnyElementsOf(two);
    assertThat(ingress("ns", "one")).isEqualTo(one);
    assertThat(ingress("ns", "two")).isEqualTo(two);
  }

  @Test
  void healthProbesAndMetricsAreServed() throws Exception {
    pool("p", "198.51.100.0/30");
    ControllerMetrics metrics = new ControllerMetrics();
    runtime = new ControllerRuntime(client, new ControllerOptions(NS, "", BgpType.NATIVE, "", "", "", true), metrics, InstantSource.system());
    runtime.start();
    assertThat(runtime.awaitInitialLoad(WAIT)).isTrue();
    service("ns", "s", Map.of());
    eventually(() -> ingress("ns", "s"), l -> !l.isEmpty());
    try (io.metallb.k8s.HttpEndpoints endpoints = new io.metallb.k8s.HttpEndpoints(new java.net.InetSocketAddress("127.0.0.1", 0), new java.net.InetSocketAddress("127.0.0.1", 0), metrics.registry())) {
      var http = java.net.http.HttpClient.newHttpClient();
      var healthz = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + endpoints.healthPort() + "/healthz")).build(),
          java.net.http.HttpResponse.BodyHandlers.ofString());
      assertThat(healthz.statusCode()).isEqualTo(200);
      var readyz = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + endpoints.healthPort() + "/readyz")).build(),
          java.net.http.HttpResponse.BodyHandlers.ofString());
      assertThat(readyz.statusCode()).isEqualTo(200);
      String body = eventually(() -> {
        try {
          return http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + endpoints.metricsPort() + "/metrics")).build(),
              java.net.http.HttpResponse.BodyHandlers.ofString()).body();
        } catch (Exception e) {
          throw new AssertionError(e);
        }
      }, b -> b.contains("metallb_allocator_addresses_in_use_total{pool=\"p\"} 1"));
      assertThat(body).contains(
          "metallb_allocator_addresses_total{pool=\"p\"} 4",
          "metallb_allocator_ipv4_addresses_total{pool=\"p\"} 4",
          "metallb_k8s_client_config_loaded_bool 1",
          "metallb_k8s_client_config_stale_bool 0",
          "# TYPE metallb_k8s_client_updates_total counter");
    }
  }

  @Test
  void servicesOfAnotherLoadBalancerClassAreLeftAlone() throws Exception {
    pool("p", "198.51.100.0/29");
    Service other = new ServiceBuilder().withNewMetadata().withName("other").withNamespace("ns").endMetadata()
        .withNewSpec().withType("LoadBalancer").withLoadBalancerClass("example.com/other").withClusterIP("10.96.0.11").withClusterIPs("10.96.0.11").endSpec().build();
    client.services().inNamespace("ns").resource(other).create();
    service("ns", "mine", Map.of());
    start();
    assertThat(runtime.awaitInitialLoad(WAIT)).isTrue();
    eventually(() -> ingress("ns", "mine"), l -> !l.isEmpty());
    assertThat(ingress("ns", "other")).isEmpty();
  }
}
