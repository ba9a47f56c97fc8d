package io.metallb.api.v1beta1;

import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.Singular;
import io.fabric8.kubernetes.model.annotation.Version;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;

/** Which node announces a Service in layer 2 mode, written by that node's speaker. */
@Group(MetalLb.GROUP)
@Version(MetalLb.V1BETA1)
@Kind("ServiceL2Status")
@Plural("servicel2statuses")
@Singular("servicel2status")
@AdditionalPrinterColumn(name = "Allocated Node", jsonPath = ".status.node", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Service Name", jsonPath = ".status.serviceName", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Service Namespace", jsonPath = ".status.serviceNamespace", type = AdditionalPrinterColumn.Type.STRING)
public class ServiceL2Status extends CustomResource<ServiceL2StatusSpec, L2ServiceStatus> implements Namespaced {}
