/**
 * Bidirectional Forwarding Detection for BGP peers (spec §3.6, §12; RFC 5880, 5881, 5883): the
 * pure core. {@link io.metallb.speaker.bfd.ControlPacket} and {@link
 * io.metallb.speaker.bfd.ControlPacketCodec} are the wire format, {@link
 * io.metallb.speaker.bfd.BfdSession} the state machine of one session (time and randomness are
 * passed in), {@link io.metallb.speaker.bfd.BfdPeerSettings} what a BGPPeer and its BFDProfile ask
 * for, {@link io.metallb.speaker.bfd.BfdMetrics} the exported series. No socket, thread or clock
 * here: see {@code io.metallb.speaker.bfd.netty}.
 */
package io.metallb.speaker.bfd;
