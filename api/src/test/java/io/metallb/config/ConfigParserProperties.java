package io.metallb.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.metallb.api.manifest.ManifestDocument;
import io.metallb.api.manifest.ManifestReader;
import io.metallb.api.manifest.SnapshotLoader;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Bad input never makes the loader or the parser throw: random mutations of the samples in
 * {@code examples/} and random documents either parse or yield errors.
 */
class ConfigParserProperties {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final List<String> FIELDS = List.of(
      "addresses", "autoAssign", "avoidBuggyIPs", "serviceAllocation", "priority", "namespaces", "namespaceSelectors",
      "serviceSelectors", "ipAddressPools", "ipAddressPoolSelectors", "nodeSelectors", "interfaces", "preferredNodeSelectors",
      "weight", "preference", "matchLabels", "matchExpressions", "key", "operator", "values", "aggregationLength",
      "aggregationLengthV6", "localPref", "communities", "peers", "myASN", "peerASN", "dynamicASN", "peerAddress",
      "interface", "sourceAddress", "peerPort", "holdTime", "keepaliveTime", "connectTime", "routerID", "password",
      "passwordSecret", "name", "bfdProfile", "ebgpMultiHop", "vrf", "localASN", "receiveInterval", "echoMode", "value");
  private static final List<String> KINDS = List.of(
      "metallb.io/v1beta1 IPAddressPool", "metallb.io/v1beta1 L2Advertisement", "metallb.io/v1beta1 BGPAdvertisement",
      "metallb.io/v1beta1 BGPPeer", "metallb.io/v1beta2 BGPPeer", "metallb.io/v1beta1 BFDProfile", "metallb.io/v1beta1 Community",
      "v1 Secret", "v1 Node", "v1 Namespace");

  static List<JsonNode> samples() {
    List<JsonNode> out = new ArrayList<>();
    try (Stream<Path> files = Stream.concat(Files.list(Path.of("..", "examples", "native")), Files.list(Path.of("..", "examples", "frr")))) {
      for (Path f : files.sorted().toList()) {
        for (ManifestDocument d : ManifestReader.read(List.of(f))) {
          out.add(d.tree());
        }
      }
    } catch (IOException | ManifestReader.ManifestException e) {
      throw new AssertionError(e);
    }
    return out;
  }

  private static final List<JsonNode> SAMPLES = samples();

  @Provide
  Arbitrary<JsonNode> scalars() {
    return Arbitraries.oneOf(
        Arbitraries.strings().ofMaxLength(12).map(NODES::stringNode),
        Arbitraries.of("198.51.100.0/24", "2001:db8::/120", "192.0.2.1-192.0.2.9", "::1-192.0.2.1", "1:2", "large:1:2:3", "In", "Foo", "90s", "-1s", "", "a:b:c")
            .map(NODES::stringNode),
        Arbitraries.longs().map(NODES::numberNode),
        Arbitraries.of(0L, -1L, 1L, 4294967295L, 4294967296L, Long.MAX_VALUE).map(NODES::numberNode),
        Arbitraries.of(true, false).map(NODES::booleanNode),
        Arbitraries.just(NODES.nullNode()));
  }

  @Provide
  Arbitrary<List<JsonNode>> mutatedSnapshots() {
    Arbitrary<JsonNode> mutated = Combinators.combine(
            Arbitraries.of(SAMPLES), Arbitraries.integers().between(0, 10_000), Arbitraries.of(FIELDS), scalars(), Arbitraries.integers().between(0, 3))
        .as((doc, seed, field, scalar, how) -> mutate(doc.deepCopy(), seed, field, scalar, how));
    return mutated.list().ofMinSize(1).ofMaxSize(8);
  }

  @Provide
  Arbitrary<List<JsonNode>> randomSnapshots() {
    Arbitrary<JsonNode> spec = Combinators.combine(Arbitraries.of(FIELDS).list().ofMaxSize(6), scalars().list().ofSize(6))
        .as((fields, values) -> {
          ObjectNode o = NODES.objectNode();
          for (int i = 0; i < fields.size(); i++) {
            JsonNode v = values.get(i);
            o.set(fields.get(i), i % 2 == 0 ? v : NODES.arrayNode().add(v));
          }
          return o;
        });
    Arbitrary<JsonNode> doc = Combinators.combine(Arbitraries.of(KINDS), Arbitraries.strings().alpha().ofMaxLength(5), spec)
        .as((kind, name, s) -> {
          ObjectNode o = NODES.objectNode();
          o.put("apiVersion", kind.split(" ")[0]);
          o.put("kind", kind.split(" ")[1]);
          o.putObject("metadata").put("name", name);
          o.set("spec", s);
          return o;
        });
    return doc.list().ofMinSize(1).ofMaxSize(8);
  }

  @Property(tries = 1000)
  void mutatedSamplesNeverThrow(@ForAll("mutatedSnapshots") List<JsonNode> docs) {
    assertNoThrow(docs);
  }

  @Property(tries = 1000)
  void randomDocumentsNeverThrow(@ForAll("randomSnapshots") List<JsonNode> docs) {
    assertNoThrow(docs);
  }

  private static void assertNoThrow(List<JsonNode> docs) {
    List<ManifestDocument> manifest = new ArrayList<>();
    for (int i = 0; i < docs.size(); i++) {
      manifest.add(new ManifestDocument("generated#" + (i + 1), 1, docs.get(i)));
    }
    SnapshotLoader.Loaded loaded = SnapshotLoader.load(manifest, SnapshotLoader.DEFAULT_NAMESPACE, false);
    SnapshotLoader.load(manifest, SnapshotLoader.DEFAULT_NAMESPACE, true);
    for (BgpType type : BgpType.values()) {
      ParseResult result = ConfigParser.parse(loaded.snapshot(), ConfigParser.Options.of(type));
      if (result instanceof ParseResult.Invalid invalid) {
        assertThat(invalid.errors()).allSatisfy(e -> {
          assertThat(e.message()).isNotBlank();
          assertThat(e.message()).doesNotContain("internal error");
        });
      }
    }
    // The text path (YAML writer and reader) must hold up too.
    StringBuilder yaml = new StringBuilder();
    docs.forEach(d -> yaml.append(d.toString()).append("\n---\n"));
    try {
      ManifestReader.readDocuments("generated", new StringReader(yaml.toString()));
    } catch (ManifestReader.ManifestException expected) {
      assertThat(expected.getMessage()).startsWith("generated");
    }
  }

  /** Replaces, deletes, wraps in a list, or adds {@code field} somewhere in the document. */
  private static JsonNode mutate(JsonNode doc, int seed, String field, JsonNode scalar, int how) {
    List<ObjectNode> objects = new ArrayList<>();
    collect(doc, objects);
    ObjectNode target = objects.get(seed % objects.size());
    switch (how) {
      case 0 -> target.set(field, scalar);
      case 1 -> target.remove(field);
      case 2 -> target.set(field, NODES.arrayNode().add(scalar));
      default -> target.set(field, NODES.objectNode().set(field, scalar));
    }
    return doc;
  }

  private static void collect(JsonNode node, List<ObjectNode> out) {
    if (node instanceof ObjectNode o) {
      out.add(o);
    }
    if (node.isObject() || node.isArray()) {
      node.forEach(child -> collect(child, out));
    }
  }
}
