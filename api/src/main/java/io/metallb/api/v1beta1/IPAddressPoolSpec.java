package io.metallb.api.v1beta1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Required;
import java.util.List;

/** Spec of an {@link IPAddressPool}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record IPAddressPoolSpec(
    @JsonPropertyDescription("The addresses of the pool: each entry a CIDR (198.51.100.0/24, 2001:db8::/120) or a range 'first-last'.")
    @Required
    List<String> addresses,
    @JsonPropertyDescription("Whether the controller may pick addresses from this pool for Services that do not ask for it by name or address.")
    @Default("true")
    Boolean autoAssign,
    @JsonPropertyDescription("Never hand out IPv4 addresses whose last byte is 0 or 255.")
    @Default("false")
    Boolean avoidBuggyIPs,
    @JsonPropertyDescription("Restricts the pool to some namespaces or Services, and gives it a priority among pools.")
    ServiceAllocation serviceAllocation) {}
