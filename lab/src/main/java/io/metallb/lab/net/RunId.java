package io.metallb.lab.net;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The unique prefix of one lab run: {@code mlb} and six hex digits. Every namespace and host link
 * of the run is named {@code <id>-<role>}, so two runs never collide and leftovers are found by
 * prefix.
 *
 * @param value the prefix, e.g. {@code mlb3fa2c1}
 */
public record RunId(String value) {
  /** Matches a name that belongs to some lab run; group 1 is the run id. */
  public static final Pattern OWNED_NAME = Pattern.compile("^(mlb[0-9a-f]{6})-[a-z0-9-]+$");

  private static final Pattern ID = Pattern.compile("mlb[0-9a-f]{6}");

  /** Checks the format. */
  public RunId {
    if (!ID.matcher(value).matches()) {
      throw new IllegalArgumentException("not a lab run id (mlb + 6 hex digits): " + value);
    }
  }

  /** A fresh random id. */
  public static RunId random() {
    byte[] bytes = new byte[3];
    new SecureRandom().nextBytes(bytes);
    return new RunId("mlb" + HexFormat.of().formatHex(bytes));
  }

  /** The run that owns {@code name} (a namespace or link name), if it is a lab name at all. */
  public static Optional<RunId> owner(String name) {
    Matcher m = OWNED_NAME.matcher(name);
    return m.matches() ? Optional.of(new RunId(m.group(1))) : Optional.empty();
  }

  /** The name of this run's object with the given role, e.g. {@code name("sw")}. */
  public String name(String role) {
    return value + "-" + role;
  }

  @Override
  public String toString() {
    return value;
  }
}
