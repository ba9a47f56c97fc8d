package io.metallb.api.v1beta1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Required;
import io.fabric8.kubernetes.api.model.LabelSelector;

/** A weighted node preference of an {@link L2Advertisement}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PreferredNodeSelector(
    @JsonPropertyDescription("Weight added to every node the preference matches, 1 to 100.")
    @Required @Min(1) @Max(100)
    int weight,
    @JsonPropertyDescription("Nodes that get the weight; an empty selector matches every node.")
    @Required
    LabelSelector preference) {}
