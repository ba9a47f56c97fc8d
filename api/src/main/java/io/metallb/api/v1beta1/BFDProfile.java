package io.metallb.api.v1beta1;

import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.Singular;
import io.fabric8.kubernetes.model.annotation.Version;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;

/** BFD session parameters that BGP peers can refer to by name (FRR-based modes). */
@Group(MetalLb.GROUP)
@Version(MetalLb.V1BETA1)
@Kind("BFDProfile")
@Plural("bfdprofiles")
@Singular("bfdprofile")
@AdditionalPrinterColumn(name = "Passive Mode", jsonPath = ".spec.passiveMode", type = AdditionalPrinterColumn.Type.BOOLEAN)
@AdditionalPrinterColumn(name = "Transmit Interval", jsonPath = ".spec.transmitInterval", type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(name = "Receive Interval", jsonPath = ".spec.receiveInterval", type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(name = "Multiplier", jsonPath = ".spec.detectMultiplier", type = AdditionalPrinterColumn.Type.INTEGER)
public class BFDProfile extends CustomResource<BFDProfileSpec, EmptyStatus> implements Namespaced {}
