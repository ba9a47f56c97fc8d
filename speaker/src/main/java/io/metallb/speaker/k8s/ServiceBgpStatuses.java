package io.metallb.speaker.k8s;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.metallb.api.v1beta1.BGPServiceStatus;
import io.metallb.api.v1beta1.ServiceBGPStatus;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ServiceBGPStatus objects of one speaker (spec §3.9, §8.10): one object per (Service, this
 * node) while this node means to advertise the Service to at least one peer, with the sorted peer
 * names; none otherwise. Only this node's objects are touched. Not thread-safe: called from the
 * BGP reconciler's loop thread.
 */
final class ServiceBgpStatuses {
  private static final Logger log = LoggerFactory.getLogger(ServiceBgpStatuses.class);

  private final KubernetesClient client;
  private final String namespace;
  private final String nodeName;
  private final String podName;

  ServiceBgpStatuses(KubernetesClient client, String namespace, String nodeName, String podName) {
    this.client = client;
    this.namespace = namespace;
    this.nodeName = nodeName;
    this.podName = podName;
  }

  /**
   * Makes this node's objects for the Service match {@code peers} (empty: none).
   *
   * @return false when a write failed (logged; the caller retries on its next pass)
   */
  boolean sync(String serviceNamespace, String serviceName, SortedSet<String> peers) {
    try {
      var resources = client.resources(ServiceBGPStatus.class).inNamespace(namespace);
      List<ServiceBGPStatus> mine = resources.withLabel(ServiceL2Statuses.NODE_LABEL, nodeName)
          .withLabel(ServiceL2Statuses.SERVICE_NAME_LABEL, serviceName).withLabel(ServiceL2Statuses.SERVICE_NAMESPACE_LABEL, serviceNamespace)
          .list().getItems();
      if (peers.isEmpty()) {
        mine.forEach(s -> resources.withName(s.getMetadata().getName()).delete());
        return true;
      }
      BGPServiceStatus desired = new BGPServiceStatus(nodeName, serviceName, serviceNamespace, List.copyOf(peers));
      ServiceBGPStatus keep = mine.isEmpty() ? null : mine.get(0);
      mine.stream().skip(1).forEach(s -> resources.withName(s.getMetadata().getName()).delete());
      String name;
      if (keep == null) {
        ServiceBGPStatus created = new ServiceBGPStatus();
        ObjectMetaBuilder meta = new ObjectMetaBuilder().withGenerateName("bgp-").withNamespace(namespace)
            .withLabels(Map.of(ServiceL2Statuses.NODE_LABEL, nodeName, ServiceL2Statuses.SERVICE_NAME_LABEL, serviceName,
                ServiceL2Statuses.SERVICE_NAMESPACE_LABEL, serviceNamespace));
        ownerPod().ifPresent(meta::withOwnerReferences);
        created.setMetadata(meta.build());
        created.setStatus(desired);
        name = resources.resource(created).create().getMetadata().getName();
      } else if (!Objects.equals(keep.getStatus(), desired)) {
        name = keep.getMetadata().getName();
      } else {
        return true;
      }
      resources.withName(name).editStatus(s -> {
        s.setStatus(desired);
        return s;
      });
      return true;
    } catch (KubernetesClientException e) {
      log.atWarn().addKeyValue("op", "serviceBGPStatus").addKeyValue("service", serviceNamespace + "/" + serviceName)
          .addKeyValue("error", e.getMessage()).log("failed to write ServiceBGPStatus");
      return false;
    }
  }

  private Optional<io.fabric8.kubernetes.api.model.OwnerReference> ownerPod() {
    if (podName.isEmpty()) {
      return Optional.empty();
    }
    var pod = client.pods().inNamespace(namespace).withName(podName).get();
    return pod == null ? Optional.empty() : Optional.of(new OwnerReferenceBuilder().withApiVersion("v1").withKind("Pod")
        .withName(pod.getMetadata().getName()).withUid(pod.getMetadata().getUid()).build());
  }
}
