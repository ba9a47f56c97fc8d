package io.metallb.api.crd;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;

/**
 * One line per schema property, {@code path: type [facets]}, descriptions left out: a form in
 * which two CRDs' schemas can be compared field for field.
 */
final class SchemaFlattener {
  private SchemaFlattener() {}

  static List<String> flatten(JsonNode crd) {
    List<String> out = new ArrayList<>();
    String plural = crd.path("spec").path("names").path("plural").asString();
    for (JsonNode version : crd.path("spec").path("versions")) {
      String prefix = plural + "/" + version.path("name").asString();
      walk(prefix, "(root)", version.path("schema").path("openAPIV3Schema"), out);
    }
    return out;
  }

  private static void walk(String prefix, String path, JsonNode schema, List<String> out) {
    Map<String, String> facets = new TreeMap<>();
    for (String facet : List.of("format", "default", "minimum", "maximum", "minItems", "minLength", "maxLength", "pattern", "x-kubernetes-list-type", "x-kubernetes-map-type")) {
      if (schema.has(facet)) {
        facets.put(facet, schema.get(facet).toString());
      }
    }
    for (String facet : List.of("enum", "required", "x-kubernetes-list-map-keys")) {
      if (schema.has(facet)) {
        facets.put(facet, schema.get(facet).toString());
      }
    }
    if (schema.has("x-kubernetes-validations")) {
      List<String> rules = new ArrayList<>();
      schema.get("x-kubernetes-validations").forEach(r -> rules.add(r.path("rule").asString() + " => " + r.path("message").asString()));
      facets.put("cel", rules.toString());
    }
    if (schema.has("additionalProperties")) {
      facets.put("additionalProperties", schema.get("additionalProperties").path("type").asString());
    }
    out.add(prefix + " " + path + ": " + schema.path("type").asString() + (facets.isEmpty() ? "" : " " + facets));
    schema.path("properties").propertyStream().forEach(e -> walk(prefix, path.equals("(root)") ? e.getKey() : path + "." + e.getKey(), e.getValue(), out));
    if (schema.has("items")) {
      walk(prefix, path + "[]", schema.get("items"), out);
    }
  }
}
