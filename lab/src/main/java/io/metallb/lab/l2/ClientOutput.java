package io.metallb.lab.l2;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses the output of arping, ndisc6 and {@code ip neigh}. Pure. */
public final class ClientOutput {
  private static final Pattern ARPING_REPLY =
      Pattern.compile("reply from (\\S+) \\[([0-9A-Fa-f:]{17})\\]");
  private static final Pattern NDISC6_TARGET =
      Pattern.compile("Target link-layer address:\\s*([0-9A-Fa-f:]{17})");

  private ClientOutput() {}

  /** The MAC of the first reply in iputils arping output, lower case; empty if none answered. */
  public static Optional<String> arpingMac(String output) {
    Matcher m = ARPING_REPLY.matcher(output);
    return m.find() ? Optional.of(m.group(2).toLowerCase(Locale.ROOT)) : Optional.empty();
  }

  /** Every distinct MAC that answered in arping output, in order (more than one means a conflict). */
  public static List<String> arpingMacs(String output) {
    List<String> macs = new ArrayList<>();
    Matcher m = ARPING_REPLY.matcher(output);
    while (m.find()) {
      String mac = m.group(2).toLowerCase(Locale.ROOT);
      if (!macs.contains(mac)) {
        macs.add(mac);
      }
    }
    return macs;
  }

  /** The target link-layer address of the NA in ndisc6 output, lower case; empty if none. */
  public static Optional<String> ndisc6Mac(String output) {
    Matcher m = NDISC6_TARGET.matcher(output);
    return m.find() ? Optional.of(m.group(1).toLowerCase(Locale.ROOT)) : Optional.empty();
  }

  /** The entries of {@code ip neigh show} output. */
  public static List<NeighbourEntry> neighbours(String output) {
    List<NeighbourEntry> entries = new ArrayList<>();
    for (String line : output.lines().map(String::strip).filter(l -> !l.isEmpty()).toList()) {
      String[] words = line.split("\\s+");
      String device = "";
      Optional<String> mac = Optional.empty();
      for (int i = 1; i < words.length - 1; i++) {
        if (words[i].equals("dev")) {
          device = words[i + 1];
        } else if (words[i].equals("lladdr")) {
          mac = Optional.of(words[i + 1].toLowerCase(Locale.ROOT));
        }
      }
      entries.add(new NeighbourEntry(words[0], device, mac, words[words.length - 1]));
    }
    return entries;
  }
}
