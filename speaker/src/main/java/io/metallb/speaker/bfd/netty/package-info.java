/**
 * BFD over UDP on Netty's epoll transport (RFC 5881 single hop, RFC 5883 multihop): {@link
 * io.metallb.speaker.bfd.netty.BfdSessions} runs the pure {@link io.metallb.speaker.bfd.BfdSession}
 * machines on one event loop, owns their sockets and timers, and reports state changes. Not
 * supported: the Echo function, Demand mode (as the requesting side) and authentication.
 */
package io.metallb.speaker.bfd.netty;
