package io.metallb.speaker.k8s;

import static io.metallb.speaker.k8s.SpeakerIT.NS;
import static io.metallb.speaker.k8s.SpeakerIT.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.NodeConditionBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSliceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.metallb.api.v1beta1.IPAddressPool;
import io.metallb.api.v1beta1.IPAddressPoolSpec;
import io.metallb.api.v1beta1.L2Advertisement;
import io.metallb.api.v1beta1.L2AdvertisementSpec;
import io.metallb.api.v1beta1.L2ServiceStatus;
import io.metallb.api.v1beta1.ServiceL2Status;
import io.metallb.config.BgpType;
import io.metallb.k8s.K8sClientMetrics;
import io.metallb.net.IpAddress;
import io.metallb.speaker.election.L2Election;
import io.metallb.speaker.layer2.IpAdvertisement;
import io.metallb.speaker.layer2.L2Announcer;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two speakers against the mock API server decide, without talking to each other, which one
 * announces a Service at layer 2 — the one MetalLB's election picks — and hand over when the
 * winner's node becomes unusable or when only the other node has endpoints (ETP Local).
 */
@EnableKubernetesMockClient(crud = true)
class SpeakerL2IT {
  static final String IP = "198.51.100.10";
  KubernetesClient client;
  @TempDir Path dir;

  /** Records what the reconciler asks; every node has an eth0. */
  static final class RecordingAnnouncer implements L2Announcer {
    final Map<String, List<IpAdvertisement>> byService = new ConcurrentHashMap<>();

    @Override
    public void setBalancer(String service, IpAdvertisement advertisement) {
      byService.merge(service, List.of(advertisement), (a, b) -> {
        List<IpAdvertisement> kept = a.stream().filter(x -> !x.ip().equals(advertisement.ip())).toList();
        return java.util.stream.Stream.concat(kept.stream(), b.stream()).toList();
      });
    }

    @Override
    public void deleteBalancer(String service) {
      byService.remove(service);
    }

    @Override
    public boolean announces(String service) {
      return byService.containsKey(service);
    }

    @Override
    public Set<String> nodeInterfaces() {
      return Set.of("eth0");
    }
  }

  final class Speaker implements AutoCloseable {
    final RecordingAnnouncer announcer = new RecordingAnnouncer();
    final SpeakerMembership membership;
    final L2ServiceReconciler services;
    final SpeakerRuntime runtime;

    Speaker(String node) throws Exception {
      membership = SpeakerMembership.start(client, new SpeakerMembership.Settings(node, NS, "", "", "", "", false, dir.resolve("none.json")));
      services = new L2ServiceReconciler(client, new L2ServiceReconciler.Options(NS, node, "", "", false), membership.usable(), announcer,
          InstantSource.system(), new PrometheusRegistry());
      runtime = new SpeakerRuntime(client, new SpeakerRuntime.Options(NS, node, "", BgpType.NATIVE, false),
          new K8sClientMetrics(new PrometheusRegistry()), InstantSource.system(), membership, services::setConfig, services::reprocessAll,
          services::announcedIps);
      services.start();
      runtime.start();
    }

    boolean announcesWeb() {
      return announcer.announces("default/web");
    }

    @Override
    public void close() {
      runtime.close();
      services.close();
      membership.close();
    }
  }

  void node(String name, boolean networkUnavailable) {
    client.nodes().resource(new NodeBuilder().withNewMetadata().withName(name).addToLabels("kubernetes.io/hostname", name).endMetadata()
        .withNewStatus().withConditions(new NodeConditionBuilder().withType("NetworkUnavailable")
            .withStatus(networkUnavailable ? "True" : "False").build()).endStatus().build()).createOr(n -> n.update());
  }

  void configuration() {
    IPAddressPool pool = new IPAddressPool();
    pool.setMetadata(new ObjectMetaBuilder().withName("lab").withNamespace(NS).build());
    pool.setSpec(new IPAddressPoolSpec(List.of("198.51.100.0/26"), null, null, null));
    client.resources(IPAddressPool.class).inNamespace(NS).resource(pool).create();
    L2Advertisement ad = new L2Advertisement();
    ad.setMetadata(new ObjectMetaBuilder().withName("l2").withNamespace(NS).build());
    ad.setSpec(new L2AdvertisementSpec(null, null, null, null, null, null));
    client.resources(L2Advertisement.class).inNamespace(NS).resource(ad).create();
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
  void exactlyTheElectedSpeakerAnnouncesAndTheOtherTakesOverWhenItsNodeFails() throws Exception {
    node("node-a", false);
    node("node-b", false);
    configuration();
    service("Cluster", "node-a", "node-b");
    String winner = L2Election.winner(List.of("node-a", "node-b"), IP, Map.of()).orElseThrow();
    String loser = winner.equals("node-a") ? "node-b" : "node-a";
    try (Speaker a = new Speaker("node-a"); Speaker b = new Speaker("node-b")) {
      Speaker won = winner.equals("node-a") ? a : b;
      Speaker lost = won == a ? b : a;
      eventually(won::announcesWeb, yes -> yes);
      assertThat(won.announcer.byService.get("default/web")).containsExactly(IpAdvertisement.everywhere(IpAddress.of(IP)));
      assertThat(lost.announcesWeb()).isFalse();
      assertThat(client.v1().events().inNamespace("default").list().getItems())
          .anySatisfy(e -> {
            assertThat(e.getReason()).isEqualTo("nodeAssigned");
            assertThat(e.getMessage()).isEqualTo("announcing from node \"" + winner + "\" with protocol \"layer2\"");
          });

      var statuses = client.resources(ServiceL2Status.class).inNamespace(NS);
      ServiceL2Status status = eventually(() -> statuses.list().getItems(), l -> l.size() == 1 && l.get(0).getStatus() != null).get(0);
      assertThat(status.getStatus()).isEqualTo(new L2ServiceStatus(winner, "web", "default", null));
      assertThat(status.getMetadata().getLabels()).containsEntry("metallb.io/node", winner)
          .containsEntry("metallb.io/service-name", "web").containsEntry("metallb.io/service-namespace", "default");

      node(winner, true);
      eventually(lost::announcesWeb, yes -> yes);
      eventually(won::announcesWeb, yes -> !yes);
      eventually(() -> statuses.list().getItems(), l -> l.size() == 1 && l.get(0).getStatus() != null && loser.equals(l.get(0).getStatus().node()));
      assertThat(loser).isNotEqualTo(winner);
    }
  }

  @Test
  void localTrafficPolicyAnnouncesOnlyFromNodesWithEndpoints() throws Exception {
    node("node-a", false);
    node("node-b", false);
    configuration();
    String winner = L2Election.winner(List.of("node-a", "node-b"), IP, Map.of()).orElseThrow();
    String loser = winner.equals("node-a") ? "node-b" : "node-a";
    service("Local", loser);
    try (Speaker a = new Speaker("node-a"); Speaker b = new Speaker("node-b")) {
      Speaker onLoser = loser.equals("node-a") ? a : b;
      Speaker onWinner = onLoser == a ? b : a;
      eventually(onLoser::announcesWeb, yes -> yes);
      assertThat(onWinner.announcesWeb()).isFalse();

      client.services().inNamespace("default").withName("web").delete();
      eventually(onLoser::announcesWeb, yes -> !yes);
    }
  }

  @Test
  void aConfigurationWithoutThePoolOfAnAnnouncedServiceWaitsUntilTheServiceMoves() throws Exception {
    node("node-a", false);
    configuration();
    service("Cluster", "node-a");
    try (Speaker a = new Speaker("node-a")) {
      eventually(a::announcesWeb, yes -> yes);
      // The pool moves to other addresses: web's address is in no pool of the new configuration.
      var pool = client.resources(IPAddressPool.class).inNamespace(NS).withName("lab");
      pool.edit(p -> {
        p.setSpec(new IPAddressPoolSpec(List.of("203.0.113.0/28"), null, null, null));
        return p;
      });
      var state = client.resources(io.metallb.api.v1beta1.ConfigurationState.class).inNamespace(NS).withName("speaker-node-a");
      eventually(state::get, s -> s != null && s.getStatus() != null && "Invalid".equals(s.getStatus().result())
          && s.getStatus().errorSummary().contains("services [default/web] are announced with addresses outside every pool"));
      assertThat(a.announcer.byService.get("default/web")).containsExactly(IpAdvertisement.everywhere(IpAddress.of(IP)));
      // The controller moves web into the new pool: withdrawn under the old configuration, then the
      // new configuration is accepted and web is announced with its new address.
      client.services().inNamespace("default").withName("web").editStatus(s -> {
        s.getStatus().getLoadBalancer().getIngress().get(0).setIp("203.0.113.1");
        return s;
      });
      eventually(() -> a.announcer.byService.get("default/web"), ads -> ads != null
          && ads.equals(List.of(IpAdvertisement.everywhere(IpAddress.of("203.0.113.1")))));
      eventually(state::get, s -> "Valid".equals(s.getStatus().result()));
    }
  }
}
