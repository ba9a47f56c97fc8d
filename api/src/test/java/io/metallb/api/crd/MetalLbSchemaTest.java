package io.metallb.api.crd;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The generated CRDs equal MetalLB's, field for field: {@code crd/metallb-schemas.txt} is MetalLB's
 * CRD schemas (controller-gen output, spec §3) flattened by {@link SchemaFlattener}, one line per
 * property with its type, format, default, bounds, enum, required list, markers and CEL rules.
 */
class MetalLbSchemaTest {
  @Test
  void generatedSchemasEqualMetalLbs() throws IOException {
    List<String> actual = new ArrayList<>();
    for (var e : CrdGeneration.generate(Path.of("target", "crd-generator")).entrySet()) {
      actual.addAll(SchemaFlattener.flatten(CrdGeneration.YAML.readTree(e.getValue())));
    }
    if (Boolean.getBoolean("metallb.updateSchemaGolden")) {
      Files.writeString(Path.of("src/test/resources/crd/metallb-schemas.txt"), String.join("\n", actual) + "\n");
    }
    List<String> expected;
    try (InputStream in = getClass().getResourceAsStream("/crd/metallb-schemas.txt")) {
      expected = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank()).toList();
    }
    assertThat(actual).containsExactlyElementsOf(expected);
  }
}
