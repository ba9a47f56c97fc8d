package io.metallb.controller.allocator;

import io.metallb.net.IpAddress;
import io.metallb.net.IpFamily;
import java.util.List;

/** The IP family of a Service or of a set of addresses (MetalLB's {@code ipfamily.Family}). */
public enum ServiceFamily {
  IPV4("ipv4"),
  IPV6("ipv6"),
  DUAL("dual"),
  UNKNOWN("unknown");

  private final String text;

  ServiceFamily(String text) {
    this.text = text;
  }

  public static ServiceFamily of(IpFamily family) {
    return family == IpFamily.IPV4 ? IPV4 : IPV6;
  }

  /**
   * MetalLB's {@code ipfamily.ForAddresses}: one address → its family; two of different families →
   * dual; anything else is an error with MetalLB's message.
   */
  public static ServiceFamily ofAddresses(List<String> addresses) throws AllocationException {
    switch (addresses.size()) {
      case 1 -> {
        // As Go: an unparsable single address counts as IPv6 (To4() of nil is nil).
        return IpAddress.parse(addresses.get(0)).map(ip -> of(ip.family())).orElse(IPV6);
      }
      case 2 -> {
        var a = IpAddress.parse(addresses.get(0));
        var b = IpAddress.parse(addresses.get(1));
        if (a.isEmpty() || b.isEmpty()) {
          throw new AllocationException("IPFamilyForAddresses: Invalid address " + GoText.quoteList(addresses));
        }
        if (a.get().family() == b.get().family()) {
          throw new AllocationException("IPFamilyForAddresses: same address family " + GoText.quoteList(addresses));
        }
        return DUAL;
      }
      default -> throw new AllocationException("IPFamilyForAddresses: invalid ips length " + addresses.size() + " " + GoText.quoteList(addresses));
    }
  }

  public static ServiceFamily ofIps(List<IpAddress> ips) throws AllocationException {
    return ofAddresses(ips.stream().map(IpAddress::toString).toList());
  }

  @Override
  public String toString() {
    return text;
  }
}
