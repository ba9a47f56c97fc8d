package io.metallb.api.v1beta1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;

/** Spec of a {@link BFDProfile}; intervals in milliseconds, every field optional. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BFDProfileSpec(
    @JsonPropertyDescription("Minimum interval, in milliseconds, at which this system can receive control packets.")
    @Min(10) @Max(60000)
    Long receiveInterval,
    @JsonPropertyDescription("Minimum interval, in milliseconds, at which this system sends control packets.")
    @Min(10) @Max(60000)
    Long transmitInterval,
    @JsonPropertyDescription("How many packets may be lost before the session is declared down.")
    @Min(2) @Max(255)
    Long detectMultiplier,
    @JsonPropertyDescription("Interval, in milliseconds, of echo packets.")
    @Min(10) @Max(60000)
    Long echoInterval,
    @JsonPropertyDescription("Enables echo mode.")
    Boolean echoMode,
    @JsonPropertyDescription("Waits for the peer's control packets before sending any.")
    Boolean passiveMode,
    @JsonPropertyDescription("Multihop sessions: the minimum TTL expected of incoming packets.")
    @Min(1) @Max(254)
    Long minimumTtl) {}
