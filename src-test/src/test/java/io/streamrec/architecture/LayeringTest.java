package io.streamrec.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import io.streamrec.trainer.ModelFamilies;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Who may depend on whom, checked on the compiled main classes of every module (this module sees them all). The
 * modules stack schemas → model → streams-app, trainer → cli; inside the trainer, model families are independent
 * packages that the shared parts (data, evaluation, parity, publishing, the pipeline) never name. A family package is
 * found through the family registry, so a family added tomorrow is held to the same rules without editing this test.
 */
class LayeringTest {
    private static final String ROOT = "io.streamrec";
    private static JavaClasses classes;
    private static List<String> families;

    @BeforeAll
    static void importMainClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(LayeringTest::notATestJar)
                .importPackages(ROOT);
        families = Stream.concat(ModelFamilies.all().stream().map(Object::getClass),
                ModelFamilies.userItem().stream().map(Object::getClass)).map(Class::getPackageName).distinct().toList();
    }

    /** Test-jars of other modules (tiny graph builders, fixtures) are not part of what ships. */
    private static boolean notATestJar(Location location) {
        return !location.contains("-tests.jar") && !location.contains("/test-classes/");
    }

    @Test
    void everyModuleWasImported() {
        for (String pkg : List.of("schemas", "model", "streams", "trainer", "cli", "broker", "demo")) {
            assertThat(classes.containPackage(ROOT + "." + pkg)).as(pkg).isTrue();
        }
        assertThat(families).hasSizeGreaterThanOrEqualTo(4).allMatch(p -> p.startsWith(ROOT + ".trainer."));
    }

    @Test
    void servingNeverLoadsTheTrainingEngine() {
        noClasses().that().resideInAnyPackage(ROOT + ".streams..", ROOT + ".model..", ROOT + ".schemas..")
                .should().dependOnClassesThat().resideInAnyPackage(ROOT + ".trainer..", "ai.djl..")
                .because("the streams app runs without the training engine on its classpath")
                .check(classes);
    }

    @Test
    void modulesDependOnlyDownwards() {
        noClasses().that().resideInAPackage(ROOT + ".schemas..")
                .should().dependOnClassesThat().resideInAnyPackage(ROOT + ".model..", ROOT + ".streams..",
                        ROOT + ".trainer..")
                .check(classes);
        noClasses().that().resideInAPackage(ROOT + ".model..")
                .should().dependOnClassesThat().resideInAnyPackage(ROOT + ".streams..", ROOT + ".trainer..")
                .check(classes);
        noClasses().that().resideInAnyPackage(ROOT + ".schemas..", ROOT + ".model..", ROOT + ".streams..",
                        ROOT + ".trainer..")
                .should().dependOnClassesThat().resideInAnyPackage(cliPackages())
                .check(classes);
        noClasses().that().resideInAPackage(ROOT + ".trainer..")
                .should().dependOnClassesThat().resideInAPackage(ROOT + ".streams..")
                .check(classes);
    }

    @Test
    void onlyTheEmbeddedBrokerTouchesKafkaServerInternals() {
        noClasses().that().resideOutsideOfPackage(ROOT + ".broker..")
                .should().dependOnClassesThat().resideInAnyPackage("kafka..", "org.apache.kafka.server..",
                        "org.apache.kafka.metadata..", "org.apache.kafka.raft..")
                .check(classes);
    }

    @Test
    void familiesNeverImportEachOther() {
        for (String family : families) {
            String[] others = families.stream().filter(f -> !f.equals(family)).map(f -> f + "..")
                    .toArray(String[]::new);
            noClasses().that().resideInAPackage(family + "..")
                    .should().dependOnClassesThat().resideInAnyPackage(others)
                    .because("a family is one package; what two families share lives outside both")
                    .check(classes);
        }
    }

    @Test
    void sharedTrainerPartsNeverNameAFamily() {
        noClasses().that().resideInAnyPackage(ROOT + ".trainer.data..", ROOT + ".trainer.eval..",
                        ROOT + ".trainer.parity..", ROOT + ".trainer.publish..", ROOT + ".trainer.pipeline..")
                .should().dependOnClassesThat().resideInAnyPackage(families.stream().map(f -> f + "..")
                        .toArray(String[]::new))
                .because("the pipeline, data, evaluation and parity are written once for every family")
                .check(classes);
    }

    @Test
    void noPackageCycles() {
        slices().matching(ROOT + ".(**)").should().beFreeOfCycles().check(classes);
    }

    private static String[] cliPackages() {
        return Stream.of("cli", "bench", "broker", "demo", "replay", "torture").map(p -> ROOT + "." + p + "..")
                .toArray(String[]::new);
    }
}
