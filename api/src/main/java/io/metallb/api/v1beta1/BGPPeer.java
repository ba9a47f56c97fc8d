package io.metallb.api.v1beta1;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.Singular;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * A BGP session to a router, the deprecated v1beta1 form. Served, not stored: the API server
 * converts it to {@link io.metallb.api.v1beta2.BGPPeer} through the conversion webhook.
 */
@Group(MetalLb.GROUP)
@Version(
    value = MetalLb.V1BETA1,
    storage = false,
    deprecated = true,
    deprecationWarning = "v1beta1 is deprecated, please use v1beta2")
@Kind("BGPPeer")
@Plural("bgppeers")
@Singular("bgppeer")
@AdditionalPrinterColumn(name = "Address", jsonPath = ".spec.peerAddress", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "ASN", jsonPath = ".spec.peerASN", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "BFD Profile", jsonPath = ".spec.bfdProfile", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Multi Hops", jsonPath = ".spec.ebgpMultiHop", type = AdditionalPrinterColumn.Type.STRING)
public class BGPPeer extends CustomResource<BGPPeerSpec, EmptyStatus> implements Namespaced {}
