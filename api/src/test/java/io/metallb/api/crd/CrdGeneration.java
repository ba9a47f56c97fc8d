package io.metallb.api.crd;

import io.fabric8.crdv2.generator.CRDGenerator;
import io.metallb.api.MetalLbResources;
import io.metallb.api.manifest.JsonTrees;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;
import tools.jackson.dataformat.yaml.YAMLWriteFeature;

/**
 * Generates the metallb.io CRDs with fabric8's crd-generator and applies {@link CrdSchemaPatches}
 * so the schemas match MetalLB's field for field. Output: one {@code metallb.io_<plural>.yaml}
 * per CRD, as in MetalLB's {@code config/crd/bases}.
 */
final class CrdGeneration {
  static final YAMLMapper YAML =
      YAMLMapper.builder()
          .enable(YAMLWriteFeature.MINIMIZE_QUOTES)
          .disable(YAMLWriteFeature.WRITE_DOC_START_MARKER)
          .build();

  private CrdGeneration() {}

  /** Generates into {@code scratch} and returns file name → final YAML text. */
  static Map<String, String> generate(Path scratch) {
    try {
      Files.createDirectories(scratch);
      new CRDGenerator()
          .customResourceClasses(MetalLbResources.CUSTOM_RESOURCE_CLASSES)
          .inOutputDir(scratch.toFile())
          .forCRDVersions("v1")
          .withParallelGenerationEnabled(false)
          .generate();
      Map<String, String> out = new TreeMap<>();
      try (Stream<Path> files = Files.list(scratch)) {
        for (Path file : files.filter(f -> f.toString().endsWith("-v1.yml")).toList()) {
          ObjectNode crd = (ObjectNode) YAML.readTree(file.toFile());
          CrdSchemaPatches.apply(crd);
          String plural = crd.path("spec").path("names").path("plural").asString();
          out.put("metallb.io_" + plural + ".yaml", "---\n" + YAML.writeValueAsString(JsonTrees.sortedKeys(crd)));
        }
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
