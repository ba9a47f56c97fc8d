package io.metallb.speaker.bgp.codec;

import io.metallb.net.Cidr;
import io.metallb.net.IpAddress;
import io.metallb.speaker.bgp.message.BgpMessage;
import io.metallb.speaker.bgp.message.Capability;
import io.metallb.speaker.bgp.message.Keepalive;
import io.metallb.speaker.bgp.message.Notification;
import io.metallb.speaker.bgp.message.Open;
import io.metallb.speaker.bgp.message.PathAttribute;
import io.metallb.speaker.bgp.message.RouteRefresh;
import io.metallb.speaker.bgp.message.Update;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.util.List;

/**
 * Writes BGP messages as bytes (the inverse of {@link BgpMessageReader}). Pure. A message that
 * cannot be encoded (too long, a 4-octet ASN in a 2-octet AS_PATH) is a programming error of the
 * caller and throws {@link IllegalArgumentException}; the planner sizes UPDATEs so this never
 * happens in a session.
 */
public final class BgpMessageWriter {
  private static final int OPTIONAL_PARAMETER_CAPABILITIES = 2; // RFC 5492 §4

  private BgpMessageWriter() {}

  /** The bytes of {@code message}. */
  public static byte[] toBytes(BgpMessage message, boolean fourOctetAs) {
    ByteBuf out = Unpooled.buffer();
    try {
      write(message, out, fourOctetAs);
      return ByteBufUtil.getBytes(out);
    } finally {
      out.release();
    }
  }

  /**
   * Appends {@code message} to {@code out}, header included.
   *
   * @param fourOctetAs whether AS_PATH carries 4-octet ASNs
   */
  public static void write(BgpMessage message, ByteBuf out, boolean fourOctetAs) {
    int start = out.writerIndex();
    for (int i = 0; i < Wire.MARKER_LENGTH; i++) {
      out.writeByte(0xff);
    }
    out.writeShort(0); // length, patched below
    out.writeByte(message.type().code());
    switch (message) {
      case Open open -> writeOpen(open, out);
      case Update update -> writeUpdate(update, out, fourOctetAs);
      case Notification n -> out.writeByte(n.code()).writeByte(n.subcode()).writeBytes(n.data().bytes());
      case Keepalive k -> { }
      case RouteRefresh r -> out.writeShort(r.afi()).writeByte(r.subtype()).writeByte(r.safi());
    }
    int length = out.writerIndex() - start;
    if (length > Wire.MAX_MESSAGE_LENGTH) {
      out.writerIndex(start);
      throw new IllegalArgumentException(message.type() + " of " + length + " bytes exceeds " + Wire.MAX_MESSAGE_LENGTH);
    }
    out.setShort(start + Wire.LENGTH_OFFSET, length);
  }

  /** The encoded size of {@code message}. */
  public static int size(BgpMessage message, boolean fourOctetAs) {
    return toBytes(message, fourOctetAs).length;
  }

  /** Bytes one prefix takes in NLRI/withdrawn encoding (RFC 4271 §4.3). */
  public static int prefixSize(Cidr prefix) {
    return 1 + (prefix.prefixLength() + 7) / 8;
  }

  private static void writeOpen(Open open, ByteBuf out) {
    out.writeByte(open.version()).writeShort(open.myAs()).writeShort(open.holdTimeSeconds()).writeInt((int) open.bgpIdentifier());
    int parametersLengthAt = out.writerIndex();
    out.writeByte(0);
    if (!open.capabilities().isEmpty()) {
      out.writeByte(OPTIONAL_PARAMETER_CAPABILITIES);
      int parameterLengthAt = out.writerIndex();
      out.writeByte(0);
      for (Capability c : open.capabilities()) {
        out.writeByte(c.code());
        int capabilityLengthAt = out.writerIndex();
        out.writeByte(0);
        writeCapabilityValue(c, out);
        out.setByte(capabilityLengthAt, checkedByte(out.writerIndex() - capabilityLengthAt - 1));
      }
      out.setByte(parameterLengthAt, checkedByte(out.writerIndex() - parameterLengthAt - 1));
    }
    out.setByte(parametersLengthAt, checkedByte(out.writerIndex() - parametersLengthAt - 1));
  }

  private static void writeCapabilityValue(Capability capability, ByteBuf out) {
    switch (capability) {
      case Capability.Multiprotocol m -> out.writeShort(m.afi()).writeByte(0).writeByte(m.safi());
      case Capability.RouteRefreshSupport r -> { }
      case Capability.ExtendedNextHop e -> {
        for (Capability.NextHopEncoding t : e.entries()) {
          out.writeShort(t.nlriAfi()).writeShort(t.nlriSafi()).writeShort(t.nextHopAfi());
        }
      }
      case Capability.FourOctetAs f -> out.writeInt((int) f.asn());
      case Capability.GracefulRestart g -> {
        out.writeShort((g.restarting() ? 0x8000 : 0) | g.restartTimeSeconds());
        for (Capability.GracefulRestartFamily f : g.families()) {
          out.writeShort(f.afi()).writeByte(f.safi()).writeByte(f.forwardingPreserved() ? 0x80 : 0);
        }
      }
      case Capability.Unknown u -> out.writeBytes(u.value().bytes());
    }
  }

  private static void writeUpdate(Update update, ByteBuf out, boolean fourOctetAs) {
    int withdrawnAt = out.writerIndex();
    out.writeShort(0);
    writePrefixes(update.withdrawn(), out);
    out.setShort(withdrawnAt, out.writerIndex() - withdrawnAt - 2);
    int attributesAt = out.writerIndex();
    out.writeShort(0);
    for (PathAttribute a : update.attributes()) {
      writeAttribute(a, out, fourOctetAs);
    }
    out.setShort(attributesAt, out.writerIndex() - attributesAt - 2);
    writePrefixes(update.nlri(), out);
  }

  private static void writeAttribute(PathAttribute attribute, ByteBuf out, boolean fourOctetAs) {
    ByteBuf value = Unpooled.buffer();
    try {
      writeAttributeValue(attribute, value, fourOctetAs);
      int length = value.readableBytes();
      boolean extended = length > 255;
      out.writeByte(attribute.flags() | (extended ? PathAttribute.EXTENDED_LENGTH : 0)).writeByte(attribute.typeCode());
      if (extended) {
        out.writeShort(length);
      } else {
        out.writeByte(length);
      }
      out.writeBytes(value);
    } finally {
      value.release();
    }
  }

  private static void writeAttributeValue(PathAttribute attribute, ByteBuf out, boolean fourOctetAs) {
    switch (attribute) {
      case PathAttribute.Origin o -> out.writeByte(o.origin().code());
      case PathAttribute.AsPath p -> {
        for (PathAttribute.Segment s : p.segments()) {
          out.writeByte(s.type().code()).writeByte(s.asns().size());
          for (long asn : s.asns()) {
            if (fourOctetAs) {
              out.writeInt((int) asn);
            } else if (asn > 0xffff) {
              throw new IllegalArgumentException("ASN " + asn + " needs 4 octets but the peer lacks RFC 6793 support");
            } else {
              out.writeShort((int) asn);
            }
          }
        }
      }
      case PathAttribute.NextHop n -> out.writeBytes(n.address().toBytes());
      case PathAttribute.LocalPref l -> out.writeInt((int) l.value());
      case PathAttribute.Communities c -> c.values().forEach(v -> out.writeInt(v.intValue()));
      case PathAttribute.LargeCommunities l -> l.values().forEach(v -> out.writeInt((int) v.globalAdministrator())
          .writeInt((int) v.localData1()).writeInt((int) v.localData2()));
      case PathAttribute.MpReach r -> {
        out.writeShort(r.family().afi()).writeByte(r.family().safi());
        // IPv6 next hops are 16 bytes each, also for IPv4 NLRI (RFC 8950 §3, RFC 2545 §3)
        int width = r.family().addressBytes() == 16 || r.nextHops().stream().anyMatch(a -> !a.isIpv4()) ? 16 : 4;
        out.writeByte(r.nextHops().size() * width);
        for (IpAddress nextHop : r.nextHops()) {
          out.writeBytes(width == 16 ? nextHop.to16() : nextHop.toBytes());
        }
        out.writeByte(0); // Reserved (RFC 4760 §3)
        writePrefixes(r.nlri(), out);
      }
      case PathAttribute.MpUnreach u -> {
        out.writeShort(u.family().afi()).writeByte(u.family().safi());
        writePrefixes(u.withdrawn(), out);
      }
      case PathAttribute.Unknown u -> out.writeBytes(u.value().bytes());
    }
  }

  private static void writePrefixes(List<Cidr> prefixes, ByteBuf out) {
    for (Cidr p : prefixes) {
      out.writeByte(p.prefixLength());
      out.writeBytes(p.network().toBytes(), 0, (p.prefixLength() + 7) / 8);
    }
  }

  private static int checkedByte(int value) {
    if (value > 255) {
      throw new IllegalArgumentException("OPEN parameters exceed 255 bytes");
    }
    return value;
  }
}
