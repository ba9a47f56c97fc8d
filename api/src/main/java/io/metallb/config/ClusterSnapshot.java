package io.metallb.config;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Secret;
import io.metallb.api.v1beta1.BFDProfile;
import io.metallb.api.v1beta1.BGPAdvertisement;
import io.metallb.api.v1beta1.Community;
import io.metallb.api.v1beta1.IPAddressPool;
import io.metallb.api.v1beta1.L2Advertisement;
import java.util.List;
import java.util.Map;

/**
 * Everything the configuration is made of, as read from the API server (MetalLB's
 * {@code ClusterResources}). The parser reads it and never changes it; lists may come in any order.
 *
 * @param passwordSecrets Secrets of the MetalLB namespace by name (BGP passwords)
 * @param bgpExtras the {@code bgpextras} ConfigMap, or null
 */
public record ClusterSnapshot(
    List<IPAddressPool> pools,
    List<io.metallb.api.v1beta2.BGPPeer> peers,
    List<BFDProfile> bfdProfiles,
    List<BGPAdvertisement> bgpAdvertisements,
    List<L2Advertisement> l2Advertisements,
    List<Community> communities,
    Map<String, Secret> passwordSecrets,
    List<Node> nodes,
    List<Namespace> namespaces,
    ConfigMap bgpExtras) {}
