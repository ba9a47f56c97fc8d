package io.metallb.lab.bgp;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses BIRD 2's birdc text output (BIRD 2.0.12 has no JSON). Pure.
 *
 * <p>{@code show route ... all} prints one block per path: a head line ({@code prefix} then the
 * route type, {@code [protocol time]}, {@code *} on the best path), {@code via} lines, then
 * attribute lines such as {@code BGP.as_path: 64512}. Further paths of the same prefix start with
 * blanks instead of the prefix.
 */
public final class BirdText {
  private static final Pattern HEAD = Pattern.compile(
      "^(\\S+)?\\s+(unicast|blackhole|unreachable|prohibited|multipath)\\s+\\[(\\S+)[^\\]]*\\](\\s+\\*)?.*$");
  private static final Pattern VIA = Pattern.compile("^\\s+via\\s+(\\S+)");
  private static final Pattern ATTRIBUTE = Pattern.compile("^\\s+BGP\\.(\\w+):\\s*(.*)$");
  private static final Pattern PAIR = Pattern.compile("\\((\\d+),\\s*(\\d+)\\)");
  private static final Pattern TRIPLE = Pattern.compile("\\((\\d+),\\s*(\\d+),\\s*(\\d+)\\)");
  private static final Pattern PROTOCOL = Pattern.compile("^(\\S+)\\s+(\\S+)\\s+(\\S+)\\s+(\\S+)\\s+\\S+\\s*(.*)$");

  private BirdText() {}

  /** The paths in {@code show route [table T] all}. */
  public static List<BgpRoute> routes(String text) {
    List<BgpRoute> routes = new ArrayList<>();
    String prefix = null;
    PathBuilder current = null;
    for (String line : text.lines().toList()) {
      Matcher head = HEAD.matcher(line);
      if (head.matches()) {
        if (current != null) {
          routes.add(current.build());
        }
        if (head.group(1) != null) {
          prefix = head.group(1);
        }
        current = new PathBuilder(prefix, head.group(4) != null);
        continue;
      }
      if (current == null) {
        continue;
      }
      Matcher via = VIA.matcher(line);
      if (via.find()) {
        current.via.add(via.group(1));
        continue;
      }
      Matcher attribute = ATTRIBUTE.matcher(line);
      if (attribute.matches()) {
        current.attribute(attribute.group(1), attribute.group(2).strip());
      }
    }
    if (current != null) {
      routes.add(current.build());
    }
    return routes;
  }

  /**
   * Protocol name to state from {@code show protocols}: for BGP protocols the BGP state in the
   * Info column ({@code Established}, {@code Active}, {@code Connect}, …), for others the
   * protocol state ({@code up}, {@code down}, {@code start}).
   */
  public static Map<String, String> protocolStates(String text) {
    Map<String, String> states = new LinkedHashMap<>();
    for (String line : text.lines().toList()) {
      Matcher m = PROTOCOL.matcher(line);
      if (!m.matches() || line.startsWith("Name ") || line.startsWith("BIRD ")) {
        continue;
      }
      String info = m.group(5).strip();
      String state = m.group(2).equals("BGP") && !info.isEmpty() ? info.split("\\s+")[0] : m.group(4);
      states.put(m.group(1), state);
    }
    return states;
  }

  private static final class PathBuilder {
    private final String prefix;
    private final boolean best;
    private final List<String> via = new ArrayList<>();
    private final List<String> bgpNextHops = new ArrayList<>();
    private final List<Long> asPath = new ArrayList<>();
    private final List<String> communities = new ArrayList<>();
    private final List<String> large = new ArrayList<>();
    private String origin = "";
    private OptionalLong localPref = OptionalLong.empty();

    PathBuilder(String prefix, boolean best) {
      this.prefix = prefix;
      this.best = best;
    }

    void attribute(String name, String value) {
      switch (name) {
        case "origin" -> origin = value;
        case "as_path" -> {
          for (String as : value.split("\\s+")) {
            if (!as.isEmpty()) {
              asPath.add(Long.parseLong(as));
            }
          }
        }
        case "next_hop" -> bgpNextHops.add(value.split("\\s+")[0]);
        case "local_pref" -> localPref = OptionalLong.of(Long.parseLong(value));
        case "community" -> {
          Matcher m = PAIR.matcher(value);
          while (m.find()) {
            communities.add(m.group(1) + ":" + m.group(2));
          }
        }
        case "large_community" -> {
          Matcher m = TRIPLE.matcher(value);
          while (m.find()) {
            large.add(m.group(1) + ":" + m.group(2) + ":" + m.group(3));
          }
        }
        default -> { }
      }
    }

    BgpRoute build() {
      return new BgpRoute(prefix, via.isEmpty() ? bgpNextHops : via, origin, asPath, localPref, communities, large,
          best);
    }
  }
}
