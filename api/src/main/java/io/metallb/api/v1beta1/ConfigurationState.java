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
 * Whether a component (the controller, or the speaker of one node) accepted the configuration.
 * Named {@code controller} or {@code speaker-<node>}; it has no spec.
 */
@Group(MetalLb.GROUP)
@Version(MetalLb.V1BETA1)
@Kind("ConfigurationState")
@Plural("configurationstates")
@Singular("configurationstate")
@AdditionalPrinterColumn(name = "Result", jsonPath = ".status.result", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "ErrorSummary", jsonPath = ".status.errorSummary", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp", type = AdditionalPrinterColumn.Type.DATE)
public class ConfigurationState extends CustomResource<Void, ConfigurationStateStatus>
    implements Namespaced {}
