package io.ferry.engine;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.ArchConfiguration;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The domain is pure (no I/O, no JavaFX, nothing above it); the engine knows providers only through the SPI. */
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
    void theDomainDoesNoIoAndKnowsNoOtherLayer() {
        noClasses().that().resideInAPackage("io.ferry.domain..")
                .should().dependOnClassesThat().resideInAnyPackage("java.io..", "java.nio..", "java.net..",
                        "java.sql..", "javafx..", "io.ferry.engine..", "io.ferry.provider..", "io.ferry.store..",
                        "io.ferry.ui..", "io.ferry.cli..", "io.ferry.app..", "com.fasterxml..", "okhttp3..")
                .check(MAIN);
    }

    @Test
    void theEngineHasNoJavaFxAndNoConcreteProvider() {
        noClasses().that().resideInAPackage("io.ferry.engine..")
                .should().dependOnClassesThat().resideInAnyPackage("javafx..", "io.ferry.ui..", "io.ferry.cli..",
                        "io.ferry.app..", "io.ferry.store..", "io.ferry.provider.*..")
                .check(MAIN);
    }
}
