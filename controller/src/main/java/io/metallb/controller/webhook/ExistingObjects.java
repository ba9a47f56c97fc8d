package io.metallb.controller.webhook;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.metallb.api.v1beta1.BGPAdvertisement;
import io.metallb.api.v1beta1.Community;
import io.metallb.api.v1beta1.IPAddressPool;
import io.metallb.api.v1beta1.L2Advertisement;
import io.metallb.api.v1beta2.BGPPeer;
import java.util.function.Supplier;

/** Lists what a webhook request is validated against, without a cache, as MetalLB's webhooks do. */
public final class ExistingObjects {
  private ExistingObjects() {}

  public static Supplier<AdmissionValidator.Existing> lister(KubernetesClient client, String namespace) {
    return () -> new AdmissionValidator.Existing(
        client.resources(IPAddressPool.class).inNamespace(namespace).list().getItems(),
        client.resources(BGPPeer.class).inNamespace(namespace).list().getItems(),
        client.resources(BGPAdvertisement.class).inNamespace(namespace).list().getItems(),
        client.resources(L2Advertisement.class).inNamespace(namespace).list().getItems(),
        client.resources(Community.class).inNamespace(namespace).list().getItems(),
        client.nodes().list().getItems());
  }
}
