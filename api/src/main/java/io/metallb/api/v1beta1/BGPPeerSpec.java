package io.metallb.api.v1beta1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Required;
import java.util.List;

/** Spec of a v1beta1 {@link BGPPeer}. Durations are Go duration strings ("90s"). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BGPPeerSpec(
    @JsonPropertyDescription("AS number of this end of the session.")
    @JsonProperty("myASN") @Required @Min(0) @Max(4294967295L)
    Long myASN,
    @JsonPropertyDescription("AS number of the peer.")
    @JsonProperty("peerASN") @Required @Min(0) @Max(4294967295L)
    Long peerASN,
    @JsonPropertyDescription("Address of the peer.")
    @Required
    String peerAddress,
    @JsonPropertyDescription("Source address of the session.")
    String sourceAddress,
    @JsonPropertyDescription("TCP port of the peer.")
    @Min(0) @Max(16384)
    Integer peerPort,
    @JsonPropertyDescription("Requested hold time (RFC 4271).")
    String holdTime,
    @JsonPropertyDescription("Requested keepalive interval.")
    String keepaliveTime,
    @JsonPropertyDescription("BGP identifier of this end.")
    String routerID,
    @JsonPropertyDescription("Nodes that open this session; empty means every node.")
    List<LegacyNodeSelector> nodeSelectors,
    @JsonPropertyDescription("TCP MD5 password, in clear.")
    String password,
    @JsonPropertyDescription("Name of the BFDProfile the session uses.")
    String bfdProfile,
    @JsonPropertyDescription("Whether the eBGP peer is more than one hop away.")
    Boolean ebgpMultiHop) {}
