/**
 * Netty UDP and TCP for memberlist (hashicorp/memberlist {@code net_transport.go}): one event
 * loop per member runs sockets, timers and the core. The in-memory network lives with the tests
 * (simulation).
 */
package io.metallb.speaker.memberlist.transport;
