package io.metallb.speaker.k8s;

import static io.metallb.speaker.k8s.SpeakerIT.NS;
import static io.metallb.speaker.k8s.SpeakerIT.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSliceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.metallb.api.v1beta1.BGPAdvertisement;
import io.metallb.api.v1beta1.BGPAdvertisementSpec;
import io.metallb.api.v1beta1.IPAddressPool;
import io.metallb.api.v1beta1.IPAddressPoolSpec;
import io.metallb.api.v1beta2.BGPPeer;
import io.metallb.api.v1beta2.BGPPeerSpec;
import io.metallb.config.BgpCommunity;
import io.metallb.config.BgpType;
import io.metallb.config.Peer;
import io.metallb.k8s.K8sClientMetrics;
import io.metallb.net.Cidr;
import io.metallb.speaker.bgp.Advertisement;
import io.metallb.speaker.bgp.Advertisements;
import io.metallb.api.v1beta1.BGPServiceStatus;
import io.metallb.api.v1beta1.ServiceBGPStatus;
import io.metallb.speaker.election.L2Decision;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two speakers against the mock API server, each with a recording {@link BgpAnnouncer}: both
 * announce a Service whose endpoints are elsewhere (ETP Cluster), only the one with a local
 * endpoint announces under ETP Local, an excluded node withdraws, and deleting the Service
 * withdraws everything. Peers from the BGPPeer reach the announcer.
 */
@EnableKubernetesMockClient(crud = true)
class SpeakerBgpIT {
  static final String IP = "198.51.100.10";
  static final Advertisement HOST = new Advertisement(Cidr.of(IP + "/32"), 0, List.of(new BgpCommunity.Standard(64500, 7)), List.of());
  KubernetesClient client;
  @TempDir Path dir;

  /** Records the last peers and advertisements it was given. */
  static final class RecordingAnnouncer implements BgpAnnouncer {
    volatile List<Peer> peers = List.of();
    volatile List<Advertisement> ads = List.of();

    @Override
    public List<String> setPeers(Collection<Peer> peers) {
      this.peers = List.copyOf(peers);
      return List.of();
    }

    @Override
    public void setAdvertisements(Collection<Advertisement> all) {
      ads = List.copyOf(all);
    }

    @Override
    public Map<String, Set<Cidr>> publishedPrefixes() {
      Map<String, Set<Cidr>> out = new java.util.TreeMap<>();
      List<Advertisement> current = ads;
      peers.forEach(p -> out.put(p.name(), Advertisements.forPeer(p.name(), current).keySet()));
      return out;
    }
  }

  final class Speaker implements AutoCloseable {
    final RecordingAnnouncer announcer = new RecordingAnnouncer();
    final PrometheusRegistry registry = new PrometheusRegistry();
    final SpeakerMembership membership;
    final BgpServiceReconciler services;
    final SpeakerRuntime runtime;

    Speaker(String node) throws Exception {
      membership = SpeakerMembership.start(client, new SpeakerMembership.Settings(node, NS, "", "", "", "", false, dir.resolve("none.json")));
      Gauge announced = Gauge.builder().name("metallb_speaker_announced").help("announced").labelNames("service", "protocol", "node", "ip")
          .register(registry);
      services = new BgpServiceReconciler(client, new L2ServiceReconciler.Options(NS, node, "", "", false), announcer, InstantSource.system(),
          announced);
      runtime = new SpeakerRuntime(client, new SpeakerRuntime.Options(NS, node, "", BgpType.NATIVE, false),
          new K8sClientMetrics(new PrometheusRegistry()), InstantSource.system(), membership, services::setConfig, services::reprocessAll);
      services.start();
      runtime.start();
    }

    List<Advertisement> ads() {
      return announcer.ads;
    }

    double announcedGauge() {
      return registry.scrape().stream().filter(m -> m.getMetadata().getName().equals("metallb_speaker_announced"))
          .flatMap(m -> m.getDataPoints().stream()).count();
    }

    @Override
    public void close() {
      runtime.close();
      services.close();
      membership.close();
    }
  }

  void node(String name, Map<String, String> labels) {
    client.nodes().resource(new NodeBuilder().withNewMetadata().withName(name).addToLabels("kubernetes.io/hostname", name).addToLabels(labels)
        .endMetadata().build()).createOr(n -> n.update());
  }

  void configuration() {
    IPAddressPool pool = new IPAddressPool();
    pool.setMetadata(new ObjectMetaBuilder().withName("lab").withNamespace(NS).build());
    pool.setSpec(new IPAddressPoolSpec(List.of("198.51.100.0/26"), null, null, null));
    client.resources(IPAddressPool.class).inNamespace(NS).resource(pool).create();
    BGPAdvertisement ad = new BGPAdvertisement();
    ad.setMetadata(new ObjectMetaBuilder().withName("bgp").withNamespace(NS).build());
    ad.setSpec(new BGPAdvertisementSpec(null, null, null, List.of("64500:7"), null, null, null, null, null));
    client.resources(BGPAdvertisement.class).inNamespace(NS).resource(ad).create();
    BGPPeer peer = new BGPPeer();
    peer.setMetadata(new ObjectMetaBuilder().withName("router").withNamespace(NS).build());
    peer.setSpec(new BGPPeerSpec(64500L, 64501L, null, null, "192.0.2.1", null, null, null, null, null, null, null, null, null, null, null,
        null, null, null, null, null));
    client.resources(BGPPeer.class).inNamespace(NS).resource(peer).create();
  }

  void service(String externalTrafficPolicy, String... endpointNodes) {
    client.services().inNamespace("default").resource(new ServiceBuilder().withNewMetadata().withName("web").withNamespace("default").endMetadata()
        .withNewSpec().withType("LoadBalancer").withExternalTrafficPolicy(externalTrafficPolicy).addNewPort().withPort(80).endPort().endSpec()
        .withNewStatus().withNewLoadBalancer().addNewIngress().withIp(IP).endIngress().endLoadBalancer().endStatus().build()).createOr(s -> s.update());
    var slice = new EndpointSliceBuilder().withNewMetadata().withName("web-1").withNamespace("default")
        .addToLabels("kubernetes.io/service-name", "web").endMetadata().withAddressType("IPv4");
    int i = 1;
    for (String node : endpointNodes) {
      slice.addNewEndpoint().withAddresses("203.0.113." + i++).withNodeName(node).withNewConditions().withReady(true).endConditions().endEndpoint();
    }
    client.discovery().v1().endpointSlices().inNamespace("default").resource(slice.build()).createOr(s -> s.update());
  }

  @Test
  void everyNodeAnnouncesTheHostRouteToItsPeersAndWithdrawsOnDelete() throws Exception {
    node("node-a", Map.of());
    node("node-b", Map.of());
    configuration();
    service("Cluster", "node-b");
    try (Speaker a = new Speaker("node-a"); Speaker b = new Speaker("node-b")) {
      eventually(a::ads, ads -> ads.equals(List.of(HOST)));
      eventually(b::ads, ads -> ads.equals(List.of(HOST)));
      assertThat(a.announcer.peers).extracting(Peer::name).containsExactly("router");
      assertThat(a.announcedGauge()).isEqualTo(1);
      eventually(() -> client.v1().events().inNamespace("default").list().getItems(), events -> events.stream().anyMatch(e ->
          "nodeAssigned".equals(e.getReason()) && "announcing from node \"node-a\" with protocol \"bgp\"".equals(e.getMessage())));

      var statuses = client.resources(ServiceBGPStatus.class).inNamespace(NS);
      List<ServiceBGPStatus> both = eventually(() -> statuses.list().getItems(),
          l -> l.size() == 2 && l.stream().allMatch(s -> s.getStatus() != null));
      assertThat(both).extracting(ServiceBGPStatus::getStatus).containsExactlyInAnyOrder(
          new BGPServiceStatus("node-a", "web", "default", List.of("router")), new BGPServiceStatus("node-b", "web", "default", List.of("router")));
      assertThat(both).allSatisfy(s -> {
        assertThat(s.getMetadata().getName()).startsWith("bgp-");
        assertThat(s.getMetadata().getLabels()).containsEntry("metallb.io/node", s.getStatus().node())
            .containsEntry("metallb.io/service-name", "web").containsEntry("metallb.io/service-namespace", "default");
      });

      client.services().inNamespace("default").withName("web").delete();
      eventually(a::ads, List::isEmpty);
      eventually(b::ads, List::isEmpty);
      eventually(a::announcedGauge, n -> n == 0);
      eventually(() -> statuses.list().getItems(), List::isEmpty);
    }
  }

  @Test
  void localTrafficPolicyAnnouncesOnlyFromNodesWithEndpoints() throws Exception {
    node("node-a", Map.of());
    node("node-b", Map.of());
    configuration();
    service("Local", "node-b");
    try (Speaker a = new Speaker("node-a"); Speaker b = new Speaker("node-b")) {
      eventually(b::ads, ads -> ads.equals(List.of(HOST)));
      eventually(() -> a.announcer.peers, peers -> !peers.isEmpty());
      assertThat(a.ads()).isEmpty();

      service("Local", "node-a");
      eventually(a::ads, ads -> ads.equals(List.of(HOST)));
      eventually(b::ads, List::isEmpty);
    }
  }

  @Test
  void anExcludedNodeWithdraws() throws Exception {
    node("node-a", Map.of());
    configuration();
    service("Cluster", "node-a");
    try (Speaker a = new Speaker("node-a")) {
      eventually(a::ads, ads -> ads.equals(List.of(HOST)));
      node("node-a", Map.of(L2Decision.EXCLUDE_LABEL, ""));
      eventually(a::ads, List::isEmpty);
      node("node-a", Map.of());
      eventually(a::ads, ads -> ads.equals(List.of(HOST)));
    }
  }
}
