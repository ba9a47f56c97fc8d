package io.metallb.config;

import io.metallb.net.IpAddress;
import java.time.Duration;
import java.util.List;

/**
 * A parsed BGPPeer (MetalLB's internal {@code Peer}). Optional fields are null when unset.
 *
 * @param myAsn local AS number
 * @param asn peer AS number, 0 when {@code dynamicAsn} is set
 * @param dynamicAsn "internal", "external" or empty
 * @param address peer address, null for an interface (unnumbered) peer
 * @param iface interface of an unnumbered peer, or empty
 * @param sourceAddress local address, or null
 * @param port TCP port of the peer
 * @param holdTime hold time as written, or derived from the keepalive time; null when neither set
 * @param keepaliveTime keepalive as written, or hold time / 3; null when neither set
 * @param connectTime connect retry interval, or null
 * @param routerId BGP identifier, or null
 * @param nodeSelectors nodes that open the session; {@link Selector#EVERYTHING} when none given
 * @param password clear-text MD5 password from the spec, or empty
 * @param secretPassword the password read from {@code passwordSecret}, or empty
 * @param passwordSecretName the {@code passwordSecret} reference name, or empty
 * @param passwordSecretNamespace the {@code passwordSecret} reference namespace, or empty
 */
public record Peer(
    String name,
    long myAsn,
    long asn,
    String dynamicAsn,
    IpAddress address,
    String iface,
    IpAddress sourceAddress,
    int port,
    Duration holdTime,
    Duration keepaliveTime,
    Duration connectTime,
    IpAddress routerId,
    List<Selector> nodeSelectors,
    String password,
    String secretPassword,
    String passwordSecretName,
    String passwordSecretNamespace,
    String bfdProfile,
    boolean enableGracefulRestart,
    boolean ebgpMultiHop,
    String vrf,
    boolean dualStackAddressFamily,
    boolean disableMP,
    long localAsn) {
  public Peer {
    nodeSelectors = List.copyOf(nodeSelectors);
  }
}
