package io.metallb.api.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.metallb.api.schema.SchemaValidator;
import io.metallb.config.BgpType;
import io.metallb.config.ConfigParser;
import io.metallb.config.ParseResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/**
 * The samples in {@code examples/}: the generated CRD schemas accept every metallb.io object, each
 * object survives a decode/encode round trip, and each file is a valid configuration in its mode
 * ({@code examples/native} native, {@code examples/frr} FRR).
 */
class ExamplesTest {
  static final Path EXAMPLES = Path.of("..", "examples");
  static final SchemaValidator SCHEMAS = SchemaValidator.forMetalLbCrds();

  /** 64500 read from YAML and 64500 written from a long are the same number. */
  static final java.util.Comparator<JsonNode> NUMBERS_BY_VALUE = (a, b) ->
      a.equals(b) || (a.isNumber() && b.isNumber() && a.decimalValue().compareTo(b.decimalValue()) == 0) ? 0 : 1;

  static Stream<Path> configurationFiles() throws IOException {
    try (Stream<Path> files = Stream.concat(Files.list(EXAMPLES.resolve("native")), Files.list(EXAMPLES.resolve("frr")))) {
      return files.sorted().toList().stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("configurationFiles")
  void schemasAcceptEveryObjectWithNoUnknownField(Path file) throws Exception {
    List<ManifestDocument> docs = ManifestReader.read(List.of(file));
    assertThat(docs).isNotEmpty();
    for (ManifestDocument doc : docs) {
      if (SCHEMAS.knows(doc.apiVersion(), doc.kind())) {
        SchemaValidator.Result result = SCHEMAS.validate(doc.tree());
        assertThat(result.errors()).as(doc.source()).isEmpty();
        assertThat(result.unknownFields()).as(doc.source()).isEmpty();
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("configurationFiles")
  void objectsRoundTrip(Path file) throws Exception {
    for (ManifestDocument doc : ManifestReader.read(List.of(file))) {
      if (!doc.apiVersion().startsWith("metallb.io/")) {
        continue;
      }
      Class<? extends HasMetadata> type = typeOf(doc);
      HasMetadata decoded = SnapshotLoader.MAPPER.treeToValue(doc.tree(), type);
      JsonNode encoded = SnapshotLoader.MAPPER.valueToTree(decoded);
      assertThat(withoutNulls(encoded).equals(NUMBERS_BY_VALUE, withoutNulls(doc.tree())))
          .as("%s re-encodes to %s", doc.source(), encoded).isTrue();
      assertThat(SnapshotLoader.MAPPER.treeToValue(encoded, type)).as(doc.source()).usingRecursiveComparison().isEqualTo(decoded);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("configurationFiles")
  void examplesAreValidConfigurations(Path file) throws Exception {
    BgpType mode = file.getParent().getFileName().toString().equals("frr") ? BgpType.FRR : BgpType.NATIVE;
    SnapshotLoader.Loaded loaded = SnapshotLoader.load(ManifestReader.read(List.of(file)), SnapshotLoader.DEFAULT_NAMESPACE);
    assertThat(loaded.decodeErrors()).isEmpty();
    assertThat(loaded.warnings()).isEmpty();
    ParseResult result = ConfigParser.parse(loaded.snapshot(), ConfigParser.Options.of(mode));
    assertThat(result).as("%s in %s mode: %s", file, mode, result).isInstanceOf(ParseResult.Valid.class);
  }

  private static Class<? extends HasMetadata> typeOf(ManifestDocument doc) {
    return switch (doc.apiVersion() + " " + doc.kind()) {
      case "metallb.io/v1beta1 IPAddressPool" -> io.metallb.api.v1beta1.IPAddressPool.class;
      case "metallb.io/v1beta1 L2Advertisement" -> io.metallb.api.v1beta1.L2Advertisement.class;
      case "metallb.io/v1beta1 BGPAdvertisement" -> io.metallb.api.v1beta1.BGPAdvertisement.class;
      case "metallb.io/v1beta1 BGPPeer" -> io.metallb.api.v1beta1.BGPPeer.class;
      case "metallb.io/v1beta2 BGPPeer" -> io.metallb.api.v1beta2.BGPPeer.class;
      case "metallb.io/v1beta1 BFDProfile" -> io.metallb.api.v1beta1.BFDProfile.class;
      case "metallb.io/v1beta1 Community" -> io.metallb.api.v1beta1.Community.class;
      default -> throw new AssertionError("no class for " + doc.apiVersion() + " " + doc.kind());
    };
  }

  /** Absent and null mean the same to the API server. */
  private static JsonNode withoutNulls(JsonNode node) {
    if (node.isObject()) {
      var copy = SnapshotLoader.MAPPER.createObjectNode();
      node.propertyStream().filter(e -> !e.getValue().isNull() && !(e.getValue().isObject() && e.getValue().isEmpty() && e.getKey().equals("status")))
          .forEach(e -> copy.set(e.getKey(), withoutNulls(e.getValue())));
      return copy;
    }
    if (node.isArray()) {
      var copy = SnapshotLoader.MAPPER.createArrayNode();
      node.forEach(v -> copy.add(withoutNulls(v)));
      return copy;
    }
    return node;
  }
}
