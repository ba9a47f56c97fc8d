package io.metallb.api.v1beta1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.List;

/** Status of a {@link ConfigurationState}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ConfigurationStateStatus(
    @JsonPropertyDescription("Valid, Invalid or Unknown.")
    String result,
    @JsonPropertyDescription("The messages of the failed conditions, one per line.")
    String errorSummary,
    @JsonPropertyDescription("One condition per reconciler that parses the configuration.")
    List<Condition> conditions) {
  public static final String VALID = "Valid";
  public static final String INVALID = "Invalid";
  public static final String UNKNOWN = "Unknown";
}
