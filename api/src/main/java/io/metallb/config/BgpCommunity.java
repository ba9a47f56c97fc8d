package io.metallb.config;

import java.util.Optional;

/**
 * A BGP community: standard (RFC 1997, {@code AA:NN}) or large (RFC 8092, written
 * {@code large:G:L1:L2}). Ordered as MetalLB orders them: a standard community {@code A:B} sorts as
 * the large community {@code (A<<16|B):0:0}.
 */
public sealed interface BgpCommunity extends Comparable<BgpCommunity> {
  /** {@code ErrInvalidCommunityValue}'s text. */
  String INVALID_VALUE = "invalid community value";
  /** {@code ErrInvalidCommunityFormat}'s text. */
  String INVALID_FORMAT = "invalid community format";

  /** The three 32-bit words used for ordering. */
  long[] orderKey();

  /** A standard community of two 16-bit halves. */
  record Standard(int upper, int lower) implements BgpCommunity {
    public long toUint32() {
      return ((long) upper << 16) | lower;
    }

    @Override
    public long[] orderKey() {
      return new long[] {toUint32(), 0, 0};
    }

    @Override
    public String toString() {
      return upper + ":" + lower;
    }
  }

  /** A large community of three 32-bit words. */
  record Large(long globalAdministrator, long localData1, long localData2) implements BgpCommunity {
    @Override
    public long[] orderKey() {
      return new long[] {globalAdministrator, localData1, localData2};
    }

    /** MetalLB prints large communities without the {@code large:} marker. */
    @Override
    public String toString() {
      return globalAdministrator + ":" + localData1 + ":" + localData2;
    }
  }

  @Override
  default int compareTo(BgpCommunity other) {
    long[] a = orderKey();
    long[] b = other.orderKey();
    for (int i = 0; i < 3; i++) {
      int c = Long.compare(a[i], b[i]);
      if (c != 0) {
        return c;
      }
    }
    return 0;
  }

  /** Why a text is not a community; {@code formatError} means it may be an alias name instead. */
  record ParseError(String message, boolean formatError) {}

  /** Parses like MetalLB's {@code community.New}. */
  static Parsed parse(String text) {
    String[] parts = text.split(":", -1);
    if (parts.length == 2) {
      Optional<Long> upper = unsigned(parts[0], 0xffffL);
      if (upper.isEmpty()) {
        return new Parsed(null, new ParseError(sectionError(parts[0], text, 16), false));
      }
      Optional<Long> lower = unsigned(parts[1], 0xffffL);
      if (lower.isEmpty()) {
        return new Parsed(null, new ParseError(sectionError(parts[1], text, 16), false));
      }
      return new Parsed(new Standard(upper.get().intValue(), lower.get().intValue()), null);
    }
    if (parts.length == 4) {
      if (!parts[0].equals("large")) {
        return new Parsed(null, new ParseError(INVALID_VALUE + ": invalid marker for large community, expected community to be of format large:<uint32>:<uint32>:<uint32> but got " + GoFormat.quote(text) + " instead", false));
      }
      long[] words = new long[3];
      for (int i = 0; i < 3; i++) {
        Optional<Long> w = unsigned(parts[i + 1], 0xffffffffL);
        if (w.isEmpty()) {
          return new Parsed(null, new ParseError(sectionError(parts[i + 1], text, 32), false));
        }
        words[i] = w.get();
      }
      return new Parsed(new Large(words[0], words[1], words[2]), null);
    }
    return new Parsed(null, new ParseError(INVALID_FORMAT + ": " + text, true));
  }

  /** Either a community or why the text is not one. */
  record Parsed(BgpCommunity community, ParseError error) {}

  private static String sectionError(String section, String text, int bits) {
    String cause = unsigned(section, Long.MAX_VALUE).isPresent() || section.matches("[0-9]{19,}")
        ? "strconv.ParseUint: parsing " + GoFormat.quote(section) + ": value out of range"
        : "strconv.ParseUint: parsing " + GoFormat.quote(section) + ": invalid syntax";
    return INVALID_VALUE + ": invalid section " + GoFormat.quote(section) + " of community " + GoFormat.quote(text) + ", err: " + GoFormat.quote(cause);
  }

  /** Go's {@code strconv.ParseUint(s, 10, bits)} within {@code max}. */
  private static Optional<Long> unsigned(String s, long max) {
    if (s.isEmpty() || !s.chars().allMatch(c -> c >= '0' && c <= '9')) {
      return Optional.empty();
    }
    if (s.length() > 18) {
      return Optional.empty();
    }
    long v = Long.parseLong(s);
    return v <= max ? Optional.of(v) : Optional.empty();
  }
}
