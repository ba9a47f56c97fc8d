package io.metallb.api.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.base.DescribedPredicate;

/**
 * The api module's boundaries (ARCHITECTURE.md): the pure packages (config, net, conversion,
 * schema) use no Kubernetes client, Netty, FFM, threads or clock; model classes only.
 */
@AnalyzeClasses(packages = "io.metallb", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
  static final String[] PURE = {"io.metallb.config..", "io.metallb.net..", "io.metallb.api.conversion..", "io.metallb.api.schema.."};

  /** fabric8's client package, except CustomResource, the base class of every model class. */
  static final DescribedPredicate<JavaClass> KUBERNETES_CLIENT =
      new DescribedPredicate<>("the fabric8 Kubernetes client (other than CustomResource)") {
        @Override
        public boolean test(JavaClass c) {
          return c.getPackageName().startsWith("io.fabric8.kubernetes.client")
              && !c.getName().equals("io.fabric8.kubernetes.client.CustomResource");
        }
      };

  @ArchTest
  static final ArchRule pureCodeUsesNoKubernetesClient =
      noClasses().that().resideInAnyPackage(PURE).should().dependOnClassesThat(KUBERNETES_CLIENT);

  @ArchTest
  static final ArchRule pureCodeUsesNoNettyNorFfm =
      noClasses().that().resideInAnyPackage(PURE).should().dependOnClassesThat().resideInAnyPackage("io.netty..", "java.lang.foreign..");

  @ArchTest
  static final ArchRule pureCodeStartsNoThreads =
      noClasses().that().resideInAnyPackage(PURE).should().dependOnClassesThat()
          .haveFullyQualifiedName("java.lang.Thread")
          .orShould().dependOnClassesThat().resideInAnyPackage("java.util.concurrent..");

  @ArchTest
  static final ArchRule pureCodeReadsNoClock =
      noClasses().that().resideInAnyPackage(PURE).should().callMethod(System.class, "currentTimeMillis")
          .orShould().callMethod(System.class, "nanoTime")
          .orShould().callMethod(java.time.Instant.class, "now")
          .orShould().callMethod(java.time.Clock.class, "systemUTC")
          .orShould().callMethod(java.time.Clock.class, "systemDefaultZone");

  @ArchTest
  static final ArchRule configDoesNoFileIo =
      noClasses().that().resideInAnyPackage("io.metallb.config..", "io.metallb.net..").should().dependOnClassesThat()
          .resideInAnyPackage("java.nio.file..", "java.io..")
          .allowEmptyShould(true);
}
