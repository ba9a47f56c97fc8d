package io.metallb.net;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.Optional;

/**
 * An IPv4 or IPv6 address, immutable, with Go's {@code net.ParseIP} parsing rules and Go's string
 * form, because MetalLB's messages and its ordering rules are defined in those terms.
 *
 * <p>We parse by hand rather than with {@link java.net.InetAddress#getByName}: that method may
 * resolve host names over the network and accepts forms Go rejects (leading zeros, short IPv4
 * forms, zones). An IPv4-mapped IPv6 literal ({@code ::ffff:a.b.c.d}) is an IPv4 address, as in Go.
 */
public final class IpAddress implements Comparable<IpAddress> {
  private static final byte[] V4_IN_V6_PREFIX = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff};

  private final byte[] bytes; // 4 bytes for IPv4, 16 for IPv6; never exposed

  private IpAddress(byte[] bytes) {
    this.bytes = bytes;
  }

  /** Wraps 4 (IPv4) or 16 (IPv6) bytes; a v4-mapped 16-byte address becomes IPv4. The array is copied. */
  public static IpAddress ofBytes(byte[] raw) {
    if (raw.length == 4) {
      return new IpAddress(raw.clone());
    }
    if (raw.length == 16) {
      if (Arrays.equals(raw, 0, 12, V4_IN_V6_PREFIX, 0, 12)) {
        return new IpAddress(Arrays.copyOfRange(raw, 12, 16));
      }
      return new IpAddress(raw.clone());
    }
    throw new IllegalArgumentException("an IP address has 4 or 16 bytes, not " + raw.length);
  }

  /** Parses like Go's {@code net.ParseIP}; empty when the text is not an IP address. */
  public static Optional<IpAddress> parse(String text) {
    if (text == null || text.isEmpty()) {
      return Optional.empty();
    }
    byte[] v4 = parseIpv4(text);
    if (v4 != null) {
      return Optional.of(new IpAddress(v4));
    }
    byte[] v6 = text.indexOf(':') >= 0 ? parseIpv6(text) : null;
    return v6 == null ? Optional.empty() : Optional.of(ofBytes(v6));
  }

  /** Parses or throws {@link IllegalArgumentException}; for literals known to be valid. */
  public static IpAddress of(String text) {
    return parse(text).orElseThrow(() -> new IllegalArgumentException("not an IP address: " + text));
  }

  static byte[] parseIpv4(String s) {
    byte[] out = new byte[4];
    int part = 0;
    int i = 0;
    int n = s.length();
    while (part < 4) {
      int start = i;
      int value = 0;
      while (i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
        value = value * 10 + (s.charAt(i) - '0');
        i++;
        if (i - start > 3 || value > 255) {
          return null;
        }
      }
      int digits = i - start;
      if (digits == 0 || (digits > 1 && s.charAt(start) == '0')) {
        return null; // Go rejects empty octets and leading zeros
      }
      out[part++] = (byte) value;
      if (part < 4) {
        if (i >= n || s.charAt(i) != '.') {
          return null;
        }
        i++;
      }
    }
    return i == n ? out : null;
  }

  private static byte[] parseIpv6(String s) {
    byte[] out = new byte[16];
    int ellipsis = -1; // byte index where "::" stands
    int i = 0;
    int n = s.length();
    if (n >= 2 && s.charAt(0) == ':' && s.charAt(1) == ':') {
      ellipsis = 0;
      i = 2;
      if (i == n) {
        return out;
      }
    }
    int j = 0; // bytes written
    while (j < 16) {
      int start = i;
      int value = 0;
      while (i < n && Character.digit(s.charAt(i), 16) >= 0 && i - start < 4) {
        value = value * 16 + Character.digit(s.charAt(i), 16);
        i++;
      }
      if (i == start) {
        return null;
      }
      if (i < n && Character.digit(s.charAt(i), 16) >= 0) {
        return null; // more than four hex digits
      }
      if (i < n && s.charAt(i) == '.') {
        // trailing dotted IPv4
        if (ellipsis < 0 && j != 12) {
          return null;
        }
        if (j + 4 > 16) {
          return null;
        }
        byte[] v4 = parseIpv4(s.substring(start));
        if (v4 == null) {
          return null;
        }
        System.arraycopy(v4, 0, out, j, 4);
        j += 4;
        i = n;
        break;
      }
      out[j++] = (byte) (value >> 8);
      out[j++] = (byte) value;
      if (i == n) {
        break;
      }
      if (s.charAt(i) != ':' || i + 1 == n) {
        return null;
      }
      i++;
      if (s.charAt(i) == ':') {
        if (ellipsis >= 0) {
          return null; // a second "::"
        }
        ellipsis = j;
        i++;
        if (i == n) {
          break;
        }
      }
    }
    if (i != n) {
      return null;
    }
    if (j < 16) {
      if (ellipsis < 0) {
        return null;
      }
      int tail = j - ellipsis;
      System.arraycopy(out, ellipsis, out, 16 - tail, tail);
      Arrays.fill(out, ellipsis, 16 - tail, (byte) 0);
    } else if (ellipsis >= 0) {
      return null; // "::" must stand for at least one group
    }
    return out;
  }

  public boolean isIpv4() {
    return bytes.length == 4;
  }

  public IpFamily family() {
    return isIpv4() ? IpFamily.IPV4 : IpFamily.IPV6;
  }

  /** Bit length of the family: 32 or 128. */
  public int bitLength() {
    return bytes.length * 8;
  }

  /** A copy of the 4 or 16 address bytes. */
  public byte[] toBytes() {
    return bytes.clone();
  }

  /** The 16-byte form Go keeps internally (IPv4 as {@code ::ffff:a.b.c.d}), a copy. */
  public byte[] to16() {
    if (bytes.length == 16) {
      return bytes.clone();
    }
    byte[] out = new byte[16];
    System.arraycopy(V4_IN_V6_PREFIX, 0, out, 0, 12);
    System.arraycopy(bytes, 0, out, 12, 4);
    return out;
  }

  /** The unsigned value of the address bits. */
  public BigInteger toBigInteger() {
    return new BigInteger(1, bytes);
  }

  /** The address of the same family with the given unsigned value. */
  public static IpAddress fromBigInteger(BigInteger value, IpFamily family) {
    int len = family == IpFamily.IPV4 ? 4 : 16;
    byte[] raw = value.toByteArray();
    byte[] out = new byte[len];
    int copy = Math.min(raw.length, len);
    System.arraycopy(raw, raw.length - copy, out, len - copy, copy);
    return new IpAddress(out);
  }

  /** The last byte of the address (for the .0/.255 "buggy IP" rule). */
  public int lastByte() {
    return bytes[bytes.length - 1] & 0xff;
  }

  /** Byte comparison of Go's 16-byte forms: every IPv4 address sorts before IPv6 ones above ::ffff:0:0. */
  @Override
  public int compareTo(IpAddress other) {
    return Arrays.compareUnsigned(to16(), other.to16());
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof IpAddress other && Arrays.equals(bytes, other.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  /** Go's {@code net.IP.String()}: dotted quad, or RFC 5952 compressed lowercase IPv6. */
  @Override
  public String toString() {
    if (isIpv4()) {
      return (bytes[0] & 0xff) + "." + (bytes[1] & 0xff) + "." + (bytes[2] & 0xff) + "." + (bytes[3] & 0xff);
    }
    int bestStart = -1;
    int bestLen = 0;
    for (int g = 0; g < 8; ) {
      if (group(g) != 0) {
        g++;
        continue;
      }
      int start = g;
      while (g < 8 && group(g) == 0) {
        g++;
      }
      if (g - start > bestLen && g - start >= 2) {
        bestStart = start;
        bestLen = g - start;
      }
    }
    StringBuilder sb = new StringBuilder();
    for (int g = 0; g < 8; g++) {
      if (g == bestStart) {
        sb.append("::");
        g += bestLen - 1;
        continue;
      }
      if (g > 0 && sb.charAt(sb.length() - 1) != ':') {
        sb.append(':');
      }
      sb.append(Integer.toHexString(group(g)));
    }
    return sb.toString();
  }

  private int group(int g) {
    return ((bytes[2 * g] & 0xff) << 8) | (bytes[2 * g + 1] & 0xff);
  }
}
