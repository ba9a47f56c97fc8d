package io.metallb.config;

/**
 * A parse step's refusal, carried up to the object's parser which wraps it with MetalLB's context.
 * Never leaves the package: {@link ConfigParser#parse} turns every one into a {@link ConfigError}.
 */
final class ParseFailure extends Exception {
  private final String field;
  private final boolean isTransient;

  ParseFailure(String field, String message) {
    this(field, message, false);
  }

  ParseFailure(String field, String message, boolean isTransient) {
    super(message, null, false, false);
    this.field = field;
    this.isTransient = isTransient;
  }

  String field() {
    return field;
  }

  boolean isTransient() {
    return isTransient;
  }

  /** Go's {@code fmt.Errorf(prefix + "%w", err)}. */
  ParseFailure prefixed(String prefix) {
    return new ParseFailure(field, prefix + getMessage(), isTransient);
  }

  /** Go's {@code errors.Join(err, errors.New(line))}: this message, a newline, then {@code line}. */
  ParseFailure joined(String line) {
    return new ParseFailure(field, getMessage() + "\n" + line, isTransient);
  }

  ConfigError toError(String kind, String name) {
    return new ConfigError(kind, name, field, getMessage(), isTransient);
  }
}
