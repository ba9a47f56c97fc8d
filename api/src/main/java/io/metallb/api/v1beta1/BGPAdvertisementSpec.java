package io.metallb.api.v1beta1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.LabelSelector;
import java.util.List;

/** Spec of a {@link BGPAdvertisement}; all fields may be absent (null). */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
    value = "!has(self.serviceSelectors) || size(self.serviceSelectors) == 0 || ((!has(self.aggregationLength) || self.aggregationLength == 32) && (!has(self.aggregationLengthV6) || self.aggregationLengthV6 == 128))",
    message = "serviceSelectors and aggregationLength are mutually exclusive, can only be used together with default aggregationLength (32) and aggregationLengthV6 (128)")
public record BGPAdvertisementSpec(
    @JsonPropertyDescription("Prefix length advertised for IPv4 service addresses (the address is masked to it).")
    @Default("32") @Min(1)
    Integer aggregationLength,
    @JsonPropertyDescription("Prefix length advertised for IPv6 service addresses.")
    @Default("128")
    Integer aggregationLengthV6,
    @JsonPropertyDescription("LOCAL_PREF attribute sent to iBGP peers.")
    Long localPref,
    @JsonPropertyDescription("BGP communities: 'AA:NN', 'large:G:L1:L2', or the name of an alias defined in a Community resource.")
    List<String> communities,
    @JsonPropertyDescription("Names of the IPAddressPools to advertise; with no pools and no pool selectors, every pool.")
    List<String> ipAddressPools,
    @JsonPropertyDescription("Selectors of the IPAddressPools to advertise, by their labels (any matches).")
    List<LabelSelector> ipAddressPoolSelectors,
    @JsonPropertyDescription("Nodes that advertise (the next hops); empty means every node.")
    List<LabelSelector> nodeSelectors,
    @JsonPropertyDescription("Names of the BGPPeers to advertise to; empty means every peer.")
    List<String> peers,
    @JsonPropertyDescription("Services this advertisement applies to, by their labels; empty means every Service of the pools.")
    List<LabelSelector> serviceSelectors) {}
