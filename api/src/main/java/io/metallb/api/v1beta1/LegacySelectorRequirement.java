package io.metallb.api.v1beta1;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import java.util.List;

/** One requirement of a {@link LegacyNodeSelector}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LegacySelectorRequirement(
    @Required String key, @Required String operator, @Required @Size(min = 1) List<String> values) {}
