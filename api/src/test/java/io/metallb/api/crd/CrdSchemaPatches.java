package io.metallb.api.crd;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What fabric8's generator cannot say from Java types alone, applied to its output so the CRDs
 * equal MetalLB's (controller-gen) schemas: Go's unsigned types (uint32 is {@code int32} format
 * with a 0..4294967295 range; uint16 and int have no format), enums on strings, the
 * {@code x-kubernetes-*} markers of metav1 types, list kinds, and BGPPeer's conversion webhook.
 */
final class CrdSchemaPatches {
  /** kubectl shows columns in list order; the generator sorts them, so the order is restated. */
  private static final Map<String, List<String>> PRINTER_COLUMNS =
      Map.of(
          "ipaddresspools", List.of("Auto Assign", "Avoid Buggy IPs", "Addresses"),
          "l2advertisements", List.of("IPAddressPools", "IPAddressPool Selectors", "Interfaces", "Node Selectors"),
          "bgpadvertisements", List.of("IPAddressPools", "IPAddressPool Selectors", "Peers", "Node Selectors"),
          "bgppeers", List.of("Address", "ASN", "BFD Profile", "Multi Hops"),
          "bfdprofiles", List.of("Passive Mode", "Transmit Interval", "Receive Interval", "Multiplier"),
          "servicel2statuses", List.of("Allocated Node", "Service Name", "Service Namespace"),
          "servicebgpstatuses", List.of("Node", "Service Name", "Service Namespace"),
          "configurationstates", List.of("Result", "ErrorSummary", "Age"));

  private CrdSchemaPatches() {}

  private static void sortVersionsByName(ArrayNode versions) {
    List<JsonNode> sorted = new ArrayList<>();
    versions.forEach(sorted::add);
    sorted.sort(Comparator.comparing(v -> v.get("name").asString()));
    versions.removeAll();
    sorted.forEach(versions::add);
  }

  private static void orderPrinterColumns(ObjectNode version, List<String> order) {
    JsonNode columns = version.get("additionalPrinterColumns");
    if (columns == null) {
      return;
    }
    List<JsonNode> sorted = new ArrayList<>();
    columns.forEach(sorted::add);
    sorted.sort(Comparator.comparingInt(c -> order.indexOf(c.get("name").asString())));
    ArrayNode out = version.putArray("additionalPrinterColumns");
    for (JsonNode column : sorted) {
      if (column.path("priority").asInt() == 0) {
        ((ObjectNode) column).remove("priority");
      }
      out.add(column);
    }
  }

  /** controller-gen lists the TypeMeta and ObjectMeta properties of every kind. */
  private static void addObjectMetaProperties(ObjectNode schema) {
    ObjectNode props = (ObjectNode) schema.get("properties");
    props.putObject("apiVersion").put("description", "Versioned schema of this representation of an object.").put("type", "string");
    props.putObject("kind").put("description", "The REST resource this object represents.").put("type", "string");
    props.putObject("metadata").put("type", "object");
  }

  /** A rule on a record component reaches the generator twice (field and accessor); keep one. */
  private static void distinctValidationRules(JsonNode node) {
    if (node.isObject() && node.has("x-kubernetes-validations")) {
      ArrayNode rules = (ArrayNode) node.get("x-kubernetes-validations");
      List<JsonNode> distinct = new ArrayList<>();
      rules.forEach(r -> { if (!distinct.contains(r)) { distinct.add(r); } });
      rules.removeAll();
      distinct.forEach(rules::add);
    }
    node.forEach(CrdSchemaPatches::distinctValidationRules);
  }

  /** The generator writes bounds as doubles ({@code 0.0}); controller-gen writes integers. */
  private static void integralBounds(JsonNode node) {
    if (node.isObject()) {
      ObjectNode object = (ObjectNode) node;
      for (String bound : List.of("minimum", "maximum")) {
        JsonNode value = object.get(bound);
        if (value != null && value.isNumber() && value.asDouble() == Math.rint(value.asDouble())) {
          object.put(bound, (long) value.asDouble());
        }
      }
    }
    node.forEach(CrdSchemaPatches::integralBounds);
  }

  static void apply(ObjectNode crd) {
    ObjectNode spec = (ObjectNode) crd.get("spec");
    ObjectNode names = (ObjectNode) spec.get("names");
    names.put("listKind", names.get("kind").asString() + "List");
    String plural = names.get("plural").asString();
    sortVersionsByName((ArrayNode) spec.get("versions"));
    for (JsonNode version : spec.get("versions")) {
      orderPrinterColumns((ObjectNode) version, PRINTER_COLUMNS.getOrDefault(plural, List.of()));
      integralBounds(version);
      distinctValidationRules(version);
      ObjectNode schema = (ObjectNode) version.get("schema").get("openAPIV3Schema");
      addObjectMetaProperties(schema);
      patchLabelSelectors(schema);
      patchVersion(plural, version.get("name").asString(), schema);
    }
    if (plural.equals("bgppeers")) {
      ObjectNode conversion = spec.putObject("conversion");
      conversion.put("strategy", "Webhook");
      ObjectNode webhook = conversion.putObject("webhook");
      webhook.putArray("conversionReviewVersions").add("v1beta1").add("v1beta2");
      ObjectNode service = webhook.putObject("clientConfig").putObject("service");
      service.put("name", "metallb-webhook-service");
      service.put("namespace", "metallb-system");
      service.put("path", "/convert");
    }
  }

  private static void patchVersion(String plural, String version, ObjectNode root) {
    switch (plural + "/" + version) {
      case "ipaddresspools/v1beta1" -> {
        root.putArray("required").add("spec");
        noFormat(root, "spec.serviceAllocation.priority");
      }
      case "bgpadvertisements/v1beta1" -> uint32(root, "spec.localPref", false);
      case "bgppeers/v1beta1" -> {
        uint32(root, "spec.myASN", true);
        uint32(root, "spec.peerASN", true);
        noFormat(root, "spec.peerPort");
      }
      case "bgppeers/v1beta2" -> {
        uint32(root, "spec.myASN", true);
        uint32(root, "spec.peerASN", true);
        uint32(root, "spec.localASN", true);
        noFormat(root, "spec.peerPort");
        ArrayNode values = node(root, "spec.dynamicASN").putArray("enum");
        values.add("internal").add("external");
        node(root, "spec.passwordSecret").put("x-kubernetes-map-type", "atomic");
      }
      case "bfdprofiles/v1beta1" -> {
        for (String field : List.of("receiveInterval", "transmitInterval", "detectMultiplier", "echoInterval", "minimumTtl")) {
          uint32(root, "spec." + field, false);
        }
      }
      case "configurationstates/v1beta1" -> patchConfigurationState(root);
      default -> {}
    }
  }

  private static void patchConfigurationState(ObjectNode root) {
    ((ObjectNode) root.get("properties")).remove("spec");
    node(root, "status.result").putArray("enum").add("Valid").add("Invalid").add("Unknown");
    ObjectNode conditions = node(root, "status.conditions");
    conditions.put("x-kubernetes-list-type", "map");
    conditions.putArray("x-kubernetes-list-map-keys").add("type");
    ObjectNode condition = (ObjectNode) conditions.get("items");
    ArrayNode required = condition.putArray("required");
    for (String f : List.of("lastTransitionTime", "message", "reason", "status", "type")) {
      required.add(f);
    }
    ObjectNode props = (ObjectNode) condition.get("properties");
    ObjectNode lastTransition = props.putObject("lastTransitionTime");
    lastTransition.put("format", "date-time");
    lastTransition.put("type", "string");
    ((ObjectNode) props.get("message")).put("maxLength", 32768);
    ObjectNode generation = (ObjectNode) props.get("observedGeneration");
    generation.put("format", "int64");
    generation.put("minimum", 0);
    ObjectNode reason = (ObjectNode) props.get("reason");
    reason.put("maxLength", 1024);
    reason.put("minLength", 1);
    reason.put("pattern", "^[A-Za-z]([A-Za-z0-9_,:]*[A-Za-z0-9_])?$");
    ((ObjectNode) props.get("status")).putArray("enum").add("True").add("False").add("Unknown");
    ObjectNode type = (ObjectNode) props.get("type");
    type.put("maxLength", 316);
    type.put(
        "pattern",
        "^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*/)?(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])$");
  }

  /** metav1.LabelSelector as controller-gen writes it: atomic map and lists, key and operator required. */
  private static void patchLabelSelectors(JsonNode node) {
    if (node.isObject()) {
      JsonNode props = node.get("properties");
      if (props != null
          && props.size() == 2
          && props.has("matchLabels")
          && props.has("matchExpressions")
          && props.get("matchExpressions").path("items").path("properties").size() == 3
          && !props.get("matchExpressions").path("items").has("required")) {
        ObjectNode selector = (ObjectNode) node;
        selector.put("x-kubernetes-map-type", "atomic");
        ObjectNode expressions = (ObjectNode) props.get("matchExpressions");
        expressions.put("x-kubernetes-list-type", "atomic");
        ObjectNode item = (ObjectNode) expressions.get("items");
        item.putArray("required").add("key").add("operator");
        ((ObjectNode) item.get("properties").get("values")).put("x-kubernetes-list-type", "atomic");
        return;
      }
      node.forEach(CrdSchemaPatches::patchLabelSelectors);
    } else if (node.isArray()) {
      node.forEach(CrdSchemaPatches::patchLabelSelectors);
    }
  }

  private static void uint32(ObjectNode root, String path, boolean withRange) {
    ObjectNode field = node(root, path);
    field.put("format", "int32");
    if (withRange) {
      field.put("maximum", 4294967295L);
    }
  }

  private static void noFormat(ObjectNode root, String path) {
    node(root, path).remove("format");
  }

  /** The schema node of a dotted property path, e.g. {@code spec.peerPort}. */
  private static ObjectNode node(ObjectNode root, String path) {
    JsonNode current = root;
    for (String part : path.split("\\.")) {
      JsonNode next = current.path("properties").path(part);
      if (next.isMissingNode()) {
        next = current.path("items").path("properties").path(part);
      }
      if (next.isMissingNode()) {
        throw new IllegalStateException("no schema property " + path);
      }
      current = next;
    }
    return (ObjectNode) current;
  }
}
