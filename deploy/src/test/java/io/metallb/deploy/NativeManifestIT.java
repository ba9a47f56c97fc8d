package io.metallb.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.metallb.lab.apiserver.ApiServer;
import io.metallb.lab.apiserver.Kubeconfig;
import io.metallb.lab.apiserver.Kubectl;
import io.metallb.lab.process.CommandResult;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * {@code kubectl apply --dry-run=client --validate=false -f config/manifests/metallb-native.yaml}
 * accepts every object, against the lab's API server on loopback (kubectl needs discovery even for
 * a client-side dry run).
 */
class NativeManifestIT {
  @Test
  void kubectlAcceptsTheManifest() throws Exception {
    Path work = HelmChart.repositoryRoot().resolve("deploy/target/native-manifest-it");
    Files.createDirectories(work);
    try (ApiServer api = ApiServer.start("127.0.0.1", 0)) {
      Path kubeconfig = work.resolve("kubeconfig");
      Files.writeString(kubeconfig, Kubeconfig.render(api.url()));
      Kubectl kubectl = new Kubectl(kubeconfig, work);
      CommandResult result = kubectl.run("apply", "--dry-run=client", "--validate=false", "-f",
          HelmChart.repositoryRoot().resolve(ManifestGenerator.NATIVE_MANIFEST).toString());
      assertThat(result.exitCode()).as(result.stderr()).isZero();
      assertThat(result.stdout()).contains(
          "namespace/metallb-system created (dry run)",
          "customresourcedefinition.apiextensions.k8s.io/bgppeers.metallb.io created (dry run)",
          "daemonset.apps/metallb-speaker created (dry run)",
          "deployment.apps/metallb-controller created (dry run)",
          "validatingwebhookconfiguration.admissionregistration.k8s.io/metallb-webhook-configuration created (dry run)");
      assertThat(result.stdout().lines().filter(l -> l.endsWith("(dry run)")).count())
          .isEqualTo(Rendered.parse(Files.readString(HelmChart.repositoryRoot().resolve(ManifestGenerator.NATIVE_MANIFEST))).objects().size());
    }
  }
}
