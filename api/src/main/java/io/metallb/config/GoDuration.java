package io.metallb.config;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Optional;

/**
 * Go's {@code time.Duration} text form, both ways: {@code time.ParseDuration} ("1m30s", "1.5h",
 * "300ms", "0") and {@code Duration.String()} ("1m30s", "0s", "300ms"). MetalLB's CRDs carry
 * durations as such strings and its messages print them with {@code String()}.
 */
public final class GoDuration {
  private static final long NANOS_PER_SECOND = 1_000_000_000L;

  private GoDuration() {}

  /** Parses like {@code time.ParseDuration}; empty for text Go would reject. */
  public static Optional<Duration> parse(String text) {
    if (text == null || text.isEmpty()) {
      return Optional.empty();
    }
    String s = text;
    boolean negative = false;
    if (s.charAt(0) == '-' || s.charAt(0) == '+') {
      negative = s.charAt(0) == '-';
      s = s.substring(1);
    }
    if (s.equals("0")) {
      return Optional.of(Duration.ZERO);
    }
    if (s.isEmpty()) {
      return Optional.empty();
    }
    BigDecimal totalNanos = BigDecimal.ZERO;
    int i = 0;
    while (i < s.length()) {
      int start = i;
      while (i < s.length() && (Character.isDigit(s.charAt(i)) || s.charAt(i) == '.')) {
        i++;
      }
      String number = s.substring(start, i);
      if (number.isEmpty() || number.equals(".") || number.indexOf('.') != number.lastIndexOf('.')) {
        return Optional.empty();
      }
      int unitStart = i;
      while (i < s.length() && !Character.isDigit(s.charAt(i)) && s.charAt(i) != '.') {
        i++;
      }
      long unitNanos =
          switch (s.substring(unitStart, i)) {
            case "ns" -> 1L;
            case "us", "µs", "μs" -> 1_000L;
            case "ms" -> 1_000_000L;
            case "s" -> NANOS_PER_SECOND;
            case "m" -> 60 * NANOS_PER_SECOND;
            case "h" -> 3600 * NANOS_PER_SECOND;
            default -> -1L;
          };
      if (unitNanos < 0) {
        return Optional.empty();
      }
      totalNanos = totalNanos.add(new BigDecimal(number.startsWith(".") ? "0" + number : number).multiply(BigDecimal.valueOf(unitNanos)));
    }
    if (totalNanos.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
      return Optional.empty(); // Go: "invalid duration" on overflow
    }
    long nanos = totalNanos.longValue();
    return Optional.of(Duration.ofNanos(negative ? -nanos : nanos));
  }

  /** Go's {@code Duration.String()}. */
  public static String format(Duration d) {
    long nanos = d.toNanos();
    if (nanos == 0) {
      return "0s";
    }
    StringBuilder sb = new StringBuilder();
    if (nanos < 0) {
      sb.append('-');
      nanos = -nanos;
    }
    if (nanos < NANOS_PER_SECOND) {
      if (nanos < 1_000) {
        return sb.append(nanos).append("ns").toString();
      }
      if (nanos < 1_000_000) {
        return sb.append(fraction(nanos, 1_000)).append("µs").toString();
      }
      return sb.append(fraction(nanos, 1_000_000)).append("ms").toString();
    }
    long hours = nanos / (3600 * NANOS_PER_SECOND);
    nanos -= hours * 3600 * NANOS_PER_SECOND;
    long minutes = nanos / (60 * NANOS_PER_SECOND);
    nanos -= minutes * 60 * NANOS_PER_SECOND;
    if (hours > 0) {
      sb.append(hours).append('h');
    }
    if (hours > 0 || minutes > 0) {
      sb.append(minutes).append('m');
    }
    return sb.append(fraction(nanos, NANOS_PER_SECOND)).append('s').toString();
  }

  private static String fraction(long value, long unit) {
    BigDecimal scaled = BigDecimal.valueOf(value).divide(BigDecimal.valueOf(unit));
    String text = scaled.stripTrailingZeros().toPlainString();
    return text;
  }

  /** Whole seconds, truncated toward zero, as Go's {@code d / time.Second}. */
  public static long wholeSeconds(Duration d) {
    return d.toNanos() / NANOS_PER_SECOND;
  }
}
