package io.metallb.api.v1beta1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** ServiceL2Status has no spec fields. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ServiceL2StatusSpec() {}
