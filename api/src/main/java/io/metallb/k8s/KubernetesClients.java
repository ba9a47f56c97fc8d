package io.metallb.k8s;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;

/**
 * The API client of a binary: configured as fabric8 does by default (in-cluster service account,
 * else {@code $KUBECONFIG} or {@code ~/.kube/config}), and naming its binary in the User-Agent
 * header, e.g. {@code metallb-java-controller/0.1.0}, so that the API server's audit log (and the
 * chart's RBAC test) tell the controller's requests from the speaker's.
 */
public final class KubernetesClients {
  private KubernetesClients() {}

  /** The User-Agent of {@code component} ({@code controller} or {@code speaker}). */
  public static String userAgent(String component) {
    String version = KubernetesClients.class.getPackage().getImplementationVersion();
    return "metallb-java-" + component + "/" + (version == null ? "dev" : version);
  }

  /** A new client for {@code component}; the caller owns and closes it. */
  public static KubernetesClient forComponent(String component) {
    Config config = Config.autoConfigure(null);
    config.setUserAgent(userAgent(component));
    return new KubernetesClientBuilder().withConfig(config).build();
  }
}
