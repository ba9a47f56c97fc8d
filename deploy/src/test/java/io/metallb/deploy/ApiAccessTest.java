package io.metallb.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ApiAccessTest {
  static ApiAccess of(String method, String path) {
    return ApiAccess.of(method, path, "metallb-system").orElseThrow();
  }

  @Test
  void mapsRequestsToRbacVerbsAndScopes() {
    assertThat(of("GET", "/api/v1/services?resourceVersion=0")).isEqualTo(new ApiAccess("", "services", "list", false, ""));
    assertThat(of("GET", "/api/v1/services?allowWatchBookmarks=true&watch=true")).isEqualTo(new ApiAccess("", "services", "watch", false, ""));
    assertThat(of("PUT", "/api/v1/namespaces/default/services/web/status")).isEqualTo(new ApiAccess("", "services/status", "update", false, "web"));
    assertThat(of("POST", "/api/v1/namespaces/metallb-system/secrets")).isEqualTo(new ApiAccess("", "secrets", "create", true, ""));
    assertThat(of("GET", "/api/v1/namespaces/metallb-system/secrets/memberlist")).isEqualTo(new ApiAccess("", "secrets", "get", true, "memberlist"));
    assertThat(of("GET", "/api/v1/namespaces/metallb-system")).isEqualTo(new ApiAccess("", "namespaces", "get", false, "metallb-system"));
    assertThat(of("PATCH", "/apis/apiextensions.k8s.io/v1/customresourcedefinitions/bgppeers.metallb.io"))
        .isEqualTo(new ApiAccess("apiextensions.k8s.io", "customresourcedefinitions", "patch", false, "bgppeers.metallb.io"));
    assertThat(of("GET", "/apis/metallb.io/v1beta1/namespaces/metallb-system/ipaddresspools?fieldSelector=metadata.name%3Dp&watch=true"))
        .isEqualTo(new ApiAccess("metallb.io", "ipaddresspools", "watch", true, "p"));
    assertThat(of("DELETE", "/apis/metallb.io/v1beta1/namespaces/metallb-system/servicel2statuses/l2-x"))
        .isEqualTo(new ApiAccess("metallb.io", "servicel2statuses", "delete", true, "l2-x"));
    assertThat(ApiAccess.of("GET", "/apis/metallb.io/v1beta1", "metallb-system")).isEmpty();
    assertThat(ApiAccess.of("GET", "/version", "metallb-system")).isEmpty();
  }
}
