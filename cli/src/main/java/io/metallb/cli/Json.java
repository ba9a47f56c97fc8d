package io.metallb.cli;

import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** JSON output of the CLI: pretty, keys in insertion order. */
final class Json {
  private static final JsonMapper MAPPER = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

  private Json() {}

  static String pretty(Object tree) {
    return MAPPER.writeValueAsString(tree);
  }
}
