package io.metallb.api.v1beta1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** The status of a resource that reports nothing. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EmptyStatus() {}
