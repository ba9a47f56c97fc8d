package io.metallb.speaker.bgp.codec;

import io.metallb.net.Cidr;
import io.metallb.net.IpAddress;
import io.metallb.speaker.bgp.message.BgpError;
import io.metallb.speaker.bgp.message.BgpMessage;
import io.metallb.speaker.bgp.message.Capability;
import io.metallb.speaker.bgp.message.Family;
import io.metallb.speaker.bgp.message.Keepalive;
import io.metallb.speaker.bgp.message.MessageType;
import io.metallb.speaker.bgp.message.Notification;
import io.metallb.speaker.bgp.message.Octets;
import io.metallb.speaker.bgp.message.Open;
import io.metallb.speaker.bgp.message.PathAttribute;
import io.metallb.speaker.bgp.message.RouteRefresh;
import io.metallb.speaker.bgp.message.Update;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Parses BGP messages from bytes (RFC 4271 §4, §6; RFC 4760, 5492, 6793, 1997, 8092, 2918, 4724).
 * Pure: no channel, no state. Malformed input never throws; it becomes {@link Decoded.Malformed}
 * with the NOTIFICATION RFC 4271 §6 prescribes.
 */
public final class BgpMessageReader {
  private static final int OPTIONAL_PARAMETER_CAPABILITIES = 2; // RFC 5492 §4

  private BgpMessageReader() {}

  /**
   * The total length of the message at the start of {@code in}, checking marker and length field
   * (RFC 4271 §6.1); empty when fewer than 19 bytes are readable. Does not move the reader index.
   *
   * @throws MalformedMessageException with 1/1 or 1/2 when the header is bad
   */
  static Optional<Integer> frameLength(ByteBuf in) throws MalformedMessageException {
    if (in.readableBytes() < Wire.HEADER_LENGTH) {
      return Optional.empty();
    }
    int start = in.readerIndex();
    for (int i = 0; i < Wire.MARKER_LENGTH; i++) {
      if (in.getByte(start + i) != (byte) 0xff) {
        throw new MalformedMessageException(BgpError.CONNECTION_NOT_SYNCHRONIZED);
      }
    }
    int length = in.getUnsignedShort(start + Wire.LENGTH_OFFSET);
    if (length < Wire.HEADER_LENGTH || length > Wire.MAX_MESSAGE_LENGTH) {
      throw new MalformedMessageException(BgpError.BAD_MESSAGE_LENGTH, (byte) (length >> 8), (byte) length);
    }
    return Optional.of(length);
  }

  /**
   * Reads one whole message: {@code frame} holds exactly its bytes, header included. Consumes the
   * frame. The caller keeps ownership of the buffer.
   *
   * @param fourOctetAs whether AS_PATH carries 4-octet ASNs (both sides sent capability 65)
   */
  public static Decoded read(ByteBuf frame, boolean fourOctetAs) {
    try {
      return new Decoded.Message(readMessage(frame, fourOctetAs));
    } catch (MalformedMessageException e) {
      return new Decoded.Malformed(e.notification());
    } catch (IndexOutOfBoundsException | IllegalArgumentException e) {
      // Contract: nothing escapes the reader. Bounds are checked above; this only guards reader bugs.
      return new Decoded.Malformed(BgpError.MESSAGE_HEADER_ERROR.notification());
    } finally {
      frame.skipBytes(frame.readableBytes());
    }
  }

  private static BgpMessage readMessage(ByteBuf frame, boolean fourOctetAs) throws MalformedMessageException {
    Optional<Integer> length = frameLength(frame);
    if (length.isEmpty() || length.get() != frame.readableBytes()) {
      int declared = frame.readableBytes() >= Wire.HEADER_LENGTH ? frame.getUnsignedShort(frame.readerIndex() + Wire.LENGTH_OFFSET) : 0;
      throw new MalformedMessageException(BgpError.BAD_MESSAGE_LENGTH, (byte) (declared >> 8), (byte) declared);
    }
    frame.skipBytes(Wire.MARKER_LENGTH + 2);
    int typeCode = frame.readUnsignedByte();
    MessageType type = MessageType.of(typeCode)
        .orElseThrow(() -> new MalformedMessageException(BgpError.BAD_MESSAGE_TYPE, (byte) typeCode));
    int total = length.get();
    boolean lengthOk = switch (type) {
      case OPEN -> total >= Wire.MIN_OPEN_LENGTH;
      case UPDATE -> total >= Wire.MIN_UPDATE_LENGTH;
      case NOTIFICATION -> total >= Wire.MIN_NOTIFICATION_LENGTH;
      case KEEPALIVE -> total == Wire.HEADER_LENGTH;
      case ROUTE_REFRESH -> total == Wire.ROUTE_REFRESH_LENGTH;
    };
    if (!lengthOk) {
      throw new MalformedMessageException(BgpError.BAD_MESSAGE_LENGTH, (byte) (total >> 8), (byte) total);
    }
    return switch (type) {
      case OPEN -> readOpen(frame);
      case UPDATE -> readUpdate(frame, fourOctetAs);
      case NOTIFICATION -> new Notification(frame.readUnsignedByte(), frame.readUnsignedByte(), octets(frame, frame.readableBytes()));
      case KEEPALIVE -> Keepalive.INSTANCE;
      case ROUTE_REFRESH -> new RouteRefresh(frame.readUnsignedShort(), frame.readUnsignedByte(), frame.readUnsignedByte());
    };
  }

  private static Open readOpen(ByteBuf in) throws MalformedMessageException {
    int version = in.readUnsignedByte();
    if (version != Open.VERSION) {
      throw new MalformedMessageException(BgpError.UNSUPPORTED_VERSION_NUMBER, (byte) 0, (byte) Open.VERSION);
    }
    int myAs = in.readUnsignedShort();
    int hold = in.readUnsignedShort();
    if (hold == 1 || hold == 2) {
      throw new MalformedMessageException(BgpError.UNACCEPTABLE_HOLD_TIME); // RFC 4271 §6.2
    }
    long identifier = in.readUnsignedInt();
    if (identifier == 0) {
      throw new MalformedMessageException(BgpError.BAD_BGP_IDENTIFIER); // RFC 6286 §2.2
    }
    int parametersLength = in.readUnsignedByte();
    if (parametersLength != in.readableBytes()) {
      throw new MalformedMessageException(BgpError.OPEN_MESSAGE_ERROR);
    }
    List<Capability> capabilities = new ArrayList<>();
    while (in.isReadable()) {
      need(in, 2, BgpError.OPEN_MESSAGE_ERROR);
      int parameterType = in.readUnsignedByte();
      int parameterLength = in.readUnsignedByte();
      need(in, parameterLength, BgpError.OPEN_MESSAGE_ERROR);
      ByteBuf parameter = in.readSlice(parameterLength);
      if (parameterType != OPTIONAL_PARAMETER_CAPABILITIES) {
        throw new MalformedMessageException(BgpError.UNSUPPORTED_OPTIONAL_PARAMETER);
      }
      while (parameter.isReadable()) {
        need(parameter, 2, BgpError.OPEN_MESSAGE_ERROR);
        int code = parameter.readUnsignedByte();
        int capabilityLength = parameter.readUnsignedByte();
        need(parameter, capabilityLength, BgpError.OPEN_MESSAGE_ERROR);
        capabilities.add(readCapability(code, parameter.readSlice(capabilityLength)));
      }
    }
    return new Open(version, myAs, hold, identifier, capabilities);
  }

  private static Capability readCapability(int code, ByteBuf value) throws MalformedMessageException {
    int length = value.readableBytes();
    switch (code) {
      case Capability.MULTIPROTOCOL -> {
        if (length == 4) {
          int afi = value.readUnsignedShort();
          value.skipBytes(1);
          return new Capability.Multiprotocol(afi, value.readUnsignedByte());
        }
      }
      case Capability.ROUTE_REFRESH -> {
        if (length == 0) {
          return new Capability.RouteRefreshSupport();
        }
      }
      case Capability.EXTENDED_NEXT_HOP -> {
        if (length > 0 && length % 6 == 0) {
          List<Capability.NextHopEncoding> entries = new ArrayList<>();
          while (value.isReadable()) {
            entries.add(new Capability.NextHopEncoding(value.readUnsignedShort(), value.readUnsignedShort(), value.readUnsignedShort()));
          }
          return new Capability.ExtendedNextHop(entries);
        }
      }
      case Capability.FOUR_OCTET_AS -> {
        if (length == 4) {
          return new Capability.FourOctetAs(value.readUnsignedInt());
        }
      }
      case Capability.GRACEFUL_RESTART -> {
        if (length >= 2 && (length - 2) % 4 == 0) {
          int flagsAndTime = value.readUnsignedShort();
          List<Capability.GracefulRestartFamily> families = new ArrayList<>();
          while (value.isReadable()) {
            int afi = value.readUnsignedShort();
            int safi = value.readUnsignedByte();
            families.add(new Capability.GracefulRestartFamily(afi, safi, (value.readUnsignedByte() & 0x80) != 0));
          }
          return new Capability.GracefulRestart((flagsAndTime & 0x8000) != 0, flagsAndTime & 0xfff, families);
        }
      }
      default -> {
        return new Capability.Unknown(code, octets(value, length));
      }
    }
    throw new MalformedMessageException(BgpError.OPEN_MESSAGE_ERROR);
  }

  private static Update readUpdate(ByteBuf in, boolean fourOctetAs) throws MalformedMessageException {
    int withdrawnLength = in.readUnsignedShort();
    need(in, withdrawnLength + 2, BgpError.MALFORMED_ATTRIBUTE_LIST);
    List<Cidr> withdrawn = readPrefixes(in.readSlice(withdrawnLength), Family.IPV4_UNICAST);
    int attributesLength = in.readUnsignedShort();
    need(in, attributesLength, BgpError.MALFORMED_ATTRIBUTE_LIST);
    ByteBuf attributeBytes = in.readSlice(attributesLength);
    List<PathAttribute> attributes = new ArrayList<>();
    Set<Integer> seen = new HashSet<>();
    while (attributeBytes.isReadable()) {
      int start = attributeBytes.readerIndex();
      need(attributeBytes, 2, BgpError.MALFORMED_ATTRIBUTE_LIST);
      int flags = attributeBytes.readUnsignedByte();
      int type = attributeBytes.readUnsignedByte();
      boolean extended = (flags & PathAttribute.EXTENDED_LENGTH) != 0;
      need(attributeBytes, extended ? 2 : 1, BgpError.MALFORMED_ATTRIBUTE_LIST);
      int length = extended ? attributeBytes.readUnsignedShort() : attributeBytes.readUnsignedByte();
      if (attributeBytes.readableBytes() < length) {
        throw new MalformedMessageException(BgpError.ATTRIBUTE_LENGTH_ERROR,
            ByteBufUtil.getBytes(attributeBytes, start, attributeBytes.writerIndex() - start));
      }
      if (!seen.add(type)) {
        throw new MalformedMessageException(BgpError.MALFORMED_ATTRIBUTE_LIST); // RFC 4271 §6.3
      }
      ByteBuf value = attributeBytes.readSlice(length);
      byte[] whole = ByteBufUtil.getBytes(attributeBytes, start, attributeBytes.readerIndex() - start);
      attributes.add(readAttribute(flags, type, value, whole, fourOctetAs));
    }
    List<Cidr> nlri = readPrefixes(in, Family.IPV4_UNICAST);
    if (!nlri.isEmpty()) {
      for (int required : List.of(PathAttribute.ORIGIN, PathAttribute.AS_PATH, PathAttribute.NEXT_HOP)) {
        if (!seen.contains(required)) {
          throw new MalformedMessageException(BgpError.MISSING_WELL_KNOWN_ATTRIBUTE, (byte) required);
        }
      }
    }
    return new Update(withdrawn, attributes, nlri);
  }

  private static PathAttribute readAttribute(int flags, int type, ByteBuf value, byte[] whole, boolean fourOctetAs)
      throws MalformedMessageException {
    int length = value.readableBytes();
    boolean wellKnown = type == PathAttribute.ORIGIN || type == PathAttribute.AS_PATH
        || type == PathAttribute.NEXT_HOP || type == PathAttribute.LOCAL_PREF;
    int kindFlags = flags & (PathAttribute.OPTIONAL | PathAttribute.TRANSITIVE);
    if (wellKnown && kindFlags != PathAttribute.TRANSITIVE) {
      throw new MalformedMessageException(BgpError.ATTRIBUTE_FLAGS_ERROR, whole); // RFC 4271 §6.3
    }
    switch (type) {
      case PathAttribute.ORIGIN -> {
        requireLength(length == 1, whole);
        int origin = value.readUnsignedByte();
        for (PathAttribute.OriginType o : PathAttribute.OriginType.values()) {
          if (o.code() == origin) {
            return new PathAttribute.Origin(o);
          }
        }
        throw new MalformedMessageException(BgpError.INVALID_ORIGIN_ATTRIBUTE, whole);
      }
      case PathAttribute.AS_PATH -> {
        return readAsPath(value, fourOctetAs);
      }
      case PathAttribute.NEXT_HOP -> {
        requireLength(length == 4, whole);
        return new PathAttribute.NextHop(IpAddress.ofBytes(ByteBufUtil.getBytes(value)));
      }
      case PathAttribute.LOCAL_PREF -> {
        requireLength(length == 4, whole);
        return new PathAttribute.LocalPref(value.readUnsignedInt());
      }
      case PathAttribute.COMMUNITIES -> {
        requireLength(length % 4 == 0, whole);
        List<Long> values = new ArrayList<>();
        while (value.isReadable()) {
          values.add(value.readUnsignedInt());
        }
        return new PathAttribute.Communities(values);
      }
      case PathAttribute.LARGE_COMMUNITIES -> {
        requireLength(length % 12 == 0 && length > 0, whole);
        List<PathAttribute.LargeCommunity> values = new ArrayList<>();
        while (value.isReadable()) {
          values.add(new PathAttribute.LargeCommunity(value.readUnsignedInt(), value.readUnsignedInt(), value.readUnsignedInt()));
        }
        return new PathAttribute.LargeCommunities(values);
      }
      case PathAttribute.MP_REACH_NLRI -> {
        return readMpReach(flags, value, whole);
      }
      case PathAttribute.MP_UNREACH_NLRI -> {
        requireLength(length >= 3, whole);
        int afi = value.readUnsignedShort();
        int safi = value.readUnsignedByte();
        Optional<Family> family = Family.of(afi, safi);
        if (family.isEmpty()) {
          return new PathAttribute.Unknown(flags, PathAttribute.MP_UNREACH_NLRI, Octets.of(ByteBufUtil.getBytes(value, 0, length)));
        }
        return new PathAttribute.MpUnreach(family.get(), readPrefixes(value, family.get()));
      }
      default -> {
        if ((flags & PathAttribute.OPTIONAL) == 0) {
          throw new MalformedMessageException(BgpError.UNRECOGNIZED_WELL_KNOWN_ATTRIBUTE, whole);
        }
        return new PathAttribute.Unknown(flags, type, octets(value, length));
      }
    }
  }

  private static PathAttribute readMpReach(int flags, ByteBuf value, byte[] whole) throws MalformedMessageException {
    int length = value.readableBytes();
    requireLength(length >= 5, whole);
    int afi = value.readUnsignedShort();
    int safi = value.readUnsignedByte();
    Optional<Family> family = Family.of(afi, safi);
    if (family.isEmpty()) {
      return new PathAttribute.Unknown(flags, PathAttribute.MP_REACH_NLRI, Octets.of(ByteBufUtil.getBytes(value, 0, length)));
    }
    int nextHopLength = value.readUnsignedByte();
    int size = family.get().addressBytes();
    if (family.get() == Family.IPV4_UNICAST && (nextHopLength == 16 || nextHopLength == 32)) {
      size = 16; // an IPv6 next hop for IPv4 NLRI (RFC 8950 §3), as RFC 2545 §3 encodes it
    }
    if ((nextHopLength != size && nextHopLength != 2 * size) || value.readableBytes() < nextHopLength + 1) {
      throw new MalformedMessageException(BgpError.OPTIONAL_ATTRIBUTE_ERROR, whole); // RFC 4760 §7
    }
    List<IpAddress> nextHops = new ArrayList<>();
    for (int i = 0; i < nextHopLength / size; i++) {
      nextHops.add(IpAddress.ofBytes(ByteBufUtil.getBytes(value.readSlice(size))));
    }
    value.skipBytes(1); // Reserved (RFC 4760 §3)
    return new PathAttribute.MpReach(family.get(), nextHops, readPrefixes(value, family.get()));
  }

  private static PathAttribute.AsPath readAsPath(ByteBuf value, boolean fourOctetAs) throws MalformedMessageException {
    int asnSize = fourOctetAs ? 4 : 2;
    List<PathAttribute.Segment> segments = new ArrayList<>();
    while (value.isReadable()) {
      need(value, 2, BgpError.MALFORMED_AS_PATH);
      int typeCode = value.readUnsignedByte();
      int count = value.readUnsignedByte();
      PathAttribute.SegmentType type = null;
      for (PathAttribute.SegmentType t : PathAttribute.SegmentType.values()) {
        if (t.code() == typeCode) {
          type = t;
        }
      }
      if (type == null || count == 0) {
        throw new MalformedMessageException(BgpError.MALFORMED_AS_PATH);
      }
      need(value, count * asnSize, BgpError.MALFORMED_AS_PATH);
      List<Long> asns = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        asns.add(fourOctetAs ? value.readUnsignedInt() : value.readUnsignedShort());
      }
      segments.add(new PathAttribute.Segment(type, asns));
    }
    return new PathAttribute.AsPath(segments);
  }

  /** Reads prefixes in the RFC 4271 §4.3 encoding until {@code in} is empty. */
  private static List<Cidr> readPrefixes(ByteBuf in, Family family) throws MalformedMessageException {
    BgpError error = family == Family.IPV4_UNICAST ? BgpError.INVALID_NETWORK_FIELD : BgpError.OPTIONAL_ATTRIBUTE_ERROR;
    List<Cidr> prefixes = new ArrayList<>();
    int maxBits = family.addressBytes() * 8;
    while (in.isReadable()) {
      int bits = in.readUnsignedByte();
      int bytes = (bits + 7) / 8;
      if (bits > maxBits) {
        throw new MalformedMessageException(error);
      }
      need(in, bytes, error);
      byte[] address = new byte[family.addressBytes()];
      in.readBytes(address, 0, bytes);
      IpAddress network = IpAddress.ofBytes(address);
      if (network.bitLength() != maxBits) {
        throw new MalformedMessageException(error); // an IPv4-mapped IPv6 prefix: not carried here
      }
      prefixes.add(new Cidr(network, bits));
    }
    return prefixes;
  }

  private static void requireLength(boolean ok, byte[] whole) throws MalformedMessageException {
    if (!ok) {
      throw new MalformedMessageException(BgpError.ATTRIBUTE_LENGTH_ERROR, whole);
    }
  }

  private static void need(ByteBuf in, int bytes, BgpError error) throws MalformedMessageException {
    if (in.readableBytes() < bytes) {
      throw new MalformedMessageException(error);
    }
  }

  private static Octets octets(ByteBuf in, int length) {
    byte[] bytes = new byte[length];
    in.readBytes(bytes);
    return new Octets(bytes);
  }
}
