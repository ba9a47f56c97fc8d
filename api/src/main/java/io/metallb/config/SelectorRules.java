package io.metallb.config;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/** MetalLB's selector list checks (spec §4.11) and conversions with their messages. */
final class SelectorRules {
  private SelectorRules() {}

  /**
   * {@code validateLabelSelectorDuplicate}: duplicate values inside an expression, duplicate
   * expressions inside a selector, and two selectors of the list with the same string form.
   */
  static void checkDuplicates(List<LabelSelector> selectors, String fieldName, String fieldPath) throws ParseFailure {
    List<LabelSelector> sorted = selectors.stream().map(SelectorRules::withSortedValues).toList();
    for (int i = 0; i < sorted.size(); i++) {
      LabelSelector s = sorted.get(i);
      List<LabelSelectorRequirement> exprs = LabelSelectors.expressions(s);
      for (int e = 0; e < exprs.size(); e++) {
        List<String> values = exprs.get(e).getValues() == null ? List.of() : exprs.get(e).getValues();
        for (int v = 1; v < values.size(); v++) {
          if (values.get(v).equals(values.get(v - 1))) {
            throw new ParseFailure(fieldPath, "duplicate definition of match expression value in label selector " + GoFormat.quote(values.get(v)));
          }
        }
        for (int f = e + 1; f < exprs.size(); f++) {
          if (GoFormat.requirementQ(exprs.get(e)).equals(GoFormat.requirementQ(exprs.get(f)))) {
            throw new ParseFailure(fieldPath, "duplicate definition of match expressions " + GoFormat.requirementQ(exprs.get(f)));
          }
        }
      }
      for (int j = i + 1; j < sorted.size(); j++) {
        if (GoFormat.selectorPointer(s).equals(GoFormat.selectorPointer(sorted.get(j)))) {
          throw new ParseFailure(fieldPath, "duplicate definition of " + fieldName + " " + GoFormat.selectorQ(s));
        }
      }
    }
  }

  /** Duplicate plain strings: {@code duplicate definition of <what> "<v>"}. */
  static void checkDuplicateStrings(List<String> values, String what, String fieldPath) throws ParseFailure {
    var seen = new TreeSet<String>();
    for (String v : values) {
      if (!seen.add(v)) {
        throw new ParseFailure(fieldPath, "duplicate definition of " + what + " " + GoFormat.quote(v));
      }
    }
  }

  /** Converts or fails with apimachinery's message joined with {@code invalid label selector %v}. */
  static Selector convert(LabelSelector selector, String fieldPath) throws ParseFailure {
    Optional<String> error = LabelSelectors.validationError(selector);
    if (error.isPresent()) {
      throw new ParseFailure(fieldPath, error.get()).joined("invalid label selector " + GoFormat.selectorV(withSortedValues(selector)));
    }
    return Selector.of(selector);
  }

  /** Names of the objects whose labels match any of {@code selectors}; every name when there are none. */
  static TreeSet<String> matchingOrAll(List<Selector> selectors, Map<String, Map<String, String>> labelsByName) {
    TreeSet<String> out = new TreeSet<>();
    labelsByName.forEach((name, labels) -> {
      if (selectors.isEmpty() || selectors.stream().anyMatch(s -> s.matches(labels))) {
        out.add(name);
      }
    });
    return out;
  }

  static List<Selector> sortedByString(List<Selector> selectors) {
    List<Selector> out = new ArrayList<>(selectors);
    out.sort((a, b) -> a.toString().compareTo(b.toString()));
    return out;
  }

  static LabelSelector withSortedValues(LabelSelector s) {
    LabelSelector copy = new LabelSelector();
    copy.setMatchLabels(s.getMatchLabels());
    if (s.getMatchExpressions() != null) {
      copy.setMatchExpressions(LabelSelectors.expressions(s).stream()
          .map(r -> new LabelSelectorRequirement(r.getKey(), r.getOperator(), r.getValues() == null ? null : r.getValues().stream().sorted().toList()))
          .toList());
    }
    return copy;
  }
}
