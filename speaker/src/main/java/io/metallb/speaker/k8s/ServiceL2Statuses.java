package io.metallb.speaker.k8s;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.metallb.api.v1beta1.InterfaceInfo;
import io.metallb.api.v1beta1.L2ServiceStatus;
import io.metallb.api.v1beta1.ServiceL2Status;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ServiceL2Status objects of one speaker (spec §3.8, §8.8): while this node announces a
 * Service there is exactly one object for it, labeled with this node; when it stops, this node's
 * objects go (other nodes' objects are theirs to delete). Failed writes are logged and retried on
 * the next pass. Not thread-safe: called from the reconciler's loop thread.
 */
final class ServiceL2Statuses {
  private static final Logger log = LoggerFactory.getLogger(ServiceL2Statuses.class);
  static final String NODE_LABEL = "metallb.io/node";
  static final String SERVICE_NAME_LABEL = "metallb.io/service-name";
  static final String SERVICE_NAMESPACE_LABEL = "metallb.io/service-namespace";

  private final KubernetesClient client;
  private final String namespace;
  private final String nodeName;
  private final String podName;

  ServiceL2Statuses(KubernetesClient client, String namespace, String nodeName, String podName) {
    this.client = client;
    this.namespace = namespace;
    this.nodeName = nodeName;
    this.podName = podName;
  }

  /**
   * @param interfaces empty when this node does not announce the Service; otherwise the restricted
   *     interface names (an empty list when announced on all interfaces)
   */
  void sync(String serviceNamespace, String serviceName, Optional<List<String>> interfaces) {
    try {
      List<ServiceL2Status> existing = client.resources(ServiceL2Status.class).inNamespace(namespace)
          .withLabel(SERVICE_NAME_LABEL, serviceName).withLabel(SERVICE_NAMESPACE_LABEL, serviceNamespace).list().getItems();
      if (interfaces.isEmpty()) {
        existing.stream().filter(s -> nodeName.equals(label(s, NODE_LABEL))).forEach(this::delete);
        return;
      }
      L2ServiceStatus desired = new L2ServiceStatus(nodeName, serviceName, serviceNamespace,
          interfaces.get().isEmpty() ? null : interfaces.get().stream().map(InterfaceInfo::new).toList());
      ServiceL2Status keep = existing.stream().filter(s -> nodeName.equals(label(s, NODE_LABEL))).findFirst().orElse(null);
      existing.stream().filter(s -> s != keep).forEach(this::delete);
      if (keep == null) {
        ServiceL2Status created = new ServiceL2Status();
        ObjectMetaBuilder meta = new ObjectMetaBuilder().withGenerateName("l2-").withNamespace(namespace)
            .withLabels(Map.of(NODE_LABEL, nodeName, SERVICE_NAME_LABEL, serviceName, SERVICE_NAMESPACE_LABEL, serviceNamespace));
        ownerPod().ifPresent(meta::withOwnerReferences);
        created.setMetadata(meta.build());
        created.setStatus(desired);
        ServiceL2Status written = client.resources(ServiceL2Status.class).inNamespace(namespace).resource(created).create();
        client.resources(ServiceL2Status.class).inNamespace(namespace).withName(written.getMetadata().getName()).editStatus(s -> {
          s.setStatus(desired);
          return s;
        });
      } else if (!Objects.equals(keep.getStatus(), desired)) {
        client.resources(ServiceL2Status.class).inNamespace(namespace).withName(keep.getMetadata().getName()).editStatus(s -> {
          s.setStatus(desired);
          return s;
        });
      }
    } catch (KubernetesClientException e) {
      log.atWarn().addKeyValue("op", "serviceL2Status").addKeyValue("service", serviceNamespace + "/" + serviceName)
          .addKeyValue("error", e.getMessage()).log("failed to write ServiceL2Status");
    }
  }

  private void delete(ServiceL2Status s) {
    client.resources(ServiceL2Status.class).inNamespace(namespace).withName(s.getMetadata().getName()).delete();
  }

  private Optional<io.fabric8.kubernetes.api.model.OwnerReference> ownerPod() {
    if (podName.isEmpty()) {
      return Optional.empty();
    }
    var pod = client.pods().inNamespace(namespace).withName(podName).get();
    return pod == null ? Optional.empty() : Optional.of(new OwnerReferenceBuilder().withApiVersion("v1").withKind("Pod")
        .withName(pod.getMetadata().getName()).withUid(pod.getMetadata().getUid()).build());
  }

  private static String label(ServiceL2Status s, String key) {
    return s.getMetadata().getLabels() == null ? null : s.getMetadata().getLabels().get(key);
  }
}
