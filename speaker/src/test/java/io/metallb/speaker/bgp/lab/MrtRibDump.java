package io.metallb.speaker.bgp.lab;

import io.metallb.net.Cidr;
import io.metallb.net.IpAddress;
import io.metallb.speaker.bgp.RouterIds;
import io.metallb.speaker.bgp.codec.BgpMessageWriter;
import io.metallb.speaker.bgp.message.PathAttribute;
import io.metallb.speaker.bgp.message.Update;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;

/**
 * An MRT TABLE_DUMP_V2 file (RFC 6396 §4.3) of IPv4 unicast routes, so that {@code gobgp mrt inject
 * global} can load many prefixes into gobgpd at once. Each route has ORIGIN IGP, an empty AS_PATH
 * and the given NEXT_HOP, from one peer. Test support only.
 */
final class MrtRibDump {
  private static final int TABLE_DUMP_V2 = 13; // RFC 6396 §4
  private static final int PEER_INDEX_TABLE = 1; // RFC 6396 §4.3.1
  private static final int RIB_IPV4_UNICAST = 2; // RFC 6396 §4.3.2
  private static final int PEER_TYPE_AS4_IPV4 = 0x02; // RFC 6396 §4.3.1: 4-octet AS, IPv4 address

  private MrtRibDump() {}

  /** The dump bytes for {@code prefixes} learnt from {@code peer} in AS {@code peerAsn}. */
  static byte[] ipv4(List<Cidr> prefixes, IpAddress peer, long peerAsn, IpAddress nextHop) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteBuffer index = ByteBuffer.allocate(4 + 2 + 2 + 1 + 4 + 4 + 4);
    index.putInt((int) RouterIds.toLong(peer)).putShort((short) 0).putShort((short) 1)
        .put((byte) PEER_TYPE_AS4_IPV4).putInt((int) RouterIds.toLong(peer)).put(peer.toBytes()).putInt((int) peerAsn);
    record(out, PEER_INDEX_TABLE, index.array());
    byte[] attributes = attributes(nextHop);
    int sequence = 0;
    for (Cidr prefix : prefixes) {
      int prefixBytes = (prefix.prefixLength() + 7) / 8;
      ByteBuffer rib = ByteBuffer.allocate(4 + 1 + prefixBytes + 2 + 2 + 4 + 2 + attributes.length);
      rib.putInt(sequence++).put((byte) prefix.prefixLength()).put(prefix.network().toBytes(), 0, prefixBytes)
          .putShort((short) 1).putShort((short) 0).putInt(0).putShort((short) attributes.length).put(attributes);
      record(out, RIB_IPV4_UNICAST, rib.array());
    }
    return out.toByteArray();
  }

  /** The path attributes, cut out of an encoded UPDATE (after header and the two length fields). */
  private static byte[] attributes(IpAddress nextHop) {
    byte[] update = BgpMessageWriter.toBytes(new Update(List.of(), List.of(new PathAttribute.Origin(PathAttribute.OriginType.IGP),
        new PathAttribute.AsPath(List.of()), new PathAttribute.NextHop(nextHop)), List.of()), true);
    return Arrays.copyOfRange(update, 23, update.length);
  }

  private static void record(ByteArrayOutputStream out, int subtype, byte[] body) {
    ByteBuffer header = ByteBuffer.allocate(12);
    header.putInt(0).putShort((short) TABLE_DUMP_V2).putShort((short) subtype).putInt(body.length);
    out.writeBytes(header.array());
    out.writeBytes(body);
  }
}
