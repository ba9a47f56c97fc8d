package io.metallb.api.schema;

import io.metallb.config.GoDuration;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * What the API server checks when a metallb.io object is created: the generated CRD's structural
 * schema (types, required fields, enums, bounds, patterns) and its CEL rules, with the API server's
 * messages ({@code spec.peerPort: Invalid value: 20000: spec.peerPort in body should be less than
 * or equal to 16384}). Unknown fields are reported apart, as kubectl's strict field validation
 * would. Immutable and thread-safe once built.
 *
 * <p>We evaluate the few CEL rules MetalLB's CRDs carry by hand rather than embed a CEL engine:
 * they are fixed expressions, each matched by its text; an unknown rule fails loudly.
 */
public final class SchemaValidator {
  private static final String[] CRD_FILES = {
    "ipaddresspools", "l2advertisements", "bgpadvertisements", "bgppeers", "bfdprofiles", "communities",
    "servicel2statuses", "servicebgpstatuses", "configurationstates"
  };

  private final Map<String, JsonNode> schemas; // "metallb.io/v1beta1 Kind" -> openAPIV3Schema

  private SchemaValidator(Map<String, JsonNode> schemas) {
    this.schemas = schemas;
  }

  /** The validator for the CRDs this build generated (shipped in the api jar). */
  public static SchemaValidator forMetalLbCrds() {
    YAMLMapper yaml = YAMLMapper.builder().build();
    Map<String, JsonNode> schemas = new HashMap<>();
    for (String plural : CRD_FILES) {
      String resource = "/io/metallb/api/crd/metallb.io_" + plural + ".yaml";
      try (InputStream in = SchemaValidator.class.getResourceAsStream(resource)) {
        if (in == null) {
          throw new IllegalStateException("CRD " + resource + " is not on the class path");
        }
        JsonNode crd = yaml.readTree(in);
        String group = crd.path("spec").path("group").asString();
        String kind = crd.path("spec").path("names").path("kind").asString();
        for (JsonNode version : crd.path("spec").path("versions")) {
          schemas.put(group + "/" + version.path("name").asString() + " " + kind, version.path("schema").path("openAPIV3Schema"));
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return new SchemaValidator(Map.copyOf(schemas));
  }

  /** Field errors and unknown fields of one object. */
  public record Result(List<String> errors, List<String> unknownFields) {}

  /** True when this validator knows the object's apiVersion and kind. */
  public boolean knows(String apiVersion, String kind) {
    return schemas.containsKey(apiVersion + " " + kind);
  }

  /** Validates an object of a known apiVersion and kind as the API server would on create. */
  public Result validate(JsonNode object) {
    JsonNode schema = schemas.get(object.path("apiVersion").asString("") + " " + object.path("kind").asString(""));
    if (schema == null) {
      throw new IllegalArgumentException("no schema for " + object.path("apiVersion").asString("") + " " + object.path("kind").asString(""));
    }
    List<String> errors = new ArrayList<>();
    List<String> unknown = new ArrayList<>();
    walk("", object, schema, errors, unknown);
    return new Result(errors, unknown);
  }

  private void walk(String path, JsonNode value, JsonNode schema, List<String> errors, List<String> unknown) {
    if (value.isNull()) {
      return; // the API server drops nulls of non-nullable fields
    }
    String type = schema.path("type").asString("");
    String where = path.isEmpty() ? "<root>" : path;
    if (!type.isEmpty() && !hasType(value, type)) {
      errors.add(where + ": Invalid value: \"" + jsonType(value) + "\": " + where + " in body must be of type " + type + ": \"" + jsonType(value) + "\"");
      return;
    }
    if (schema.has("enum")) {
      boolean found = false;
      List<String> supported = new ArrayList<>();
      for (JsonNode e : schema.get("enum")) {
        supported.add("\"" + e.asString() + "\"");
        found |= e.equals(value);
      }
      if (!found) {
        errors.add(where + ": Unsupported value: " + value + ": supported values: " + String.join(", ", supported));
      }
    }
    if (value.isNumber()) {
      BigDecimal v = value.decimalValue();
      if (schema.has("minimum") && v.compareTo(schema.get("minimum").decimalValue()) < 0) {
        errors.add(where + ": Invalid value: " + value + ": " + where + " in body should be greater than or equal to " + schema.get("minimum"));
      }
      if (schema.has("maximum") && v.compareTo(schema.get("maximum").decimalValue()) > 0) {
        errors.add(where + ": Invalid value: " + value + ": " + where + " in body should be less than or equal to " + schema.get("maximum"));
      }
    }
    if (value.isString()) {
      String s = value.asString();
      if (schema.has("maxLength") && s.codePointCount(0, s.length()) > schema.get("maxLength").asInt()) {
        errors.add(where + ": Too long: may not be more than " + schema.get("maxLength").asInt() + " bytes");
      }
      if (schema.has("minLength") && s.codePointCount(0, s.length()) < schema.get("minLength").asInt()) {
        errors.add(where + ": Invalid value: \"" + s + "\": " + where + " in body should be at least " + schema.get("minLength").asInt() + " chars long");
      }
      if (schema.has("pattern") && !Pattern.compile(schema.get("pattern").asString()).matcher(s).find()) {
        errors.add(where + ": Invalid value: \"" + s + "\": " + where + " in body should match '" + schema.get("pattern").asString() + "'");
      }
    }
    if (value.isArray()) {
      if (schema.has("minItems") && value.size() < schema.get("minItems").asInt()) {
        errors.add(where + ": Invalid value: " + value.size() + ": " + where + " in body should have at least " + schema.get("minItems").asInt() + " items");
      }
      int i = 0;
      for (JsonNode item : value) {
        walk(path + "[" + i++ + "]", item, schema.path("items"), errors, unknown);
      }
    }
    if (value.isObject()) {
      for (JsonNode required : schema.path("required")) {
        JsonNode v = value.get(required.asString());
        if (v == null || v.isNull()) {
          errors.add(join(path, required.asString()) + ": Required value");
        }
      }
      JsonNode properties = schema.path("properties");
      JsonNode additional = schema.path("additionalProperties");
      if (!path.isEmpty() && path.equals("metadata")) {
        return; // ObjectMeta is validated by the API server's own rules
      }
      value.propertyStream().forEach(e -> {
        JsonNode propertySchema = properties.get(e.getKey());
        if (propertySchema == null && additional.isObject()) {
          propertySchema = additional;
        }
        if (propertySchema == null) {
          if (properties.isObject() || path.isEmpty()) {
            unknown.add(join(path, e.getKey()));
          }
          return;
        }
        walk(join(path, e.getKey()), e.getValue(), propertySchema, errors, unknown);
      });
    }
    for (JsonNode rule : schema.path("x-kubernetes-validations")) {
      evaluate(rule.path("rule").asString(), value).ifPresent(ok -> {
        if (!ok) {
          errors.add(where + ": Invalid value: \"" + jsonType(value) + "\": " + rule.path("message").asString());
        }
      });
    }
  }

  /** Empty for transition rules ({@code oldSelf}), which never apply on create. */
  static Optional<Boolean> evaluate(String rule, JsonNode self) {
    if (rule.contains("oldSelf")) {
      return Optional.empty();
    }
    switch (rule) {
      case "!has(self.serviceSelectors) || size(self.serviceSelectors) == 0 || ((!has(self.aggregationLength) || self.aggregationLength == 32) && (!has(self.aggregationLengthV6) || self.aggregationLengthV6 == 128))" -> {
        boolean noSelectors = !self.has("serviceSelectors") || self.get("serviceSelectors").isNull() || self.get("serviceSelectors").isEmpty();
        boolean v4 = !self.has("aggregationLength") || self.get("aggregationLength").asLong(-1) == 32;
        boolean v6 = !self.has("aggregationLengthV6") || self.get("aggregationLengthV6").asLong(-1) == 128;
        return Optional.of(noSelectors || (v4 && v6));
      }
      case "duration(self).getSeconds() >= 1 && duration(self).getSeconds() <= 65535" -> {
        Optional<Duration> d = GoDuration.parse(self.asString(""));
        return Optional.of(d.isPresent() && GoDuration.wholeSeconds(d.get()) >= 1 && GoDuration.wholeSeconds(d.get()) <= 65535);
      }
      case "duration(self).getMilliseconds() % 1000 == 0" -> {
        Optional<Duration> d = GoDuration.parse(self.asString(""));
        return Optional.of(d.isPresent() && d.get().toMillis() % 1000 == 0);
      }
      default -> throw new IllegalStateException("no evaluator for the CEL rule " + rule);
    }
  }

  private static boolean hasType(JsonNode v, String type) {
    return switch (type) {
      case "object" -> v.isObject();
      case "array" -> v.isArray();
      case "string" -> v.isString();
      case "integer" -> v.isIntegralNumber();
      case "number" -> v.isNumber();
      case "boolean" -> v.isBoolean();
      default -> true;
    };
  }

  private static String jsonType(JsonNode v) {
    if (v.isObject()) {
      return "object";
    }
    if (v.isArray()) {
      return "array";
    }
    if (v.isString()) {
      return "string";
    }
    if (v.isIntegralNumber()) {
      return "integer";
    }
    if (v.isNumber()) {
      return "number";
    }
    if (v.isBoolean()) {
      return "boolean";
    }
    return "null";
  }

  private static String join(String path, String key) {
    return path.isEmpty() ? key : path + "." + key;
  }
}
