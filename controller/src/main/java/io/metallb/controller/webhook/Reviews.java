package io.metallb.controller.webhook;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.metallb.api.conversion.BgpPeerConversion;
import io.metallb.api.manifest.SnapshotLoader;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * AdmissionReview v1 and ConversionReview v1 documents, in and out. Pure.
 */
public final class Reviews {
  static final JsonMapper JSON = JsonMapper.builder().build();

  private Reviews() {}

  /** The AdmissionReview response for a request, decided by {@code decide(kind, operation, object)}. */
  public static ObjectNode admissionResponse(JsonNode review, AdmissionDecider decide) {
    JsonNode request = review.path("request");
    String operation = request.path("operation").asString("");
    JsonNode object = operation.equals("DELETE") ? request.path("oldObject") : request.path("object");
    AdmissionValidator.Decision d;
    try {
      d = decide.decide(request.path("kind").path("kind").asString(""), operation, object);
    } catch (RuntimeException e) {
      d = AdmissionValidator.Decision.deny(e.getMessage() == null ? e.toString() : e.getMessage());
    }
    ObjectNode out = JSON.createObjectNode();
    out.put("apiVersion", "admission.k8s.io/v1");
    out.put("kind", "AdmissionReview");
    ObjectNode response = out.putObject("response");
    response.put("uid", request.path("uid").asString(""));
    response.put("allowed", d.allowed());
    ObjectNode status = response.putObject("status");
    if (d.allowed()) {
      status.put("code", 200);
    } else {
      // controller-runtime's admission.Denied: 403 Forbidden with the reason as message.
      status.put("code", 403);
      status.put("reason", "Forbidden");
      status.put("message", d.message());
    }
    if (!d.warnings().isEmpty()) {
      ArrayNode warnings = response.putArray("warnings");
      d.warnings().forEach(warnings::add);
    }
    return out;
  }

  /** How the server decides one admission request. */
  @FunctionalInterface
  public interface AdmissionDecider {
    AdmissionValidator.Decision decide(String kind, String operation, JsonNode object);
  }

  /** The ConversionReview response: every BGPPeer of the request in the desired version. */
  public static ObjectNode conversionResponse(JsonNode review) {
    JsonNode request = review.path("request");
    String desired = request.path("desiredAPIVersion").asString("");
    ObjectNode out = JSON.createObjectNode();
    out.put("apiVersion", review.path("apiVersion").asString("apiextensions.k8s.io/v1"));
    out.put("kind", "ConversionReview");
    ObjectNode response = out.putObject("response");
    response.put("uid", request.path("uid").asString(""));
    ArrayNode converted = response.putArray("convertedObjects");
    ObjectNode result = response.putObject("result");
    try {
      for (JsonNode object : request.path("objects")) {
        converted.add(convert(object, desired));
      }
      result.put("status", "Success");
    } catch (RuntimeException e) {
      converted.removeAll();
      result.put("status", "Failure");
      result.put("message", e.getMessage());
    }
    return out;
  }

  static JsonNode convert(JsonNode object, String desiredApiVersion) {
    String from = object.path("apiVersion").asString("");
    if (from.equals(desiredApiVersion)) {
      return object;
    }
    Function<JsonNode, HasMetadata> conversion = switch (from + " -> " + desiredApiVersion) {
      case "metallb.io/v1beta1 -> metallb.io/v1beta2" -> o -> BgpPeerConversion.toV1beta2(SnapshotLoader.decode(o, io.metallb.api.v1beta1.BGPPeer.class));
      case "metallb.io/v1beta2 -> metallb.io/v1beta1" -> o -> BgpPeerConversion.toV1beta1(SnapshotLoader.decode(o, io.metallb.api.v1beta2.BGPPeer.class));
      default -> throw new IllegalArgumentException("unsupported conversion from " + from + " to " + desiredApiVersion);
    };
    return JSON.valueToTree(conversion.apply(object));
  }
}
