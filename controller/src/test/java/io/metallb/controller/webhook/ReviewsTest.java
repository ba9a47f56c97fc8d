package io.metallb.controller.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class ReviewsTest {
  @Test
  void admissionResponsesCarryUidVerdictMessageAndWarnings() {
    JsonNode review = Reviews.JSON.readTree("""
        {"apiVersion":"admission.k8s.io/v1","kind":"AdmissionReview","request":{"uid":"u-1","kind":{"group":"metallb.io","version":"v1beta1","kind":"IPAddressPool"},
         "operation":"CREATE","object":{"metadata":{"name":"x"}}}}""");
    JsonNode denied = Reviews.admissionResponse(review, (k, op, o) -> AdmissionValidator.Decision.deny("no " + k + " " + op + " " + o.path("metadata").path("name").asString()));
    assertThat(denied.toString()).isEqualTo(
        "{\"apiVersion\":\"admission.k8s.io/v1\",\"kind\":\"AdmissionReview\",\"response\":{\"uid\":\"u-1\",\"allowed\":false,\"status\":{\"code\":403,\"reason\":\"Forbidden\",\"message\":\"no IPAddressPool CREATE x\"}}}");
    JsonNode allowed = Reviews.admissionResponse(review, (k, op, o) -> AdmissionValidator.Decision.allow("careful"));
    assertThat(allowed.path("response").path("allowed").asBoolean()).isTrue();
    assertThat(allowed.path("response").path("warnings").toString()).isEqualTo("[\"careful\"]");
  }

  @Test
  void deleteRequestsAreDecidedOnTheOldObject() {
    JsonNode review = Reviews.JSON.readTree("""
        {"request":{"uid":"u-2","kind":{"kind":"BFDProfile"},"operation":"DELETE","oldObject":{"metadata":{"name":"old"}}}}""");
    JsonNode r = Reviews.admissionResponse(review, (k, op, o) -> AdmissionValidator.Decision.deny(o.path("metadata").path("name").asString()));
    assertThat(r.path("response").path("status").path("message").asString()).isEqualTo("old");
  }

  @Test
  void conversionBothWays() {
    JsonNode up = Reviews.conversionResponse(Reviews.JSON.readTree("""
        {"apiVersion":"apiextensions.k8s.io/v1","kind":"ConversionReview","request":{"uid":"c-1","desiredAPIVersion":"metallb.io/v1beta2","objects":[
          {"apiVersion":"metallb.io/v1beta1","kind":"BGPPeer","metadata":{"name":"p","namespace":"metallb-system"},
           "spec":{"myASN":64500,"peerASN":64501,"peerAddress":"192.0.2.1","nodeSelectors":[{"matchLabels":{"a":"b"}}]}}]}}"""));
    assertThat(up.path("response").path("uid").asString()).isEqualTo("c-1");
    assertThat(up.path("response").path("result").path("status").asString()).isEqualTo("Success");
    JsonNode peer = up.path("response").path("convertedObjects").get(0);
    assertThat(peer.path("apiVersion").asString()).isEqualTo("metallb.io/v1beta2");
    assertThat(peer.path("spec").path("holdTime").asString()).as("[QUIRK] the zero timer").isEqualTo("0s");
    assertThat(peer.path("spec").path("nodeSelectors").get(0).path("matchLabels").path("a").asString()).isEqualTo("b");

    JsonNode down = Reviews.conversionResponse(Reviews.JSON.readTree("""
        {"request":{"uid":"c-2","desiredAPIVersion":"metallb.io/v1beta1","objects":[
          {"apiVersion":"metallb.io/v1beta2","kind":"BGPPeer","metadata":{"name":"p"},"spec":{"myASN":64500,"peerASN":64501,"peerAddress":"192.0.2.1","vrf":"red"}}]}}"""));
    JsonNode old = down.path("response").path("convertedObjects").get(0);
    assertThat(old.path("apiVersion").asString()).isEqualTo("metallb.io/v1beta1");
    assertThat(old.path("spec").has("vrf")).isFalse();
    assertThat(old.path("spec").path("nodeSelectors").isArray()).isTrue();

    JsonNode bad = Reviews.conversionResponse(Reviews.JSON.readTree("""
        {"request":{"uid":"c-3","desiredAPIVersion":"metallb.io/v9","objects":[{"apiVersion":"metallb.io/v1beta2","kind":"BGPPeer","metadata":{"name":"p"}}]}}"""));
    assertThat(bad.path("response").path("result").path("status").asString()).isEqualTo("Failure");
  }
}
