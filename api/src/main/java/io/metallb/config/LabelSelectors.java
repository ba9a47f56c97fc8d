package io.metallb.config;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Kubernetes label selectors as apimachinery's {@code metav1.LabelSelectorAsSelector} reads them:
 * validation with its messages, matching, and the canonical string form MetalLB compares and
 * sorts selectors by. Pure; a {@code null} selector matches nothing, an empty one everything.
 */
public final class LabelSelectors {
  private LabelSelectors() {}

  /** The error apimachinery would report for this selector, if any. */
  public static Optional<String> validationError(LabelSelector selector) {
    if (selector == null) {
      return Optional.empty();
    }
    if (selector.getMatchLabels() != null) {
      for (var e : selector.getMatchLabels().entrySet()) {
        Optional<String> key = LabelSyntax.keyError(e.getKey());
        if (key.isPresent()) {
          return key;
        }
        Optional<String> value = LabelSyntax.valueError(e.getValue());
        if (value.isPresent()) {
          return value;
        }
      }
    }
    for (LabelSelectorRequirement r : expressions(selector)) {
      String op = r.getOperator() == null ? "" : r.getOperator();
      List<String> values = r.getValues() == null ? List.of() : r.getValues();
      switch (op) {
        case "In", "NotIn" -> {
          if (values.isEmpty()) {
            return Optional.of("values: Invalid value: []string{}: for 'in', 'notin' operators, values set can't be empty");
          }
        }
        case "Exists", "DoesNotExist" -> {
          if (!values.isEmpty()) {
            return Optional.of("values: Invalid value: " + goStringSlice(values) + ": values set must be empty for exists and does not exist");
          }
        }
        default -> {
          return Optional.of("\"" + op + "\" is not a valid label selector operator");
        }
      }
      Optional<String> key = LabelSyntax.keyError(r.getKey());
      if (key.isPresent()) {
        return key;
      }
      for (String v : values) {
        Optional<String> value = LabelSyntax.valueError(v);
        if (value.isPresent()) {
          return value;
        }
      }
    }
    return Optional.empty();
  }

  /** True when {@code labels} satisfy every requirement of a valid {@code selector}. */
  public static boolean matches(LabelSelector selector, Map<String, String> labels) {
    if (selector == null) {
      return false;
    }
    Map<String, String> l = labels == null ? Map.of() : labels;
    if (selector.getMatchLabels() != null) {
      for (var e : selector.getMatchLabels().entrySet()) {
        if (!java.util.Objects.equals(e.getValue() == null ? "" : e.getValue(), l.get(e.getKey()))) {
          return false;
        }
      }
    }
    for (LabelSelectorRequirement r : expressions(selector)) {
      List<String> values = r.getValues() == null ? List.of() : r.getValues();
      boolean has = l.containsKey(r.getKey());
      boolean ok =
          switch (r.getOperator() == null ? "" : r.getOperator()) {
            case "In" -> has && values.contains(l.get(r.getKey()));
            case "NotIn" -> !has || !values.contains(l.get(r.getKey()));
            case "Exists" -> has;
            case "DoesNotExist" -> !has;
            default -> false;
          };
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  /** True when any selector of the list matches. */
  public static boolean anyMatches(List<LabelSelector> selectors, Map<String, String> labels) {
    return selectors.stream().anyMatch(s -> matches(s, labels));
  }

  /**
   * apimachinery's {@code Selector.String()}: requirements sorted by key, comma separated
   * ({@code a=b,c in (x,y),!d}); empty for the match-everything selector.
   */
  public static String canonical(LabelSelector selector) {
    if (selector == null) {
      return "";
    }
    List<String[]> requirements = new ArrayList<>(); // {key, text}
    if (selector.getMatchLabels() != null) {
      new TreeMap<>(selector.getMatchLabels()).forEach((k, v) -> requirements.add(new String[] {k, k + "=" + v}));
    }
    for (LabelSelectorRequirement r : expressions(selector)) {
      List<String> values = r.getValues() == null ? new ArrayList<>() : new ArrayList<>(r.getValues());
      values = values.stream().distinct().sorted().toList();
      String text =
          switch (r.getOperator() == null ? "" : r.getOperator()) {
            case "In" -> r.getKey() + " in (" + String.join(",", values) + ")";
            case "NotIn" -> r.getKey() + " notin (" + String.join(",", values) + ")";
            case "Exists" -> r.getKey();
            case "DoesNotExist" -> "!" + r.getKey();
            default -> r.getKey() + " " + r.getOperator();
          };
      requirements.add(new String[] {r.getKey(), text});
    }
    requirements.sort((a, b) -> a[0].compareTo(b[0]));
    return String.join(",", requirements.stream().map(r -> r[1]).toList());
  }

  static List<LabelSelectorRequirement> expressions(LabelSelector selector) {
    return selector.getMatchExpressions() == null ? List.of()
        : selector.getMatchExpressions().stream()
            .map(r -> r == null ? new LabelSelectorRequirement() : r)
            .map(r -> r.getValues() == null || !r.getValues().contains(null) ? r
                : new LabelSelectorRequirement(r.getKey(), r.getOperator(), r.getValues().stream().map(v -> v == null ? "" : v).toList()))
            .toList();
  }

  /** Go's {@code %#v} of a {@code []string}: {@code []string{"a", "b"}}. */
  static String goStringSlice(List<String> values) {
    return "[]string{" + String.join(", ", values.stream().map(v -> "\"" + v + "\"").toList()) + "}";
  }
}
