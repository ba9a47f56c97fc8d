package io.metallb.lab.bgp;

/**
 * A BGP session's state as a router reports it.
 *
 * @param neighbor the neighbour's address
 * @param state the daemon's word for the state, e.g. {@code Established}, {@code Active}
 * @param established whether the session is in the RFC 4271 Established state
 */
public record BgpSession(String neighbor, String state, boolean established) {}
