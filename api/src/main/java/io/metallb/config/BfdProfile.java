package io.metallb.config;

/**
 * A parsed BFD profile; null fields were not set (the router's default applies). Intervals in ms.
 */
public record BfdProfile(
    String name,
    Long receiveInterval,
    Long transmitInterval,
    Long detectMultiplier,
    Long echoInterval,
    boolean echoMode,
    boolean passiveMode,
    Long minimumTtl) {}
