package io.ferry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The checks {@code ferry doctor} makes itself: the Java release and JavaFX's presence, and how a line reads. */
class DoctorChecksTest {
    @Test
    void javaOlderThan25FailsAndSaysWhatToDo() {
        CheckResult r = DoctorCommand.javaCheck(Runtime.Version.parse("21.0.4+7"), "Debian", "/usr/lib/jvm/java-21");

        assertThat(r.ok()).isFalse();
        assertThat(r.line()).startsWith("FAIL Java").contains("21.0.4+7", "/usr/lib/jvm/java-21", " — ", "Java 25");
    }

    @Test
    void java25Passes() {
        CheckResult r = DoctorCommand.javaCheck(Runtime.Version.parse("25.0.3+9"), "Eclipse Adoptium", "/opt/ferry/lib/runtime");

        assertThat(r.ok()).isTrue();
        assertThat(r.line()).isEqualTo("OK   Java      25.0.3+9 (Eclipse Adoptium) at /opt/ferry/lib/runtime");
    }

    @Test
    void missingJavaFxFails() {
        assertThat(DoctorCommand.javaFxCheck("not found").line()).startsWith("FAIL JavaFX").contains("reinstall");
        assertThat(DoctorCommand.javaFxCheck(VersionInfo.javaFxVersion()).ok()).as("JavaFX is on the test class path").isTrue();
    }

    @Test
    void aCommandLineWithoutTheAppsWiringReportsTheMissingStoreChecksAsAFailure() {
        try (CliContext context = new CliContext(dir -> {
            throw new AssertionError("doctor must not open the backend");
        }, false)) {
            picocli.CommandLine cli = Cli.create(context);
            java.io.StringWriter out = new java.io.StringWriter();
            cli.setOut(new java.io.PrintWriter(out));

            int exit = cli.execute("doctor");

            assertThat(exit).isEqualTo(1);
            assertThat(out.toString()).contains("OK   Java", "OK   JavaFX", "FAIL Store", "not wired", "1 of 3 checks failed.");
        }
    }
}
