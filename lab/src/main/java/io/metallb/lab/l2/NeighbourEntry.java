package io.metallb.lab.l2;

import java.util.Optional;

/**
 * One entry of a namespace's neighbour table ({@code ip neigh}).
 *
 * @param address the IP address
 * @param device the interface, empty when the command was limited to one device
 * @param mac the link-layer address, absent for FAILED/INCOMPLETE entries
 * @param state e.g. {@code REACHABLE}, {@code STALE}, {@code FAILED}
 */
public record NeighbourEntry(String address, String device, Optional<String> mac, String state) {}
