package io.metallb.api.v1beta1;

import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.Singular;
import io.fabric8.kubernetes.model.annotation.Version;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;

/** Which pools are announced over BGP, to which peers, with which attributes. */
@Group(MetalLb.GROUP)
@Version(MetalLb.V1BETA1)
@Kind("BGPAdvertisement")
@Plural("bgpadvertisements")
@Singular("bgpadvertisement")
@AdditionalPrinterColumn(name = "IPAddressPools", jsonPath = ".spec.ipAddressPools", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "IPAddressPool Selectors", jsonPath = ".spec.ipAddressPoolSelectors", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Peers", jsonPath = ".spec.peers", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Node Selectors", jsonPath = ".spec.nodeSelectors", type = AdditionalPrinterColumn.Type.STRING, priority = 10)
public class BGPAdvertisement extends CustomResource<BGPAdvertisementSpec, EmptyStatus> implements Namespaced {}
