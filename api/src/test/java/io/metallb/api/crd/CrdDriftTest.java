package io.metallb.api.crd;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The CRDs in {@code config/crd/} are what the build generates. Regenerate them with
 * {@code ./mvnw -pl api test -Dtest=CrdDriftTest -Dmetallb.updateCrds=true}.
 */
class CrdDriftTest {
  static final Path CHECKED_IN = Path.of("..", "config", "crd");

  @Test
  void checkedInCrdsMatchTheGeneratedOnes() throws IOException {
    Map<String, String> generated = CrdGeneration.generate(Path.of("target", "crd-generator"));
    if (Boolean.getBoolean("metallb.updateCrds")) {
      Files.createDirectories(CHECKED_IN);
      try (Stream<Path> old = Files.list(CHECKED_IN)) {
        for (Path f : old.filter(p -> p.getFileName().toString().startsWith("metallb.io_")).toList()) {
          Files.delete(f);
        }
      }
      for (var e : generated.entrySet()) {
        Files.writeString(CHECKED_IN.resolve(e.getKey()), e.getValue());
      }
    }
    assertThat(generated).hasSize(9);
    for (var e : generated.entrySet()) {
      Path file = CHECKED_IN.resolve(e.getKey());
      assertThat(file).as("generated CRD %s is checked in; regenerate with -Dmetallb.updateCrds=true", e.getKey()).exists();
      assertThat(Files.readString(file))
          .as("%s drifted from the generated CRD; regenerate with -Dmetallb.updateCrds=true", file)
          .isEqualTo(e.getValue());
    }
    try (Stream<Path> files = Files.list(CHECKED_IN)) {
      assertThat(files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("metallb.io_")))
          .as("no stale CRD files in config/crd")
          .containsExactlyInAnyOrderElementsOf(generated.keySet());
    }
  }
}
