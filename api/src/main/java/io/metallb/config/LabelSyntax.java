package io.metallb.config;

import java.util.Optional;
import java.util.regex.Pattern;

/** Kubernetes label key and value syntax (apimachinery {@code validation.IsQualifiedName}/{@code IsValidLabelValue}). */
final class LabelSyntax {
  private static final Pattern NAME = Pattern.compile("([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]");
  private static final Pattern DNS1123_SUBDOMAIN =
      Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");

  private LabelSyntax() {}

  static Optional<String> keyError(String key) {
    if (key == null || key.isEmpty()) {
      return Optional.of("key: Invalid value: \"\": name part must be non-empty");
    }
    String name = key;
    int slash = key.indexOf('/');
    if (slash >= 0) {
      String prefix = key.substring(0, slash);
      name = key.substring(slash + 1);
      if (prefix.isEmpty() || prefix.length() > 253 || !DNS1123_SUBDOMAIN.matcher(prefix).matches()) {
        return Optional.of("key: Invalid value: \"" + key + "\": prefix part must be a DNS-1123 subdomain");
      }
    }
    if (name.isEmpty() || name.length() > 63 || !NAME.matcher(name).matches()) {
      return Optional.of("key: Invalid value: \"" + key + "\": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character");
    }
    return Optional.empty();
  }

  static Optional<String> valueError(String value) {
    if (value == null || value.isEmpty()) {
      return Optional.empty();
    }
    if (value.length() > 63 || !NAME.matcher(value).matches()) {
      return Optional.of("values[0]: Invalid value: \"" + value + "\": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character");
    }
    return Optional.empty();
  }
}
