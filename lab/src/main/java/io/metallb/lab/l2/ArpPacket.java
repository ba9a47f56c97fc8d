package io.metallb.lab.l2;

import java.time.Instant;

/**
 * An ARP packet for IPv4 over Ethernet (RFC 826).
 *
 * @param timestamp capture time
 * @param sourceMac Ethernet source
 * @param destinationMac Ethernet destination
 * @param operation {@link #REQUEST} or {@link #REPLY}
 * @param senderMac sender hardware address
 * @param senderIp sender protocol address
 * @param targetMac target hardware address
 * @param targetIp target protocol address
 */
public record ArpPacket(Instant timestamp, String sourceMac, String destinationMac, int operation, String senderMac,
    String senderIp, String targetMac, String targetIp) implements L2Packet {
  /** ARP operation code of a request (RFC 826). */
  public static final int REQUEST = 1;
  /** ARP operation code of a reply (RFC 826). */
  public static final int REPLY = 2;

  /** True for gratuitous ARP: sender and target protocol addresses are the same. */
  public boolean isGratuitous() {
    return senderIp.equals(targetIp);
  }
}
