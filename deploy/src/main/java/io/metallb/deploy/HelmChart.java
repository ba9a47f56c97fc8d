package io.metallb.deploy;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import com.marcnuri.helm.TemplateCommand;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * {@code charts/metallb} rendered and linted by the real Helm, which helm-java embeds. Each call
 * runs Helm afresh (a few hundred milliseconds). Not for concurrent use with the same scratch
 * directory.
 */
public final class HelmChart {
  /** The namespace and release of {@code config/manifests/metallb-native.yaml}. */
  public static final String NAMESPACE = "metallb-system";
  public static final String RELEASE = "metallb";

  private static final ObjectMapper YAML = YAMLMapper.builder().build();

  private final Path directory;

  public HelmChart(Path directory) {
    this.directory = directory;
  }

  /** The chart of the repository that contains the working directory or one of its parents. */
  public static HelmChart ofRepository() {
    return new HelmChart(repositoryRoot().resolve("charts/metallb"));
  }

  /** The nearest directory, from the working directory up, that holds {@code charts/metallb}. */
  public static Path repositoryRoot() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isDirectory(dir.resolve("charts/metallb"))) {
        return dir;
      }
    }
    throw new IllegalStateException("no charts/metallb above " + Path.of("").toAbsolutePath());
  }

  public Path directory() {
    return directory;
  }

  /**
   * {@code helm template metallb charts/metallb -n metallb-system --set k=v ...}; keys are Helm's
   * dotted paths.
   *
   * @throws IllegalStateException with Helm's message when the chart does not render (a
   *     {@code fail} in a template, or values that break {@code values.schema.json})
   */
  public String render(Map<String, ?> values) {
    TemplateCommand template = new Helm(directory).template().withName(RELEASE).withNamespace(NAMESPACE);
    values.forEach(template::set);
    return template.call();
  }

  /** {@code helm lint --strict} with the chart's own values. */
  public LintResult lint() {
    return new Helm(directory).lint().strict().call();
  }

  /**
   * {@code helm lint --strict} with {@code values} laid over the chart's values. helm-java's lint
   * takes no values, so a copy of the chart under {@code scratch} gets the merged values.yaml.
   */
  public LintResult lint(Map<String, ?> values, Path scratch) {
    try {
      Path copy = scratch.resolve(directory.getFileName());
      deleteRecursively(copy);
      try (Stream<Path> files = Files.walk(directory)) {
        for (Path file : files.toList()) {
          Path target = copy.resolve(directory.relativize(file).toString());
          if (Files.isDirectory(file)) {
            Files.createDirectories(target);
          } else {
            Files.copy(file, target);
          }
        }
      }
      Path valuesFile = copy.resolve("values.yaml");
      @SuppressWarnings("unchecked")
      Map<String, Object> merged = YAML.readValue(valuesFile.toFile(), LinkedHashMap.class);
      values.forEach((key, value) -> put(merged, key.split("\\."), value));
      YAML.writeValue(valuesFile.toFile(), merged);
      return new Helm(copy).lint().strict().call();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @SuppressWarnings("unchecked")
  private static void put(Map<String, Object> tree, String[] path, Object value) {
    Map<String, Object> node = tree;
    for (int i = 0; i < path.length - 1; i++) {
      node = (Map<String, Object>) node.computeIfAbsent(path[i], k -> new LinkedHashMap<String, Object>());
    }
    node.put(path[path.length - 1], value);
  }

  private static void deleteRecursively(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(file);
      }
    }
  }
}
