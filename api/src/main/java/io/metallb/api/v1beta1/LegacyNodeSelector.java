package io.metallb.api.v1beta1;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/** The node selector of a v1beta1 BGPPeer (a label selector of its own shape). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LegacyNodeSelector(
    Map<String, String> matchLabels, List<LegacySelectorRequirement> matchExpressions) {}
