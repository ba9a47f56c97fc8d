package io.metallb.lab.apiserver;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class DiscoveryDocumentsTest {
  private static final String CRD_LIST = """
      {"kind":"CustomResourceDefinitionList","items":[{"spec":{"group":"metallb.io","scope":"Namespaced",
       "names":{"kind":"IPAddressPool","plural":"ipaddresspools","singular":"ipaddresspool"},
       "versions":[{"name":"v1beta1","served":true,"subresources":{"status":{}}},{"name":"v1alpha1","served":false}]}},
       {"spec":{"group":"example.com","scope":"Cluster","names":{"kind":"Widget","plural":"widgets","shortNames":["wd"]},
       "versions":[{"name":"v1","served":true}]}}]}
      """;

  @Test
  void turnsServedCrdVersionsIntoResourceTypes() {
    assertThat(CrdResourceTypes.fromJson(CRD_LIST)).containsExactly(
        new ApiResourceType("metallb.io", "v1beta1", "IPAddressPool", "ipaddresspools", "ipaddresspool", true,
            List.of(), true),
        new ApiResourceType("example.com", "v1", "Widget", "widgets", "widget", false, List.of("wd"), false));
  }

  @Test
  void listsCrdGroupsNextToBuiltinGroups() {
    String groups = DiscoveryDocuments.groupList(
        new java.util.ArrayList<>(List.of(BuiltinResources.ALL, CrdResourceTypes.fromJson(CRD_LIST)).stream()
            .flatMap(List::stream).toList()));
    assertThat(groups).startsWith("{\"kind\":\"APIGroupList\",\"apiVersion\":\"v1\",\"groups\":[{\"name\":\"apps\"")
        .contains("{\"name\":\"metallb.io\",\"versions\":[{\"groupVersion\":\"metallb.io/v1beta1\",\"version\":\"v1beta1\"}],"
            + "\"preferredVersion\":{\"groupVersion\":\"metallb.io/v1beta1\",\"version\":\"v1beta1\"}}");
  }

  @Test
  void rendersAResourceListWithTheStatusSubresource() {
    assertThat(DiscoveryDocuments.resourceList("metallb.io", "v1beta1", CrdResourceTypes.fromJson(CRD_LIST)))
        .hasValue("{\"kind\":\"APIResourceList\",\"apiVersion\":\"v1\",\"groupVersion\":\"metallb.io/v1beta1\","
            + "\"resources\":[{\"name\":\"ipaddresspools\",\"singularName\":\"ipaddresspool\",\"namespaced\":true,"
            + "\"kind\":\"IPAddressPool\",\"verbs\":[\"create\",\"delete\",\"deletecollection\",\"get\",\"list\","
            + "\"patch\",\"update\",\"watch\"]},{\"name\":\"ipaddresspools/status\",\"singularName\":\"\","
            + "\"namespaced\":true,\"kind\":\"IPAddressPool\",\"verbs\":[\"get\",\"patch\",\"update\"]}]}");
    assertThat(DiscoveryDocuments.resourceList("metallb.io", "v9", BuiltinResources.ALL)).isEmpty();
  }

  @Test
  void stripsQueryAndTrailingSlashFromPaths() {
    assertThat(DiscoveryCrudDispatcher.pathOf("/apis/metallb.io/v1beta1/?timeout=32s")).isEqualTo("/apis/metallb.io/v1beta1");
    assertThat(DiscoveryCrudDispatcher.pathOf("/api")).isEqualTo("/api");
  }

  @Test
  void kubeconfigPointsAtTheServer() {
    assertThat(Kubeconfig.render("http://198.51.100.254:6443"))
        .contains("    server: http://198.51.100.254:6443\n", "current-context: metallb-lab\n");
  }
}
