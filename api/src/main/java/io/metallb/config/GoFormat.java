package io.metallb.config;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Go's fmt verbs for the values MetalLB prints in its messages ({@code %q} of a string, {@code %q}
 * and {@code %v} of a {@code metav1.LabelSelector} value, {@code %v} of a pointer), so our messages
 * read exactly like MetalLB's.
 */
public final class GoFormat {
  private GoFormat() {}

  /** {@code %q} of a string: double-quoted with Go escapes. */
  public static String quote(String s) {
    if (s == null) {
      return "\"\"";
    }
    StringBuilder sb = new StringBuilder("\"");
    s.codePoints().forEach(c -> {
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        case 0x07 -> sb.append("\\a");
        case 0x08 -> sb.append("\\b");
        case 0x0c -> sb.append("\\f");
        case 0x0b -> sb.append("\\v");
        default -> {
          if (c < 0x20 || c == 0x7f) {
            sb.append(String.format("\\x%02x", c));
          } else {
            sb.appendCodePoint(c);
          }
        }
      }
    });
    return sb.append('"').toString();
  }

  /** {@code %q} of a LabelSelector value: {@code {map["k":"v"] [{"k" "In" ["a" "b"]}]}}. */
  public static String selectorQ(LabelSelector s) {
    return "{" + mapText(s.getMatchLabels(), true) + " [" + expressions(s).stream().map(r -> requirementQ(r)).collect(Collectors.joining(" ")) + "]}";
  }

  /** {@code %v} of a LabelSelector value: {@code {map[k:v] [{k In [a b]}]}}. */
  public static String selectorV(LabelSelector s) {
    return "{" + mapText(s.getMatchLabels(), false) + " [" + expressions(s).stream().map(GoFormat::requirementV).collect(Collectors.joining(" ")) + "]}";
  }

  /** {@code %q} of a LabelSelectorRequirement value: {@code {"k" "In" ["a" "b"]}}. */
  public static String requirementQ(LabelSelectorRequirement r) {
    return "{" + quote(r.getKey()) + " " + quote(r.getOperator()) + " [" + values(r).stream().map(GoFormat::quote).collect(Collectors.joining(" ")) + "]}";
  }

  static String requirementV(LabelSelectorRequirement r) {
    return "{" + nz(r.getKey()) + " " + nz(r.getOperator()) + " [" + String.join(" ", values(r)) + "]}";
  }

  /** {@code %v} of a {@code *metav1.LabelSelector}: the generated {@code String()} form. */
  public static String selectorPointer(LabelSelector s) {
    StringBuilder sb = new StringBuilder("&LabelSelector{MatchLabels:map[string]string{");
    new TreeMap<>(s.getMatchLabels() == null ? Map.of() : s.getMatchLabels()).forEach((k, v) -> sb.append(k).append(": ").append(v).append(','));
    sb.append("},MatchExpressions:[]LabelSelectorRequirement{");
    for (LabelSelectorRequirement r : expressions(s)) {
      sb.append("LabelSelectorRequirement{Key:").append(nz(r.getKey())).append(",Operator:").append(nz(r.getOperator()))
          .append(",Values:[").append(String.join(" ", values(r))).append("],},");
    }
    return sb.append("},}").toString();
  }

  private static String mapText(Map<String, String> map, boolean quoted) {
    if (map == null || map.isEmpty()) {
      return "map[]";
    }
    return "map[" + new TreeMap<>(map).entrySet().stream()
        .map(e -> quoted ? quote(e.getKey()) + ":" + quote(e.getValue()) : e.getKey() + ":" + e.getValue())
        .collect(Collectors.joining(" ")) + "]";
  }

  private static List<LabelSelectorRequirement> expressions(LabelSelector s) {
    return LabelSelectors.expressions(s);
  }

  private static List<String> values(LabelSelectorRequirement r) {
    return r.getValues() == null ? List.of() : r.getValues();
  }

  private static String nz(String s) {
    return s == null ? "" : s;
  }
}
