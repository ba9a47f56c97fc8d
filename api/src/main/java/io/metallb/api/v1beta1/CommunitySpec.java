package io.metallb.api.v1beta1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.List;

/** Spec of a {@link Community}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CommunitySpec(
    @JsonPropertyDescription("Community aliases; names are unique across all Community resources.")
    List<CommunityAlias> communities) {}
