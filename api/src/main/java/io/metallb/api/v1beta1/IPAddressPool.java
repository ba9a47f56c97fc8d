package io.metallb.api.v1beta1;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.Singular;
import io.fabric8.kubernetes.model.annotation.Version;

/** A pool of addresses the controller may hand out to Services of type LoadBalancer. */
@Group(MetalLb.GROUP)
@Version(MetalLb.V1BETA1)
@Kind("IPAddressPool")
@Plural("ipaddresspools")
@Singular("ipaddresspool")
@AdditionalPrinterColumn(name = "Auto Assign", jsonPath = ".spec.autoAssign", type = AdditionalPrinterColumn.Type.BOOLEAN)
@AdditionalPrinterColumn(name = "Avoid Buggy IPs", jsonPath = ".spec.avoidBuggyIPs", type = AdditionalPrinterColumn.Type.BOOLEAN)
@AdditionalPrinterColumn(name = "Addresses", jsonPath = ".spec.addresses", type = AdditionalPrinterColumn.Type.STRING)
public class IPAddressPool extends CustomResource<IPAddressPoolSpec, IPAddressPoolStatus>
    implements Namespaced {}
