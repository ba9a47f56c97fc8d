package io.metallb.speaker.bfd;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.assignableTo;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.concurrent.Executor;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

/**
 * The BFD core (packets, codec, session machine, settings) imports no Netty, no threads or
 * executors, reads no clock and draws no randomness it was not given; only {@code ..bfd.netty..}
 * does I/O.
 */
class BfdArchitectureTest {
  private static final JavaClasses CLASSES = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages("io.metallb.speaker.bfd");

  @Test
  void coreHasNoNettyThreadsClocksOrHiddenRandomness() {
    noClasses().that().resideInAPackage("io.metallb.speaker.bfd")
        .should().dependOnClassesThat().resideInAnyPackage("io.netty..", "java.lang.foreign..", "java.net..", "java.util.concurrent.locks..")
        .orShould().dependOnClassesThat(assignableTo(Thread.class).or(assignableTo(Executor.class))
            .or(assignableTo(Future.class)).or(assignableTo(java.util.Timer.class)).or(assignableTo(ThreadLocalRandom.class))
            .or(assignableTo(java.util.Random.class)))
        .orShould().callMethod(System.class, "currentTimeMillis")
        .orShould().callMethod(System.class, "nanoTime")
        .orShould().callMethod(java.time.Instant.class, "now")
        .orShould().callMethod(Math.class, "random")
        .check(CLASSES);
  }
}
