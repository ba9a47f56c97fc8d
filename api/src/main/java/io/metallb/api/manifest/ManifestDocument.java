package io.metallb.api.manifest;

import tools.jackson.databind.JsonNode;

/**
 * One YAML or JSON document of a manifest file, before it is typed.
 *
 * @param source file name and document number, for messages ({@code pools.yaml#2})
 * @param line 1-based line where the document starts
 * @param tree the document
 */
public record ManifestDocument(String source, int line, JsonNode tree) {
  public String apiVersion() {
    return tree.path("apiVersion").asString("");
  }

  public String kind() {
    return tree.path("kind").asString("");
  }

  public String name() {
    return tree.path("metadata").path("name").asString("");
  }

  public String namespace() {
    return tree.path("metadata").path("namespace").asString("");
  }
}
