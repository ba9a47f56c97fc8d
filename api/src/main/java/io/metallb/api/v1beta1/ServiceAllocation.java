package io.metallb.api.v1beta1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.kubernetes.api.model.LabelSelector;
import java.util.List;

/** Which Services may take addresses from a pool, and how much the pool is preferred. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ServiceAllocation(
    @JsonPropertyDescription("Lower positive numbers are tried first; 0 or unset comes last.")
    Integer priority,
    @JsonPropertyDescription("Namespaces whose Services may use the pool.")
    List<String> namespaces,
    @JsonPropertyDescription("Labels of the namespaces whose Services may use the pool (any matches).")
    List<LabelSelector> namespaceSelectors,
    @JsonPropertyDescription("Labels of the Services that may use the pool (any matches).")
    List<LabelSelector> serviceSelectors) {}
