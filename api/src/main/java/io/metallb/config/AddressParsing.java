package io.metallb.config;

import io.metallb.net.Cidr;
import io.metallb.net.IpAddress;
import java.util.List;
import java.util.Optional;

/** MetalLB's {@code config.ParseCIDR}: one {@code addresses} entry to CIDRs, with its messages. */
public final class AddressParsing {
  private AddressParsing() {}

  /** The CIDRs of a CIDR or {@code first-last} entry; the error text is MetalLB's. */
  public static List<Cidr> parse(String entry) throws InvalidAddressException {
    int dash = entry.indexOf('-');
    if (dash < 0) {
      Optional<Cidr> cidr = Cidr.parse(entry);
      if (cidr.isEmpty()) {
        throw new InvalidAddressException("invalid CIDR " + GoFormat.quote(entry));
      }
      return List.of(cidr.get());
    }
    String startText = entry.substring(0, dash);
    String endText = entry.substring(dash + 1);
    Optional<IpAddress> start = IpAddress.parse(startText.strip());
    if (start.isEmpty()) {
      throw new InvalidAddressException("invalid IP range " + GoFormat.quote(entry) + ": invalid start IP " + GoFormat.quote(startText));
    }
    Optional<IpAddress> end = IpAddress.parse(endText.strip());
    if (end.isEmpty()) {
      throw new InvalidAddressException("invalid IP range " + GoFormat.quote(entry) + ": invalid end IP " + GoFormat.quote(endText));
    }
    if (start.get().compareTo(end.get()) > 0) {
      throw new InvalidAddressException("invalid IP range " + GoFormat.quote(entry) + ": start IP " + GoFormat.quote(start.get().toString()) + " is after the end IP " + GoFormat.quote(end.get().toString()));
    }
    if (start.get().family() != end.get().family()) {
      // [QUIRK] mikioh/ipaddr's Summarize returns nothing for a v6-to-v4 range and MetalLB does not
      // complain: the entry silently contributes no address.
      return List.of();
    }
    return Cidr.summarize(start.get(), end.get());
  }

  /** An {@code addresses} entry that is neither a CIDR nor a range. */
  public static final class InvalidAddressException extends Exception {
    InvalidAddressException(String message) {
      super(message, null, false, false);
    }
  }
}
