package io.ferry.ui.about;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The About dialog's model, without a stage: what the operator reads and copies into a bug report. */
class AboutViewModelTest {
    private static final List<LibraryLicense> LIBS = LibraryLicense.parse("""
            # Libraries bundled with Ferry and their licenses (3 entries).
            org.openjfx:javafx-controls:26.0.2\tjavafx controls\tGPL-2.0-with-classpath-exception\thttps://openjdk.org/projects/openjfx/
            org.xerial:sqlite-jdbc:3.54.1.0\tSQLite JDBC\tApache-2.0\thttps://github.com/xerial/sqlite-jdbc
            com.squareup.okhttp3:okhttp-jvm:5.5.1\tokhttp\tApache-2.0\thttps://square.github.io/okhttp/
            """);

    private static AboutViewModel model() {
        return new AboutViewModel(new BuildInfo("1.2.3", "abc1234", "2026-11-23T11:44:49+00:00"),
                "25.0.3+9-LTS (Eclipse Adoptium)", "26.0.2+3", LIBS);
    }

    @Test
    void showsVersionCommitAndRuntimes() {
        AboutViewModel vm = model();

        assertThat(vm.title()).isEqualTo("Ferry 1.2.3");
        assertThat(vm.commit()).isEqualTo("abc1234 (2026-11-23T11:44:49+00:00)");
        assertThat(vm.java()).isEqualTo("25.0.3+9-LTS (Eclipse Adoptium)");
        assertThat(vm.javaFx()).isEqualTo("26.0.2+3");
        assertThat(vm.licenseSummary()).isEqualTo("2 Apache-2.0, 1 GPL-2.0-with-classpath-exception");
    }

    @Test
    void searchFiltersByNameCoordinatesOrLicenseAndSaysHowManyAreShown() {
        AboutViewModel vm = model();
        assertThat(vm.shownProperty().get()).isEqualTo("3 libraries");

        vm.filterProperty().set("apache");
        assertThat(vm.libraries()).extracting(LibraryLicense::name).containsExactly("SQLite JDBC", "okhttp");
        assertThat(vm.shownProperty().get()).isEqualTo("2 of 3 libraries");

        vm.filterProperty().set("  OPENJFX ");
        assertThat(vm.libraries()).extracting(LibraryLicense::name).containsExactly("javafx controls");

        vm.filterProperty().set("");
        assertThat(vm.libraries()).hasSize(3);
    }

    @Test
    void reportListsEverythingForABugReport() {
        assertThat(model().report()).contains(
                "Ferry 1.2.3", "Commit: abc1234", "Java: 25.0.3+9-LTS", "JavaFX: 26.0.2+3", "Bundled libraries (3):",
                "  SQLite JDBC (org.xerial:sqlite-jdbc:3.54.1.0): Apache-2.0");
    }

    @Test
    void aBrokenListLineIsKeptWithUnknownRatherThanDropped() {
        List<LibraryLicense> libs = LibraryLicense.parse("org.example:odd:1.0\tOdd library\n\n# comment\n");

        assertThat(libs).containsExactly(new LibraryLicense("org.example:odd:1.0", "Odd library", "unknown", ""));
    }

    @Test
    void aBuildWithoutGitShowsUnknownCommit() {
        AboutViewModel vm = new AboutViewModel(new BuildInfo("1.2.3", "unknown", "unknown"), "j", "fx", List.of());

        assertThat(vm.commit()).isEqualTo("unknown");
        assertThat(vm.shownProperty().get()).isEqualTo("0 libraries");
    }

    @Test
    void theRealBuildFilledInVersionCommitAndTheBundledList() {
        AboutViewModel vm = AboutViewModel.fromRuntime();

        assertThat(vm.version()).as("filtered from the POM").matches("\\d+\\.\\d+\\.\\d+.*");
        assertThat(vm.commit()).as("written by git at build time").matches("[0-9a-f]{7,} \\(.+\\)");
        assertThat(vm.java()).startsWith(String.valueOf(Runtime.version().feature()));
        assertThat(vm.javaFx()).startsWith("26.");
        assertThat(vm.libraries())
                .extracting(LibraryLicense::coordinates, LibraryLicense::licenses)
                .contains(
                        org.assertj.core.groups.Tuple.tuple("org.openjfx:javafx-controls:26.0.2", "GPL-2.0-with-classpath-exception"),
                        org.assertj.core.groups.Tuple.tuple("org.xerial:sqlite-jdbc:3.54.1.0", "Apache-2.0"));
        assertThat(vm.libraries()).allSatisfy(l -> assertThat(l.licenses()).isNotEqualTo("unknown"));
    }
}
