package io.metallb.speaker.bgp.message;

import io.metallb.net.Cidr;
import io.metallb.net.IpAddress;
import java.util.List;

/** A path attribute of an UPDATE (RFC 4271 §4.3, §5). */
public sealed interface PathAttribute {
  /** Attribute flag: optional (RFC 4271 §4.3). */
  int OPTIONAL = 0x80;
  /** Attribute flag: transitive. */
  int TRANSITIVE = 0x40;
  /** Attribute flag: partial. */
  int PARTIAL = 0x20;
  /** Attribute flag: the length field has two octets. */
  int EXTENDED_LENGTH = 0x10;

  /** ORIGIN, type 1 (RFC 4271 §5.1.1). */
  int ORIGIN = 1;
  /** AS_PATH, type 2 (RFC 4271 §5.1.2). */
  int AS_PATH = 2;
  /** NEXT_HOP, type 3 (RFC 4271 §5.1.3). */
  int NEXT_HOP = 3;
  /** MULTI_EXIT_DISC, type 4 (RFC 4271 §5.1.4); kept as {@link Unknown}. */
  int MULTI_EXIT_DISC = 4;
  /** LOCAL_PREF, type 5 (RFC 4271 §5.1.5). */
  int LOCAL_PREF = 5;
  /** COMMUNITIES, type 8 (RFC 1997). */
  int COMMUNITIES = 8;
  /** MP_REACH_NLRI, type 14 (RFC 4760 §3). */
  int MP_REACH_NLRI = 14;
  /** MP_UNREACH_NLRI, type 15 (RFC 4760 §4). */
  int MP_UNREACH_NLRI = 15;
  /** LARGE_COMMUNITY, type 32 (RFC 8092 §3). */
  int LARGE_COMMUNITIES = 32;

  /** The attribute type code. */
  int typeCode();

  /** The flags written for this attribute (without the extended-length bit, which the writer sets). */
  int flags();

  /** ORIGIN values (RFC 4271 §4.3). Append only — wire codes. */
  enum OriginType {
    IGP(0), EGP(1), INCOMPLETE(2);

    private final int code;

    OriginType(int code) {
      this.code = code;
    }

    /** The wire value. */
    public int code() {
      return code;
    }
  }

  /**
   * ORIGIN.
   *
   * @param origin the origin
   */
  record Origin(OriginType origin) implements PathAttribute {
    @Override
    public int typeCode() {
      return ORIGIN;
    }

    @Override
    public int flags() {
      return TRANSITIVE;
    }
  }

  /** AS_PATH segment types (RFC 4271 §4.3, RFC 5065 §3). Append only — wire codes. */
  enum SegmentType {
    AS_SET(1), AS_SEQUENCE(2), AS_CONFED_SEQUENCE(3), AS_CONFED_SET(4);

    private final int code;

    SegmentType(int code) {
      this.code = code;
    }

    /** The wire value. */
    public int code() {
      return code;
    }
  }

  /**
   * One AS_PATH segment.
   *
   * @param type segment type
   * @param asns 1..255 AS numbers
   */
  record Segment(SegmentType type, List<Long> asns) {
    /** Checks the count and copies the list. */
    public Segment {
      if (asns.isEmpty() || asns.size() > 255) {
        throw new IllegalArgumentException("an AS_PATH segment holds 1..255 ASNs, not " + asns.size());
      }
      asns = List.copyOf(asns);
    }
  }

  /**
   * AS_PATH; encoded with 2- or 4-octet ASNs as the session negotiated (RFC 6793 §4).
   *
   * @param segments the segments, leftmost first
   */
  record AsPath(List<Segment> segments) implements PathAttribute {
    /** Copies the list. */
    public AsPath {
      segments = List.copyOf(segments);
    }

    /** The empty AS_PATH of iBGP, or a one-ASN AS_SEQUENCE. */
    public static AsPath originatedBy(long asn, boolean internal) {
      return internal ? new AsPath(List.of()) : new AsPath(List.of(new Segment(SegmentType.AS_SEQUENCE, List.of(asn))));
    }

    @Override
    public int typeCode() {
      return AS_PATH;
    }

    @Override
    public int flags() {
      return TRANSITIVE;
    }
  }

  /**
   * NEXT_HOP (IPv4).
   *
   * @param address an IPv4 address
   */
  record NextHop(IpAddress address) implements PathAttribute {
    /** Checks the family. */
    public NextHop {
      if (!address.isIpv4()) {
        throw new IllegalArgumentException("NEXT_HOP is IPv4: " + address);
      }
    }

    @Override
    public int typeCode() {
      return NEXT_HOP;
    }

    @Override
    public int flags() {
      return TRANSITIVE;
    }
  }

  /**
   * LOCAL_PREF.
   *
   * @param value 0..2^32-1
   */
  record LocalPref(long value) implements PathAttribute {
    @Override
    public int typeCode() {
      return LOCAL_PREF;
    }

    @Override
    public int flags() {
      return TRANSITIVE;
    }
  }

  /**
   * COMMUNITIES.
   *
   * @param values each community as an unsigned 32-bit value (AA × 65536 + NN)
   */
  record Communities(List<Long> values) implements PathAttribute {
    /** Copies the list. */
    public Communities {
      values = List.copyOf(values);
    }

    @Override
    public int typeCode() {
      return COMMUNITIES;
    }

    @Override
    public int flags() {
      return OPTIONAL | TRANSITIVE;
    }
  }

  /**
   * One large community (RFC 8092 §3).
   *
   * @param globalAdministrator 32 bits
   * @param localData1 32 bits
   * @param localData2 32 bits
   */
  record LargeCommunity(long globalAdministrator, long localData1, long localData2) {}

  /**
   * LARGE_COMMUNITY.
   *
   * @param values the communities
   */
  record LargeCommunities(List<LargeCommunity> values) implements PathAttribute {
    /** Copies the list. */
    public LargeCommunities {
      values = List.copyOf(values);
    }

    @Override
    public int typeCode() {
      return LARGE_COMMUNITIES;
    }

    @Override
    public int flags() {
      return OPTIONAL | TRANSITIVE;
    }
  }

  /**
   * MP_REACH_NLRI (RFC 4760 §3) for a family this speaker knows.
   *
   * @param family the AFI/SAFI
   * @param nextHops one global next hop, optionally followed by a link-local one (RFC 2545 §3); for
   *     IPv4 NLRI IPv4 next hops, or IPv6 ones where the extended next hop capability was exchanged
   *     (RFC 8950 §3); unnumbered sessions send our link-local address alone
   * @param nlri the reachable prefixes
   */
  record MpReach(Family family, List<IpAddress> nextHops, List<Cidr> nlri) implements PathAttribute {
    /** Copies the lists. */
    public MpReach {
      nextHops = List.copyOf(nextHops);
      nlri = List.copyOf(nlri);
    }

    @Override
    public int typeCode() {
      return MP_REACH_NLRI;
    }

    @Override
    public int flags() {
      return OPTIONAL;
    }
  }

  /**
   * MP_UNREACH_NLRI (RFC 4760 §4); with no prefixes it is the End-of-RIB marker (RFC 4724 §2).
   *
   * @param family the AFI/SAFI
   * @param withdrawn the withdrawn prefixes
   */
  record MpUnreach(Family family, List<Cidr> withdrawn) implements PathAttribute {
    /** Copies the list. */
    public MpUnreach {
      withdrawn = List.copyOf(withdrawn);
    }

    @Override
    public int typeCode() {
      return MP_UNREACH_NLRI;
    }

    @Override
    public int flags() {
      return OPTIONAL;
    }
  }

  /**
   * An attribute this speaker does not interpret (or MP attributes of unknown families), kept with
   * its flags (extended-length bit cleared) and value.
   *
   * @param flags the attribute flags
   * @param typeCode the type code
   * @param value the value
   */
  record Unknown(int flags, int typeCode, Octets value) implements PathAttribute {
    /** Clears the extended-length bit, which only describes the encoding. */
    public Unknown {
      flags = flags & ~EXTENDED_LENGTH & 0xff;
    }
  }
}
