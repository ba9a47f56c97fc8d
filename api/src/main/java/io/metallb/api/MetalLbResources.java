package io.metallb.api;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.metallb.api.v1beta1.BFDProfile;
import io.metallb.api.v1beta1.BGPAdvertisement;
import io.metallb.api.v1beta1.Community;
import io.metallb.api.v1beta1.ConfigurationState;
import io.metallb.api.v1beta1.IPAddressPool;
import io.metallb.api.v1beta1.L2Advertisement;
import io.metallb.api.v1beta1.ServiceBGPStatus;
import io.metallb.api.v1beta1.ServiceL2Status;
import java.util.List;

/** Every metallb.io custom resource class, each kind and version once. */
public final class MetalLbResources {
  public static final List<Class<? extends HasMetadata>> CUSTOM_RESOURCE_CLASSES =
      List.of(
          IPAddressPool.class,
          L2Advertisement.class,
          BGPAdvertisement.class,
          io.metallb.api.v1beta1.BGPPeer.class,
          io.metallb.api.v1beta2.BGPPeer.class,
          BFDProfile.class,
          Community.class,
          ServiceL2Status.class,
          ServiceBGPStatus.class,
          ConfigurationState.class);

  private MetalLbResources() {}
}
