package io.metallb.speaker.election;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * MetalLB's layer 2 election (spec §8.6 step 8): every speaker ranks the same candidates the same
 * way, so exactly one announces an IP without talking to the others. Higher summed preference
 * weight first, then the SHA-256 digest of {@code <node>#<ip>}, bytes ascending. Pure.
 */
public final class L2Election {
  private L2Election() {}

  /** The candidates in rank order; the first one announces. Input order does not matter. */
  public static List<String> rank(Collection<String> candidates, String ip, Map<String, Long> preferences) {
    List<String> ranked = new ArrayList<>(candidates.stream().distinct().toList());
    ranked.sort(Comparator.<String>comparingLong(n -> -preferences.getOrDefault(n, 0L))
        .thenComparing((a, b) -> Arrays.compareUnsigned(digest(a, ip), digest(b, ip)))
        .thenComparing(Comparator.naturalOrder()));
    return ranked;
  }

  /** The node that announces {@code ip}, if there is any candidate. */
  public static Optional<String> winner(Collection<String> candidates, String ip, Map<String, Long> preferences) {
    List<String> ranked = rank(candidates, ip, preferences);
    return ranked.isEmpty() ? Optional.empty() : Optional.of(ranked.get(0));
  }

  /** SHA-256 of {@code <node>#<ip>} (UTF-8). */
  public static byte[] digest(String node, String ip) {
    try {
      return MessageDigest.getInstance("SHA-256").digest((node + "#" + ip).getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
