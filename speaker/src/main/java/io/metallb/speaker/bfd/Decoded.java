package io.metallb.speaker.bfd;

/** What {@link ControlPacketCodec#decode} made of one datagram. */
public sealed interface Decoded {
  /**
   * A packet that passed the packet-level checks of RFC 5880 §6.8.6.
   *
   * @param packet the packet
   */
  record Packet(ControlPacket packet) implements Decoded {}

  /**
   * A datagram the RFC says to discard.
   *
   * @param reason which rule discarded it
   */
  record Dropped(DropReason reason) implements Decoded {}
}
