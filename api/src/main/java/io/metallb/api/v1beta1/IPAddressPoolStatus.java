package io.metallb.api.v1beta1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;

/** Address usage of a pool, written by the controller. */
public record IPAddressPoolStatus(
    @JsonPropertyDescription("IPv4 addresses of the pool in use.") @Required long assignedIPv4,
    @JsonPropertyDescription("IPv6 addresses of the pool in use.") @Required long assignedIPv6,
    @JsonPropertyDescription("IPv4 addresses of the pool still free.") @Required long availableIPv4,
    @JsonPropertyDescription("IPv6 addresses of the pool still free (saturates at 2^63-1).") @Required long availableIPv6) {}
