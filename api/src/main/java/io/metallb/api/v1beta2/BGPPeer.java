package io.metallb.api.v1beta2;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.Singular;
import io.fabric8.kubernetes.model.annotation.Version;
import io.metallb.api.v1beta1.EmptyStatus;
import io.metallb.api.v1beta1.MetalLb;

/** A BGP session to a router: the storage version, and the hub of BGPPeer conversion. */
@Group(MetalLb.GROUP)
@Version(value = MetalLb.V1BETA2, storage = true)
@Kind("BGPPeer")
@Plural("bgppeers")
@Singular("bgppeer")
@AdditionalPrinterColumn(name = "Address", jsonPath = ".spec.peerAddress", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "ASN", jsonPath = ".spec.peerASN", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "BFD Profile", jsonPath = ".spec.bfdProfile", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Multi Hops", jsonPath = ".spec.ebgpMultiHop", type = AdditionalPrinterColumn.Type.STRING)
public class BGPPeer extends CustomResource<BGPPeerSpec, EmptyStatus> implements Namespaced {}
