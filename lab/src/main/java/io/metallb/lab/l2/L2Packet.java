package io.metallb.lab.l2;

import java.time.Instant;

/** An ARP or NDP packet read back from a capture. */
public sealed interface L2Packet permits ArpPacket, NdpPacket {
  /** When the capture saw it. */
  Instant timestamp();

  /** The Ethernet source MAC, lower case. */
  String sourceMac();

  /** The Ethernet destination MAC, lower case. */
  String destinationMac();
}
