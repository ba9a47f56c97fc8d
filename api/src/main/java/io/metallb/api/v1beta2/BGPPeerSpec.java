package io.metallb.api.v1beta2;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.SecretReference;
import java.util.List;

/**
 * Spec of a v1beta2 {@link BGPPeer}. Durations are Go duration strings ("90s"); null means unset.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BGPPeerSpec(
    @JsonPropertyDescription("AS number of this end of the session.")
    @JsonProperty("myASN") @Required @Min(0) @Max(4294967295L)
    Long myASN,
    @JsonPropertyDescription("AS number of the peer; exactly one of peerASN and dynamicASN.")
    @JsonProperty("peerASN") @Min(0) @Max(4294967295L)
    Long peerASN,
    @JsonPropertyDescription("AS number the session uses instead of myASN (FRR 'local-as ... no-prepend replace-as').")
    @JsonProperty("localASN") @Min(1) @Max(4294967295L)
    Long localASN,
    @JsonPropertyDescription("Accept any peer AS that equals (internal) or differs from (external) myASN.")
    String dynamicASN,
    @JsonPropertyDescription("Address of the peer; exactly one of peerAddress and interface.")
    String peerAddress,
    @JsonPropertyDescription("Node interface for an unnumbered BGP session.")
    @JsonProperty("interface")
    String iface,
    @JsonPropertyDescription("Source address of the session.")
    String sourceAddress,
    @JsonPropertyDescription("TCP port of the peer.")
    @Default("179") @Min(1) @Max(16384)
    Integer peerPort,
    @JsonPropertyDescription("Requested hold time (RFC 4271).")
    String holdTime,
    @JsonPropertyDescription("Requested keepalive interval.")
    String keepaliveTime,
    @JsonPropertyDescription("Connect retry interval, whole seconds from 1s to 65535s.")
    @ValidationRule(value = "duration(self).getSeconds() >= 1 && duration(self).getSeconds() <= 65535", message = "connect time should be between 1 seconds to 65535")
    @ValidationRule(value = "duration(self).getMilliseconds() % 1000 == 0", message = "connect time should contain a whole number of seconds")
    String connectTime,
    @JsonPropertyDescription("BGP identifier of this end.")
    String routerID,
    @JsonPropertyDescription("Nodes that open this session; empty means every node.")
    List<LabelSelector> nodeSelectors,
    @JsonPropertyDescription("TCP MD5 password, in clear; not together with passwordSecret.")
    String password,
    @JsonPropertyDescription("Secret of type kubernetes.io/basic-auth holding the TCP MD5 password under key 'password'.")
    SecretReference passwordSecret,
    @JsonPropertyDescription("Name of the BFDProfile the session uses.")
    String bfdProfile,
    @JsonPropertyDescription("Enables BGP graceful restart; cannot be changed after creation.")
    @ValidationRule(value = "self == oldSelf", message = "EnableGracefulRestart cannot be changed after creation")
    Boolean enableGracefulRestart,
    @JsonPropertyDescription("Whether the eBGP peer is more than one hop away.")
    Boolean ebgpMultiHop,
    @JsonPropertyDescription("Host VRF the session runs in.")
    String vrf,
    @JsonPropertyDescription("Deprecated: has no effect, both address families are the default behaviour.")
    @Default("false")
    Boolean disableMP,
    @JsonPropertyDescription("Activates both IPv4 and IPv6 unicast on the session.")
    @Default("false")
    Boolean dualStackAddressFamily) {}
