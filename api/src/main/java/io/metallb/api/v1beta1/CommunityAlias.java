package io.metallb.api.v1beta1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** A named community value. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CommunityAlias(
    @JsonPropertyDescription("The alias advertisements use.")
    String name,
    @JsonPropertyDescription("The value: 'AA:NN' or 'large:G:L1:L2'.")
    String value) {}
