package io.metallb.speaker.memberlist;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The memberlist core and wire packages stay pure: no I/O, threads or clock reads. */
class MemberlistArchitectureTest {
  private static final JavaClasses CLASSES = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages("io.metallb.speaker.memberlist");

  @Test
  void coreAndWireImportNoNettyFabric8OrForeignMemory() {
    noClasses().that().resideInAnyPackage("..memberlist.core..", "..memberlist.wire..")
        .should().dependOnClassesThat().resideInAnyPackage("io.netty..", "io.fabric8..", "java.lang.foreign..",
            "java.nio.channels..", "tools.jackson..")
        .check(CLASSES);
  }

  @Test
  void coreAndWireStartNoThreadsAndReadNoClocks() {
    noClasses().that().resideInAnyPackage("..memberlist.core..", "..memberlist.wire..")
        .should().dependOnClassesThat().haveFullyQualifiedName("java.lang.Thread")
        .orShould().dependOnClassesThat().resideInAnyPackage("java.util.concurrent..")
        .orShould().dependOnClassesThat().haveFullyQualifiedName("java.util.Timer")
        .orShould().callMethod(System.class, "currentTimeMillis")
        .orShould().callMethod(System.class, "nanoTime")
        .orShould().callMethod(java.time.Instant.class, "now")
        .orShould().callMethod(java.time.InstantSource.class, "system")
        .orShould().callMethod(java.lang.Math.class, "random")
        .check(CLASSES);
  }

  @Test
  void coreDoesNotKnowTheTransport() {
    noClasses().that().resideInAnyPackage("..memberlist.core..", "..memberlist.wire..")
        .should().dependOnClassesThat().resideInAnyPackage("..memberlist.transport..")
        .orShould().dependOnClassesThat().haveFullyQualifiedName(Memberlist.class.getName())
        .check(CLASSES);
  }
}
