package io.metallb.api.v1beta1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.kubernetes.api.model.LabelSelector;
import java.util.List;

/** Spec of an {@link L2Advertisement}; all lists may be absent (null). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record L2AdvertisementSpec(
    @JsonPropertyDescription("Names of the IPAddressPools to announce; with no pools and no pool selectors, every pool.")
    List<String> ipAddressPools,
    @JsonPropertyDescription("Selectors of the IPAddressPools to announce, by their labels (any matches).")
    List<LabelSelector> ipAddressPoolSelectors,
    @JsonPropertyDescription("Nodes that may announce; empty means every node.")
    List<LabelSelector> nodeSelectors,
    @JsonPropertyDescription("Interfaces to announce from; empty means every interface.")
    List<String> interfaces,
    @JsonPropertyDescription("Services this advertisement applies to, by their labels; empty means every Service of the pools.")
    List<LabelSelector> serviceSelectors,
    @JsonPropertyDescription("Soft preferences among the eligible nodes: the weights of matching entries add up, the highest total wins the election.")
    List<PreferredNodeSelector> preferredNodeSelectors) {}
