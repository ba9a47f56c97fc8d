package io.metallb.lab.apiserver;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/** Turns stored CustomResourceDefinitions into the resource types they serve. Pure. */
public final class CrdResourceTypes {
  private static final ObjectMapper JSON = JsonMapper.builder().build();

  private CrdResourceTypes() {}

  /**
   * The served versions of every CRD in {@code crdListJson}, a CustomResourceDefinitionList (or a
   * single CustomResourceDefinition) as the API server returns it.
   */
  public static List<ApiResourceType> fromJson(String crdListJson) {
    JsonNode root = JSON.readTree(crdListJson);
    List<ApiResourceType> types = new ArrayList<>();
    if (root.has("items")) {
      root.path("items").forEach(crd -> addTypes(crd, types));
    } else if (root.has("spec")) {
      addTypes(root, types);
    }
    return types;
  }

  private static void addTypes(JsonNode crd, List<ApiResourceType> types) {
    JsonNode spec = crd.path("spec");
    JsonNode names = spec.path("names");
    List<String> shortNames = new ArrayList<>();
    names.path("shortNames").forEach(n -> shortNames.add(n.asString()));
    String kind = names.path("kind").asString();
    String singular = names.path("singular").asString(kind.toLowerCase(java.util.Locale.ROOT));
    boolean namespaced = !"Cluster".equals(spec.path("scope").asString("Namespaced"));
    for (JsonNode version : spec.path("versions")) {
      if (version.path("served").asBoolean(true)) {
        types.add(new ApiResourceType(spec.path("group").asString(), version.path("name").asString(), kind,
            names.path("plural").asString(), singular.isEmpty() ? kind.toLowerCase(java.util.Locale.ROOT) : singular,
            namespaced, shortNames, version.path("subresources").has("status")));
      }
    }
  }
}
