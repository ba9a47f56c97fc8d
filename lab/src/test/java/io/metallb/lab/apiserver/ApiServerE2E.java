package io.metallb.lab.apiserver;

import static org.assertj.core.api.Assertions.assertThat;

import io.metallb.lab.LabPreconditions.Tool;
import io.metallb.lab.junit.LabExtension;
import io.metallb.lab.net.AddressPlan;
import io.metallb.lab.net.TopologySpec;
import io.metallb.lab.process.CommandResult;
import io.metallb.lab.process.Commands;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ApiServerE2E {
  @RegisterExtension
  static final LabExtension LAB = LabExtension.of(TopologySpec.dualStack(1), Tool.KUBECTL);

  private static ApiServerProcess api;
  private static Kubectl kubectl;

  private static final String SERVICE = """
      apiVersion: v1
      kind: Service
      metadata:
        name: web
        namespace: default
      spec:
        type: LoadBalancer
        selector: {app: web}
        ports:
        - port: 80
          protocol: TCP
      """;

  private static final String CRD = """
      apiVersion: apiextensions.k8s.io/v1
      kind: CustomResourceDefinition
      metadata:
        name: ipaddresspools.metallb.io
      spec:
        group: metallb.io
        scope: Namespaced
        names: {kind: IPAddressPool, plural: ipaddresspools, singular: ipaddresspool, listKind: IPAddressPoolList}
        versions:
        - name: v1beta1
          served: true
          storage: true
          subresources: {status: {}}
          schema:
            openAPIV3Schema: {type: object, x-kubernetes-preserve-unknown-fields: true}
      """;

  private static final String POOL = """
      apiVersion: metallb.io/v1beta1
      kind: IPAddressPool
      metadata:
        name: lab-pool
        namespace: metallb-system
      spec:
        addresses: ["198.51.100.200-198.51.100.250"]
      """;

  @BeforeAll
  static void startApiServer() {
    api = ApiServerProcess.start(LAB.lab());
    kubectl = new Kubectl(api.kubeconfig(), LAB.lab().directory("kubectl"));
  }

  private static CommandResult ok(CommandResult result) {
    assertThat(result.exitCode()).as("%s\n%s%s", result.command(), result.stdout(), result.stderr()).isZero();
    return result;
  }

  @Test
  void servesKubectlCreateGetDeleteOfAService() {
    ok(kubectl.withManifest(SERVICE, "create", "--validate=false"));
    assertThat(ok(kubectl.run("get", "svc", "web", "-o", "jsonpath={.spec.type}")).stdout())
        .isEqualTo("LoadBalancer");
    assertThat(ok(kubectl.run("get", "services", "-A")).stdout()).contains("web");
    ok(kubectl.run("delete", "service", "web"));
    assertThat(kubectl.run("get", "svc", "web").succeeded()).isFalse();
  }

  @Test
  void servesACustomResourceAfterItsCrd() {
    ok(kubectl.withManifest(CRD, "create", "--validate=false"));
    ok(kubectl.withManifest(POOL, "create", "--validate=false"));
    assertThat(ok(kubectl.run("get", "ipaddresspools.metallb.io", "-n", "metallb-system", "-o",
        "jsonpath={.items[0].spec.addresses[0]}")).stdout()).isEqualTo("198.51.100.200-198.51.100.250");
    assertThat(ok(kubectl.run("api-resources", "--api-group=metallb.io")).stdout()).contains("ipaddresspools");
    ok(kubectl.run("delete", "ipaddresspool", "lab-pool", "-n", "metallb-system"));
    assertThat(ok(kubectl.run("get", "ipaddresspools", "-n", "metallb-system", "-o", "name")).stdout()).isBlank();
  }

  @Test
  void appliesANewObject() {
    String configMap = """
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: applied, namespace: default}
        data: {k: v}
        """;
    ok(kubectl.withManifest(configMap, "apply", "--validate=false"));
    assertThat(ok(kubectl.run("get", "cm", "applied", "-o", "jsonpath={.data.k}")).stdout()).isEqualTo("v");
  }

  @Test
  void isReachableFromANodeNamespace() {
    CommandResult version = Commands.runIn(LAB.lab().topology().nodeNamespace(1), "kubectl", "--kubeconfig",
        api.kubeconfig().toString(), "version", "-o", "json");
    assertThat(version.stdout()).contains(DiscoveryDocuments.GIT_VERSION);
    assertThat(api.url()).contains(AddressPlan.HOST_V4);
  }
}
