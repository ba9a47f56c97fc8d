package io.metallb.api.crd;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class SchemaDumpScratchTest {
  @Test
  void dump() throws Exception {
    StringBuilder sb = new StringBuilder();
    for (var e : CrdGeneration.generate(Path.of("target", "crd-generator")).entrySet()) {
      SchemaFlattener.flatten(CrdGeneration.YAML.readTree(e.getValue())).forEach(l -> sb.append(l).append('\n'));
    }
    Files.writeString(Path.of("target/flat.txt"), sb);
  }
}
