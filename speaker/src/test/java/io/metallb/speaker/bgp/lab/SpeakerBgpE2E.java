package io.metallb.speaker.bgp.lab;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSliceBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.metallb.api.v1beta1.BGPAdvertisement;
import io.metallb.api.v1beta1.BGPAdvertisementSpec;
import io.metallb.api.v1beta1.BGPServiceStatus;
import io.metallb.api.v1beta1.IPAddressPool;
import io.metallb.api.v1beta1.IPAddressPoolSpec;
import io.metallb.api.v1beta1.ServiceBGPStatus;
import io.metallb.api.v1beta2.BGPPeer;
import io.metallb.api.v1beta2.BGPPeerSpec;
import io.metallb.controller.ControllerMain;
import io.metallb.lab.Lab;
import io.metallb.lab.LabPreconditions.Tool;
import io.metallb.lab.apiserver.ApiServerProcess;
import io.metallb.lab.bgp.BgpRoute;
import io.metallb.lab.bgp.FrrDaemon;
import io.metallb.lab.junit.LabExtension;
import io.metallb.lab.net.AddressPlan;
import io.metallb.lab.net.TopologySpec;
import io.metallb.lab.process.Await;
import io.metallb.lab.process.SupervisedProcess;
import io.metallb.speaker.SpeakerMain;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The real speaker ({@code metallb speaker}, native BGP) on a lab node, the real controller and the
 * lab's API server holding a pool, a BGPAdvertisement, a BGPPeer for the lab's FRR router and a
 * Service: FRR learns the Service's /32 with the node as next hop, the node's ServiceBGPStatus
 * names the peer, and deleting the Service withdraws the route and the status.
 */
class SpeakerBgpE2E {
  @RegisterExtension
  static final LabExtension LAB = LabExtension.of(TopologySpec.dualStack(2), Tool.FRR_BGPD, Tool.VTYSH);

  static final String NS = "metallb-system";
  static final String IP = "203.0.113.10";

  @Test
  void frrLearnsTheServiceRouteAndLosesItWhenTheServiceIsDeleted() throws Exception {
    Lab lab = LAB.lab();
    ApiServerProcess api = ApiServerProcess.start(lab);
    try (FrrDaemon frr = FrrDaemon.start(lab, lab.topology().routerNamespace(), RouterScenarios.router(RouterScenarios.SPEAKER_ASN, null));
        KubernetesClient client = new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(Files.readString(api.kubeconfig()))).build()) {
      client.nodes().resource(new NodeBuilder().withNewMetadata().withName("node1").addToLabels("kubernetes.io/hostname", "node1").endMetadata()
          .build()).create();
      IPAddressPool pool = new IPAddressPool();
      pool.setMetadata(new ObjectMetaBuilder().withName("lab").withNamespace(NS).build());
      pool.setSpec(new IPAddressPoolSpec(List.of(IP + "/32"), null, null, null));
      client.resources(IPAddressPool.class).inNamespace(NS).resource(pool).create();
      BGPAdvertisement ad = new BGPAdvertisement();
      ad.setMetadata(new ObjectMetaBuilder().withName("bgp").withNamespace(NS).build());
      ad.setSpec(new BGPAdvertisementSpec(null, null, null, null, null, null, null, null, null));
      client.resources(BGPAdvertisement.class).inNamespace(NS).resource(ad).create();
      BGPPeer peer = new BGPPeer();
      peer.setMetadata(new ObjectMetaBuilder().withName("rtr").withNamespace(NS).build());
      peer.setSpec(new BGPPeerSpec(RouterScenarios.SPEAKER_ASN, RouterScenarios.ROUTER_ASN, null, null, AddressPlan.ROUTER_V4, null, null,
          null, null, null, null, null, null, null, null, null, null, null, null, null, null));
      client.resources(BGPPeer.class).inNamespace(NS).resource(peer).create();

      String java = ProcessHandle.current().info().command().orElse("java");
      SupervisedProcess controller = lab.supervisor().start("controller", Optional.empty(), List.of(java, "-XX:TieredStopAtLevel=1", "-Xmx256m",
          "-cp", System.getProperty("java.class.path"), ControllerMain.class.getName(), "--namespace", NS, "--port", "0",
          "--health-probe-port", "0", "--webhook-mode", "disabled"), Map.of("KUBECONFIG", api.kubeconfig().toString()));
      client.services().inNamespace("default").resource(new ServiceBuilder().withNewMetadata().withName("web").withNamespace("default").endMetadata()
          .withNewSpec().withType("LoadBalancer").withExternalTrafficPolicy("Cluster").withClusterIP("198.18.0.20").withClusterIPs("198.18.0.20")
          .withIpFamilies("IPv4").withIpFamilyPolicy("SingleStack").addNewPort().withPort(80).endPort().endSpec().build()).create();
      client.discovery().v1().endpointSlices().inNamespace("default").resource(new EndpointSliceBuilder().withNewMetadata().withName("web-1")
          .withNamespace("default").addToLabels("kubernetes.io/service-name", "web").endMetadata().withAddressType("IPv4")
          .addNewEndpoint().withAddresses("198.18.1.1").withNodeName("node1").withNewConditions().withReady(true).endConditions().endEndpoint()
          .build()).create();
      Await.until("the controller to assign " + IP, Duration.ofSeconds(60), () -> {
        if (!controller.isAlive()) {
          throw new AssertionError("controller exited:\n" + String.join("\n", controller.lastLogLines(40)));
        }
        var svc = client.services().inNamespace("default").withName("web").get();
        return svc.getStatus() != null && svc.getStatus().getLoadBalancer() != null && svc.getStatus().getLoadBalancer().getIngress() != null
            && svc.getStatus().getLoadBalancer().getIngress().stream().anyMatch(i -> IP.equals(i.getIp()));
      });

      SupervisedProcess speaker = lab.supervisor().start("speaker-node1", Optional.of(lab.topology().nodeNamespace(1)), List.of(java,
          "--enable-native-access=ALL-UNNAMED", "-XX:TieredStopAtLevel=1", "-Xmx256m", "-cp", System.getProperty("java.class.path"),
          SpeakerMain.class.getName(), "--node-name", "node1", "--namespace", NS, "--port", "0", "--health-probe-port", "0",
          "--excludel2-path", lab.runDir().resolve("no-excludel2.yaml").toString(), "--log-level", "debug"),
          Map.of("KUBECONFIG", api.kubeconfig().toString(), "METALLB_BGP_TYPE", "native"));

      List<BgpRoute> routes = Await.value("FRR to learn " + RouterScenarios.V4, RouterScenarios.WAIT, () -> {
        if (!speaker.isAlive()) {
          throw new AssertionError("speaker exited:\n" + String.join("\n", speaker.lastLogLines(40)));
        }
        List<BgpRoute> r = frr.routes(RouterScenarios.V4);
        return r.isEmpty() ? Optional.empty() : Optional.of(r);
      });
      assertThat(routes).singleElement().satisfies(r -> assertThat(r.nextHops()).contains(AddressPlan.nodeV4(1)));
      Await.until("ServiceBGPStatus naming rtr", RouterScenarios.WAIT, () -> client.resources(ServiceBGPStatus.class).inNamespace(NS)
          .list().getItems().stream().anyMatch(s -> new BGPServiceStatus("node1", "web", "default", List.of("rtr")).equals(s.getStatus())));

      client.services().inNamespace("default").withName("web").delete();
      Await.until("FRR to lose " + RouterScenarios.V4, RouterScenarios.WAIT, () -> frr.routes(RouterScenarios.V4).isEmpty());
      Await.until("ServiceBGPStatus deleted", RouterScenarios.WAIT,
          () -> client.resources(ServiceBGPStatus.class).inNamespace(NS).list().getItems().isEmpty());
      frr.awaitEstablished(AddressPlan.nodeV4(1), RouterScenarios.WAIT);
    }
  }
}
