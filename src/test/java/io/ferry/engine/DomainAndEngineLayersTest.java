package io.ferry.engine;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.ArchConfiguration;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Beyond the general layer rules (io.ferry.arch.LayerRulesTest): the domain does no I/O at all, and the engine
 * knows providers only through the SPI, never a concrete one.
 */
class DomainAndEngineLayersTest {
    private static final JavaClasses MAIN = importMain();

    /** Ferry's own compiled classes; what they refer to is named, not loaded (fast, and enough for these rules). */
    private static JavaClasses importMain() {
        ArchConfiguration config = ArchConfiguration.get();
        boolean resolve = config.resolveMissingDependenciesFromClassPath();
        config.setResolveMissingDependenciesFromClassPath(false);
        try {
            return new ClassFileImporter().importPath(Path.of("target", "classes", "io", "ferry"));
        } finally {
            config.setResolveMissingDependenciesFromClassPath(resolve);
        }
    }

    @Test
    void theDomainDoesNoIo() {
        noClasses().that().resideInAPackage("io.ferry.domain..")
                .should().dependOnClassesThat().resideInAnyPackage("java.io..", "java.nio..", "java.net..",
                        "java.sql..", "java.net.http..")
                .check(MAIN);
    }

    @Test
    void theEngineKnowsNoConcreteProvider() {
        noClasses().that().resideInAPackage("io.ferry.engine..")
                .should().dependOnClassesThat().resideInAnyPackage("io.ferry.provider.*..")
                .check(MAIN);
    }
}
