package io.metallb.api.v1beta1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.List;

/** What a speaker reports about a Service it announces in layer 2 mode. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record L2ServiceStatus(
    @JsonPropertyDescription("The node that announces the Service.")
    @ValidationRule(value = "self == oldSelf", message = "Value is immutable")
    String node,
    @JsonPropertyDescription("Name of the announced Service.")
    @ValidationRule(value = "self == oldSelf", message = "Value is immutable")
    String serviceName,
    @JsonPropertyDescription("Namespace of the announced Service.")
    @ValidationRule(value = "self == oldSelf", message = "Value is immutable")
    String serviceNamespace,
    @JsonPropertyDescription("Interfaces the Service is announced from, when the advertisement names some.")
    List<InterfaceInfo> interfaces) {}
