package io.metallb.api.v1beta1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.List;

/** What a speaker reports about a Service it advertises over BGP. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BGPServiceStatus(
    @JsonPropertyDescription("The node that advertises the Service.")
    @ValidationRule(value = "self == oldSelf", message = "Value is immutable")
    String node,
    @JsonPropertyDescription("Name of the advertised Service.")
    @ValidationRule(value = "self == oldSelf", message = "Value is immutable")
    String serviceName,
    @JsonPropertyDescription("Namespace of the advertised Service.")
    @ValidationRule(value = "self == oldSelf", message = "Value is immutable")
    String serviceNamespace,
    @JsonPropertyDescription("Sorted names of the BGPPeers this node means to advertise the Service to.")
    List<String> peers) {}
