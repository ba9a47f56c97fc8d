package io.metallb.controller.allocator;

import io.metallb.config.GoFormat;
import io.metallb.net.IpAddress;
import java.util.List;
import java.util.stream.Collectors;

/** Go's {@code %q} of lists, as MetalLB's allocator messages print them. */
public final class GoText {
  private GoText() {}

  /** {@code %q} of a {@code []string} or {@code []net.IP}: {@code ["a" "b"]}. */
  public static String quoteList(List<?> values) {
    return values.stream().map(v -> GoFormat.quote(v == null ? "<nil>" : v.toString())).collect(Collectors.joining(" ", "[", "]"));
  }

  public static String quoteIps(List<IpAddress> ips) {
    return quoteList(ips);
  }
}
