package io.metallb.config;

import io.fabric8.kubernetes.api.model.LabelSelector;
import java.util.List;
import java.util.Map;

import java.util.TreeMap;

/**
 * An immutable, validated label selector (the parsed form of a {@code metav1.LabelSelector}).
 * {@link #EVERYTHING} matches every object.
 *
 * @param matchLabels required key → value pairs
 * @param requirements set-based requirements
 */
public record Selector(Map<String, String> matchLabels, List<Requirement> requirements) {
  public static final Selector EVERYTHING = new Selector(new TreeMap<>(), List.of());

  public Selector {
    matchLabels = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(matchLabels));
    requirements = List.copyOf(requirements);
  }

  /** A requirement {@code key operator (values)}; operator is In, NotIn, Exists or DoesNotExist. */
  public record Requirement(String key, String operator, List<String> values) {
    public Requirement {
      values = values.stream().distinct().sorted().toList();
    }
  }

  /** Converts a selector that {@link LabelSelectors#validationError} accepted. */
  public static Selector of(LabelSelector selector) {
    return new Selector(
        selector.getMatchLabels() == null ? Map.of() : selector.getMatchLabels(),
        LabelSelectors.expressions(selector).stream()
            .map(r -> new Requirement(r.getKey(), r.getOperator(), r.getValues() == null ? List.of() : r.getValues()))
            .toList());
  }

  /** Back to the Kubernetes form. */
  public LabelSelector toLabelSelector() {
    LabelSelector s = new LabelSelector();
    s.setMatchLabels(matchLabels.isEmpty() ? null : new TreeMap<>(matchLabels));
    s.setMatchExpressions(requirements.isEmpty() ? null : requirements.stream()
        .map(r -> new io.fabric8.kubernetes.api.model.LabelSelectorRequirement(r.key(), r.operator(), r.values().isEmpty() ? null : r.values()))
        .toList());
    return s;
  }

  public boolean matches(Map<String, String> labels) {
    return LabelSelectors.matches(toLabelSelector(), labels);
  }

  /** True when this selector has no requirement at all. */
  public boolean isEverything() {
    return matchLabels.isEmpty() && requirements.isEmpty();
  }

  /** apimachinery's {@code Selector.String()}, e.g. {@code app=web,tier in (a,b)}. */
  @Override
  public String toString() {
    return LabelSelectors.canonical(toLabelSelector());
  }
}
