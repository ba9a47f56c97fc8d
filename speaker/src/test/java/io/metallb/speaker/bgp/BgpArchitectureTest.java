package io.metallb.speaker.bgp;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.assignableTo;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.properties.HasName.Predicates.name;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.concurrent.Executor;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * The BGP functional core (messages, reader/writer, FSM, planning) imports no Netty channel, no
 * threads or executors and reads no clock; only {@code ..bgp.netty..} and the codec's two Netty
 * adapters do I/O.
 */
class BgpArchitectureTest {
  private static final JavaClasses CLASSES = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages("io.metallb.speaker.bgp");
  private static final String[] PURE = {"io.metallb.speaker.bgp", "io.metallb.speaker.bgp.message..",
      "io.metallb.speaker.bgp.fsm.."};

  @Test
  void pureCoreHasNoChannelsThreadsOrClocks() {
    noClasses().that(resideInAnyPackage(PURE)
            .or(name("io.metallb.speaker.bgp.codec.BgpMessageReader"))
            .or(name("io.metallb.speaker.bgp.codec.BgpMessageWriter")))
        .and().haveSimpleNameNotEndingWith("Test")
        .should().dependOnClassesThat().resideInAnyPackage("io.netty.channel..", "java.lang.foreign..", "java.util.concurrent.locks..")
        .orShould().dependOnClassesThat(assignableTo(Thread.class).or(assignableTo(Executor.class))
            .or(assignableTo(Future.class)).or(assignableTo(java.util.Timer.class)))
        .orShould().callMethod(System.class, "currentTimeMillis")
        .orShould().callMethod(System.class, "nanoTime")
        .orShould().callMethod(java.time.Instant.class, "now")
        .orShould().callMethod(Thread.class, "sleep", long.class)
        .check(CLASSES);
  }

  @Test
  void messagesDependOnNothingButJavaAndTheApiValueTypes() {
    noClasses().that().resideInAPackage("io.metallb.speaker.bgp.message..")
        .should().dependOnClassesThat().resideOutsideOfPackages("java..", "io.metallb.speaker.bgp.message..", "io.metallb.net..")
        .check(CLASSES);
  }
}
