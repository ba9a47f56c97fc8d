package io.metallb.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The committed generated files are what the build generates now (deploy/target/generated, written
 * at process-classes by {@link ManifestGenerator}). When one drifts, {@code bin/update-generated}
 * brings it up to date.
 */
class GeneratedFilesTest {
  static final Path ROOT = HelmChart.repositoryRoot();
  static final Path GENERATED = ROOT.resolve("deploy/target/generated");
  static final String HOW_TO_FIX = "is out of date; run bin/update-generated and commit the result";

  @Test
  void chartCrdsAreTheGeneratedCrds() throws IOException {
    assertThat(Files.readString(ROOT.resolve(ManifestGenerator.CHART_CRDS)))
        .as(ManifestGenerator.CHART_CRDS + " " + HOW_TO_FIX)
        .isEqualTo(ManifestGenerator.chartCrds(ROOT.resolve("config/crd")));
  }

  @Test
  void nativeManifestIsTheRenderedChart() throws IOException {
    assertThat(Files.readString(ROOT.resolve(ManifestGenerator.NATIVE_MANIFEST)))
        .as(ManifestGenerator.NATIVE_MANIFEST + " " + HOW_TO_FIX)
        .isEqualTo(Files.readString(GENERATED.resolve(ManifestGenerator.NATIVE_MANIFEST)))
        .isEqualTo(ManifestGenerator.nativeManifest(HelmChart.ofRepository()));
  }

  @Test
  void nativeManifestStartsWithAPrivilegedNamespaceAndKeepsNoHelmBookkeeping() throws IOException {
    String manifest = Files.readString(ROOT.resolve(ManifestGenerator.NATIVE_MANIFEST));
    Rendered r = Rendered.parse(manifest);
    Namespace ns = (Namespace) r.objects().getFirst();
    assertThat(ns.getMetadata().getName()).isEqualTo("metallb-system");
    assertThat(ns.getMetadata().getLabels()).containsEntry("pod-security.kubernetes.io/enforce", "privileged");
    assertThat(manifest).doesNotContain("helm.sh/chart", "managed-by: Helm", "{{");
    assertThat(r.all(DaemonSet.class)).singleElement().satisfies(ds -> assertThat(ds.getSpec().getTemplate().getSpec().getHostNetwork()).isTrue());
    assertThat(r.objects()).allSatisfy(o -> assertThat(o.getMetadata().getNamespace()).isIn(null, "metallb-system"));
  }
}
