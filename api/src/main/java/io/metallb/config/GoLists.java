package io.metallb.config;

import io.fabric8.kubernetes.api.model.LabelSelector;
import java.util.List;
import java.util.function.Supplier;

/**
 * Lists as Go decodes them: a missing list is empty, and a {@code null} element is the element
 * type's zero value (an empty selector, an empty string).
 */
final class GoLists {
  private GoLists() {}

  static <T> List<T> of(List<T> list, Supplier<T> zero) {
    if (list == null) {
      return List.of();
    }
    return list.stream().map(e -> e == null ? zero.get() : e).toList();
  }

  static List<String> strings(List<String> list) {
    return of(list, () -> "");
  }

  static List<LabelSelector> selectors(List<LabelSelector> list) {
    return of(list, LabelSelector::new);
  }
}
