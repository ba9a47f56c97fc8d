package io.metallb.lab.apiserver;

/** Renders a kubeconfig for the lab's API server (plain HTTP, no credentials). Pure. */
public final class Kubeconfig {
  /** The cluster, user and context name used in the file. */
  public static final String NAME = "metallb-lab";

  private Kubeconfig() {}

  /** A kubeconfig whose current context points at {@code serverUrl}, namespace {@code default}. */
  public static String render(String serverUrl) {
    return """
        apiVersion: v1
        kind: Config
        clusters:
        - name: %1$s
          cluster:
            server: %2$s
        users:
        - name: %1$s
          user: {}
        contexts:
        - name: %1$s
          context:
            cluster: %1$s
            user: %1$s
            namespace: default
        current-context: %1$s
        """.formatted(NAME, serverUrl);
  }
}
