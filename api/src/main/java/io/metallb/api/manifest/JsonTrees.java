package io.metallb.api.manifest;

import java.util.Comparator;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** Tree helpers for writing manifests the way Kubernetes tools do. */
public final class JsonTrees {
  private JsonTrees() {}

  /**
   * A copy with every object's keys in alphabetical order (as Go's JSON→YAML writers emit them) and
   * null members left out; list order kept.
   */
  public static JsonNode sortedKeys(JsonNode node) {
    if (node.isObject()) {
      ObjectNode copy = JsonNodeFactory.instance.objectNode();
      node.propertyStream()
          .filter(e -> !e.getValue().isNull())
          .sorted(java.util.Map.Entry.comparingByKey(Comparator.naturalOrder()))
          .forEach(e -> copy.set(e.getKey(), sortedKeys(e.getValue())));
      return copy;
    }
    if (node.isArray()) {
      ArrayNode copy = JsonNodeFactory.instance.arrayNode();
      node.forEach(v -> copy.add(sortedKeys(v)));
      return copy;
    }
    return node;
  }
}
