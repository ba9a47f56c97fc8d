package io.metallb.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Generates the two files that are derived, and drift-checked by tests:
 * <ul>
 *   <li>{@code charts/metallb/charts/crds/templates/crds.yaml}, the CRDs of {@code config/crd/}
 *       (generated from the model classes) with the conversion webhook's namespace templated;</li>
 *   <li>{@code config/manifests/metallb-native.yaml}, MetalLB's plain manifest: the chart rendered
 *       with its default values but native BGP mode ({@code frrk8s.enabled=false}) as release
 *       {@code metallb} in {@code metallb-system}, preceded by
 *       that Namespace (labelled privileged for Pod Security Admission, as the speaker needs), with
 *       Helm's own bookkeeping labels left out.</li>
 * </ul>
 * The build (process-classes) writes both under {@code deploy/target/generated/}; {@code
 * bin/update-generated} copies them into the source tree.
 */
public final class ManifestGenerator {
  /** Where each generated file lives in the repository, relative to its root. */
  public static final Path CHART_CRDS = Path.of("charts/metallb/charts/crds/templates/crds.yaml");
  public static final Path NATIVE_MANIFEST = Path.of("config/manifests/metallb-native.yaml");

  private static final String CONVERSION_NAMESPACE = "          namespace: metallb-system\n";
  private static final String TEMPLATED_NAMESPACE = "          namespace: {{ .Release.Namespace | quote }}\n";

  private ManifestGenerator() {}

  /** Arguments: the repository root and the output directory. */
  public static void main(String[] args) throws IOException {
    Path root = Path.of(args[0]).toAbsolutePath().normalize();
    Path out = Path.of(args[1]);
    write(out.resolve(CHART_CRDS), chartCrds(root.resolve("config/crd")));
    write(out.resolve(NATIVE_MANIFEST), nativeManifest(new HelmChart(root.resolve("charts/metallb"))));
  }

  /** The CRD documents of {@code crdDirectory}, in file-name order, for the crds subchart. */
  public static String chartCrds(Path crdDirectory) throws IOException {
    List<Path> files;
    try (Stream<Path> list = Files.list(crdDirectory)) {
      files = list.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
    }
    StringBuilder all = new StringBuilder();
    for (Path file : files) {
      String crd = Files.readString(file);
      all.append(crd.startsWith("---") ? "" : "---\n").append(crd.replace(CONVERSION_NAMESPACE, TEMPLATED_NAMESPACE));
      if (!crd.endsWith("\n")) {
        all.append('\n');
      }
    }
    return all.toString();
  }

  /** {@code metallb-native.yaml}: the Namespace, then the chart rendered with its defaults. */
  public static String nativeManifest(HelmChart chart) {
    List<String> lines = new ArrayList<>();
    lines.add("# metallb-java, installed without Helm: kubectl apply -f metallb-native.yaml");
    lines.add("# Generated from charts/metallb by deploy/ (ManifestGenerator); do not edit.");
    lines.add("apiVersion: v1");
    lines.add("kind: Namespace");
    lines.add("metadata:");
    lines.add("  name: " + HelmChart.NAMESPACE);
    lines.add("  labels:");
    lines.add("    pod-security.kubernetes.io/enforce: privileged");
    lines.add("    pod-security.kubernetes.io/audit: privileged");
    lines.add("    pod-security.kubernetes.io/warn: privileged");
    // MetalLB's metallb-native.yaml is its native BGP mode; the chart defaults to FRR-K8s mode.
    for (String line : chart.render(Map.of("frrk8s.enabled", false)).split("\n", -1)) {
      String label = line.strip();
      if (label.startsWith("helm.sh/chart:") || label.equals("app.kubernetes.io/managed-by: Helm")) {
        continue;
      }
      lines.add(line);
    }
    String text = String.join("\n", lines).stripTrailing() + "\n";
    return text;
  }

  private static void write(Path file, String text) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
  }
}
