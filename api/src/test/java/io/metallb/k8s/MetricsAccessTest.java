package io.metallb.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.metallb.k8s.MetricsAccess.Decision;
import io.metallb.k8s.MetricsAccess.User;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Who may read /metrics: controller-runtime's filter, decided without an API server. */
class MetricsAccessTest {
  static final User PROMETHEUS = new User("system:serviceaccount:monitoring:prometheus", "u1", List.of("system:serviceaccounts"), Map.of());

  /** Accepts token "good" as Prometheus (allowed) and "other" as a user who may not read metrics. */
  static final MetricsAccess.Reviews REVIEWS = new MetricsAccess.Reviews() {
    @Override
    public Optional<User> authenticate(String token) {
      return switch (token) {
        case "good" -> Optional.of(PROMETHEUS);
        case "other" -> Optional.of(new User("alice", "", List.of(), Map.of()));
        case "boom" -> throw new IllegalStateException("connection refused");
        default -> Optional.empty();
      };
    }

    @Override
    public boolean allowed(User user, String path, String verb) {
      return user.equals(PROMETHEUS) && path.equals("/metrics") && verb.equals("get");
    }
  };

  @Test
  void bearerTokensAreReviewedThenAuthorized() {
    assertThat(MetricsAccess.decide(null, "/metrics", REVIEWS)).isEqualTo(new Decision(401, "Unauthorized"));
    assertThat(MetricsAccess.decide("Basic Zm9vOmJhcg==", "/metrics", REVIEWS).status()).isEqualTo(401);
    assertThat(MetricsAccess.decide("Bearer ", "/metrics", REVIEWS).status()).isEqualTo(401);
    assertThat(MetricsAccess.decide("Bearer unknown", "/metrics", REVIEWS).status()).isEqualTo(401);
    assertThat(MetricsAccess.decide("Bearer other", "/metrics", REVIEWS))
        .isEqualTo(new Decision(403, "Forbidden (user=alice, verb=get, resource=, subresource=)"));
    assertThat(MetricsAccess.decide("bearer good", "/metrics", REVIEWS).allowed()).isTrue();
    assertThat(MetricsAccess.decide("Bearer boom", "/metrics", REVIEWS)).isEqualTo(new Decision(500, "Authorization failed: connection refused"));
  }

  @Test
  void tlsFlagsAsGoSpellsThem() {
    assertThat(MetricsTls.protocols("")).containsExactly("TLSv1.3");
    assertThat(MetricsTls.protocols("VersionTLS12")).containsExactly("TLSv1.3", "TLSv1.2");
    assertThatThrownBy(() -> MetricsTls.protocols("VersionTLS10")).hasMessageContaining("invalid --tls-min-version VersionTLS10");
    assertThat(MetricsTls.namedGroups("23,29")).containsExactly("secp256r1", "x25519");
    assertThat(MetricsTls.cipherSuites("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", MetricsTls.protocols("VersionTLS12")))
        .contains("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", "TLS_AES_128_GCM_SHA256");
    assertThatThrownBy(() -> MetricsTls.cipherSuites("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", MetricsTls.protocols("")))
        .hasMessageContaining("cannot be combined with TLS 1.3");
  }
}
