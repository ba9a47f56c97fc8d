package io.metallb.config;

import java.util.List;

/** The outcome of parsing a {@link ClusterSnapshot}: a configuration, or why there is none. */
public sealed interface ParseResult {
  /** The snapshot is a valid configuration. */
  record Valid(Config config) implements ParseResult {}

  /** The snapshot was refused; {@code errors} is non-empty, MetalLB's first error first. */
  record Invalid(List<ConfigError> errors) implements ParseResult {
    public Invalid {
      errors = List.copyOf(errors);
      if (errors.isEmpty()) {
        throw new IllegalArgumentException("an invalid result has errors");
      }
    }
  }
}
