/**
 * The I/O shell: {@link io.metallb.speaker.bgp.netty.BgpSpeaker} (the node's sessions),
 * {@link io.metallb.speaker.bgp.netty.PeerSession} (one session on one event loop: channel events
 * and timer expiries in, FSM actions out) and {@link io.metallb.speaker.bgp.netty.EpollConnector}
 * (dialling with epoll: source address, TCP MD5, TTL). It makes no protocol decisions.
 */
package io.metallb.speaker.bgp.netty;
