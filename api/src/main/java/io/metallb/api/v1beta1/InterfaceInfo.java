package io.metallb.api.v1beta1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** A network interface, by name. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record InterfaceInfo(@JsonPropertyDescription("Interface name.") String name) {}
