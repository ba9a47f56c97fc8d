package io.metallb.k8s;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.metallb.api.v1beta1.ConfigurationState;
import io.metallb.api.v1beta1.ConfigurationStateStatus;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A component's ConfigurationState (spec §3.10): {@code controller} or {@code speaker-<node>}, its
 * one condition, and the result derived from it. Not thread-safe; one reconcile loop writes it.
 */
public final class ConfigurationStates {
  private static final Logger log = LoggerFactory.getLogger(ConfigurationStates.class);

  private final KubernetesClient client;
  private final String namespace;
  private final String name;
  private final Map<String, String> labels;
  private final String podName;
  private final String conditionType;
  private final InstantSource clock;

  /**
   * @param conditionType {@code poolReconcilerValid} (controller) or {@code configReconcilerValid} (speaker)
   * @param podName the component's pod, owner of the object, or empty
   */
  public ConfigurationStates(KubernetesClient client, String namespace, String name, Map<String, String> labels, String podName,
      String conditionType, InstantSource clock) {
    this.client = client;
    this.namespace = namespace;
    this.name = name;
    this.labels = Map.copyOf(labels);
    this.podName = podName;
    this.conditionType = conditionType;
    this.clock = clock;
  }

  /** Writes the condition: True/Reconciled when valid, False/ConfigurationError with the errors otherwise. */
  public void write(boolean valid, String errors) {
    Condition condition = new ConditionBuilder()
        .withType(conditionType).withStatus(valid ? "True" : "False").withReason(valid ? "Reconciled" : "ConfigurationError")
        .withMessage(errors).withLastTransitionTime(clock.instant().toString()).build();
    ConfigurationStateStatus status = new ConfigurationStateStatus(valid ? ConfigurationStateStatus.VALID : ConfigurationStateStatus.INVALID, errors, List.of(condition));
    try {
      var resource = client.resources(ConfigurationState.class).inNamespace(namespace).withName(name);
      if (resource.get() == null) {
        ConfigurationState state = new ConfigurationState();
        ObjectMetaBuilder meta = new ObjectMetaBuilder().withName(name).withNamespace(namespace).withLabels(labels);
        if (!podName.isEmpty()) {
          var pod = client.pods().inNamespace(namespace).withName(podName).get();
          if (pod != null) {
            meta.withOwnerReferences(new OwnerReferenceBuilder().withApiVersion("v1").withKind("Pod")
                .withName(pod.getMetadata().getName()).withUid(pod.getMetadata().getUid()).build());
          }
        }
        state.setMetadata(meta.build());
        client.resources(ConfigurationState.class).inNamespace(namespace).resource(state).create();
      }
      resource.editStatus(s -> {
        s.setStatus(status);
        return s;
      });
    } catch (KubernetesClientException e) {
      log.atWarn().addKeyValue("op", "configurationState").addKeyValue("error", e.getMessage()).log("failed to write ConfigurationState");
    }
  }
}
