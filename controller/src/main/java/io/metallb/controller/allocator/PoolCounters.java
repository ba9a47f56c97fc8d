package io.metallb.controller.allocator;

/** A pool's address usage, as written to {@code IPAddressPool.status}. */
public record PoolCounters(long assignedIPv4, long assignedIPv6, long availableIPv4, long availableIPv6) {}
