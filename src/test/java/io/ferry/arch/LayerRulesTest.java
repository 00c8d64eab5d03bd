package io.ferry.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The layer rules of DEVELOPERS.md: arrows point down only (ui, cli → engine → provider → domain; store beside). */
class LayerRulesTest {
    private static JavaClasses ferry;

    @BeforeAll
    static void importClasses() {
        ferry = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.ferry");
    }

    @Test
    void domainIsPureJava() {
        classes().that().resideInAPackage("io.ferry.domain..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("io.ferry.domain..", "java..")
                .because("the domain is pure Java: records and enums, no JavaFX, no I/O libraries")
                .check(ferry);
    }

    @Test
    void onlyUiAndAppTouchJavaFx() {
        noClasses().that().resideInAnyPackage(
                        "io.ferry.domain..", "io.ferry.engine..", "io.ferry.provider..", "io.ferry.store..", "io.ferry.cli..")
                .should().dependOnClassesThat().resideInAnyPackage("javafx..", "atlantafx..", "org.controlsfx..")
                .check(ferry);
    }

    @Test
    void lowerLayersDoNotReachUp() {
        noClasses().that().resideInAnyPackage(
                        "io.ferry.domain..", "io.ferry.provider..", "io.ferry.engine..", "io.ferry.store..")
                .should().dependOnClassesThat().resideInAnyPackage("io.ferry.ui..", "io.ferry.cli..", "io.ferry.app..")
                .check(ferry);
    }

    @Test
    void providersKnowOnlyTheDomainAndTheirSpi() {
        noClasses().that().resideInAPackage("io.ferry.provider..")
                .should().dependOnClassesThat().resideInAnyPackage("io.ferry.engine..", "io.ferry.store..")
                .check(ferry);
    }

    @Test
    void engineDoesNotKnowTheStore() {
        noClasses().that().resideInAPackage("io.ferry.engine..")
                .should().dependOnClassesThat().resideInAPackage("io.ferry.store..")
                .because("the store plugs in through engine.TransferJournal, wired in app")
                .check(ferry);
    }

    @Test
    void uiAndCliStayApart() {
        noClasses().that().resideInAPackage("io.ferry.ui..")
                .should().dependOnClassesThat().resideInAnyPackage("io.ferry.cli..", "io.ferry.store..", "io.ferry.app..")
                .check(ferry);
        noClasses().that().resideInAPackage("io.ferry.cli..")
                .should().dependOnClassesThat().resideInAnyPackage("io.ferry.ui..", "io.ferry.app..")
                .check(ferry);
    }
}
