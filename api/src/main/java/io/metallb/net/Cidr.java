package io.metallb.net;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * An IP network: a network address (host bits zero) and a prefix length. Immutable.
 *
 * @param network the network address, host bits cleared
 * @param prefixLength 0..32 for IPv4, 0..128 for IPv6
 */
public record Cidr(IpAddress network, int prefixLength) implements Comparable<Cidr> {

  public Cidr {
    if (prefixLength < 0 || prefixLength > network.bitLength()) {
      throw new IllegalArgumentException("prefix length " + prefixLength + " out of range for " + network);
    }
    network = mask(network, prefixLength);
  }

  /**
   * Parses like Go's {@code net.ParseCIDR}: {@code address/length}, host bits dropped; empty when
   * the text is not a CIDR.
   */
  public static Optional<Cidr> parse(String text) {
    int slash = text.indexOf('/');
    if (slash < 0) {
      return Optional.empty();
    }
    Optional<IpAddress> address = IpAddress.parse(text.substring(0, slash));
    String length = text.substring(slash + 1);
    if (address.isEmpty() || length.isEmpty() || length.length() > 9 || !length.chars().allMatch(c -> c >= '0' && c <= '9')) {
      return Optional.empty();
    }
    int bits = Integer.parseInt(length);
    IpAddress ip = address.get();
    // Go keeps 128-bit masks for IPv4-mapped IPv6 literals; they are IPv4 here, so only plain
    // dotted-quad text takes a 0..32 length.
    int max = text.substring(0, slash).indexOf(':') >= 0 ? 128 : 32;
    if (bits > max) {
      return Optional.empty();
    }
    if (ip.isIpv4() && max == 128) {
      if (bits < 96) {
        return Optional.empty();
      }
      bits -= 96;
    }
    return Optional.of(new Cidr(ip, bits));
  }

  /** Parses or throws {@link IllegalArgumentException}; for literals known to be valid. */
  public static Cidr of(String text) {
    return parse(text).orElseThrow(() -> new IllegalArgumentException("not a CIDR: " + text));
  }

  /** The single-address network of {@code ip}. */
  public static Cidr host(IpAddress ip) {
    return new Cidr(ip, ip.bitLength());
  }

  public IpFamily family() {
    return network.family();
  }

  /** True when {@code ip} is in this network (never across families). */
  public boolean contains(IpAddress ip) {
    return ip.family() == family() && mask(ip, prefixLength).equals(network);
  }

  /** MetalLB's overlap rule: equal, or either contains the other's network address. */
  public boolean overlaps(Cidr other) {
    return contains(other.network) || other.contains(network);
  }

  /** The first address (the network address). */
  public IpAddress first() {
    return network;
  }

  /** The last address (all host bits set). */
  public IpAddress last() {
    BigInteger hostMask = BigInteger.ONE.shiftLeft(network.bitLength() - prefixLength).subtract(BigInteger.ONE);
    return IpAddress.fromBigInteger(network.toBigInteger().or(hostMask), family());
  }

  /** Number of addresses, 2^(bits - prefixLength). */
  public BigInteger size() {
    return BigInteger.ONE.shiftLeft(network.bitLength() - prefixLength);
  }

  /** Masks {@code ip} to its first {@code bits} bits. */
  public static IpAddress mask(IpAddress ip, int bits) {
    byte[] raw = ip.toBytes();
    for (int i = 0; i < raw.length; i++) {
      int keep = Math.max(0, Math.min(8, bits - 8 * i));
      raw[i] &= (byte) (0xff00 >> keep);
    }
    return IpAddress.ofBytes(raw);
  }

  /**
   * The minimal list of CIDRs covering {@code first..last} inclusive, in address order (as
   * mikioh/ipaddr's {@code Summarize}, which MetalLB uses for ranges). Both ends share a family.
   */
  public static List<Cidr> summarize(IpAddress first, IpAddress last) {
    if (first.family() != last.family()) {
      throw new IllegalArgumentException("range ends of different families: " + first + " - " + last);
    }
    int bits = first.bitLength();
    IpFamily family = first.family();
    BigInteger start = first.toBigInteger();
    BigInteger end = last.toBigInteger();
    List<Cidr> out = new ArrayList<>();
    while (start.compareTo(end) <= 0) {
      int hostBits = start.signum() == 0 ? bits : start.getLowestSetBit();
      hostBits = Math.min(hostBits, bits);
      BigInteger remaining = end.subtract(start).add(BigInteger.ONE);
      while (BigInteger.ONE.shiftLeft(hostBits).compareTo(remaining) > 0) {
        hostBits--;
      }
      out.add(new Cidr(IpAddress.fromBigInteger(start, family), bits - hostBits));
      start = start.add(BigInteger.ONE.shiftLeft(hostBits));
    }
    return out;
  }

  @Override
  public int compareTo(Cidr other) {
    int c = network.compareTo(other.network);
    return c != 0 ? c : Integer.compare(prefixLength, other.prefixLength);
  }

  /** Go's {@code IPNet.String()}: {@code network/length}. */
  @Override
  public String toString() {
    return network + "/" + prefixLength;
  }
}
