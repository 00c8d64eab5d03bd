package io.ferry.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.ferry.cli.Cli;
import io.ferry.cli.CliContext;
import io.ferry.cli.CliFactory;
import io.ferry.cli.HealthChecks;
import io.ferry.store.SqliteStore;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code ferry doctor} end to end through the real command line, against real data directories and SQLite files. */
class DoctorCommandTest {
    @TempDir
    Path tmp;

    private record Run(int exit, String out) {}

    private Run doctor(Path dataDir, String secretTool, Map<String, String> env) {
        return doctor(dataDir, secretTool, env, "Linux");
    }

    private Run doctor(Path dataDir, String secretTool, Map<String, String> env, String osName) {
        try (CliContext context = new CliContext(dir -> {
            throw new AssertionError("doctor must not open the full backend");
        }, false)) {
            HealthChecks checks = new AppHealthChecks(env, osName, tmp.resolve("home").toString(), secretTool);
            CommandLine cli = Cli.create(new CliFactory(context).register(HealthChecks.class, checks), context);
            StringWriter out = new StringWriter();
            cli.setOut(new PrintWriter(out));
            int exit = cli.execute("--data-dir", dataDir.toString(), "doctor");
            return new Run(exit, out.toString());
        }
    }

    private Run doctor(Path dataDir) {
        return doctor(dataDir, tmp.resolve("no-such-secret-tool").toString(), Map.of());
    }

    private static String line(Run run, String name) {
        return run.out().lines().filter(l -> l.substring(5).startsWith(name)).findFirst().orElseThrow(
                () -> new AssertionError("no " + name + " line in:\n" + run.out()));
    }

    @Test
    void freshDataDirectoryPassesAndSaysTheStoreIsCreatedOnFirstUse() {
        Run run = doctor(tmp.resolve("data"));

        assertThat(run.exit()).isZero();
        assertThat(run.out()).contains("All 6 checks passed.");
        assertThat(line(run, "Java")).startsWith("OK").contains(String.valueOf(Runtime.version().feature()));
        assertThat(line(run, "JavaFX")).startsWith("OK").contains("26.");
        assertThat(line(run, "Data dir")).startsWith("OK").contains(tmp.resolve("data").toString(), "--data-dir", "not created yet");
        assertThat(line(run, "Store")).startsWith("OK").contains("no ferry.db yet");
        assertThat(Files.exists(tmp.resolve("data").resolve("ferry.db"))).as("doctor creates no database").isFalse();
    }

    @Test
    void existingStorePassesTheIntegrityCheckAndShowsItsSchemaVersion() {
        Path dir = tmp.resolve("data");
        int version;
        try (SqliteStore store = SqliteStore.open(dir)) {
            version = store.schemaVersion();
        }

        Run run = doctor(dir);

        assertThat(run.exit()).isZero();
        assertThat(line(run, "Store")).startsWith("OK").contains("integrity ok", "schema version " + version);
        assertThat(line(run, "Data dir")).startsWith("OK").doesNotContain("not created yet");
    }

    @Test
    void damagedDatabaseFailsWithWhatToDoAndExitsOne() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("data"));
        Files.writeString(dir.resolve("ferry.db"), "this is not an SQLite database, just text that got there somehow\n".repeat(100));

        Run run = doctor(dir);

        assertThat(run.exit()).isEqualTo(1);
        assertThat(line(run, "Store")).startsWith("FAIL").contains("ferry.db", " — ", "move it aside");
        assertThat(run.out()).contains("1 of 6 checks failed.");
        assertThat(Files.readString(dir.resolve("ferry.db"))).as("the damaged file is left as it was").startsWith("this is not");
    }

    @Test
    void dataDirectoryThatIsAFileFails() throws IOException {
        Path file = Files.writeString(tmp.resolve("data"), "x");

        Run run = doctor(file);

        assertThat(run.exit()).isEqualTo(1);
        assertThat(line(run, "Data dir")).startsWith("FAIL").contains("not a directory", "--data-dir or FERRY_DATA_DIR");
    }

    @Test
    void withoutSecretServiceTheEncryptedFileFallbackIsReported() {
        Run run = doctor(tmp.resolve("data"), tmp.resolve("no-such-secret-tool").toString(), Map.of("FERRY_PASSPHRASE", "pw"));

        assertThat(line(run, "Secrets")).startsWith("OK").contains("encrypted file fallback", "FERRY_PASSPHRASE is set");
    }

    @Test
    void aSecretToolThatAnswersIsReportedAsTheSecretService() throws IOException {
        // A stand-in secret-tool behaving as the real one does when the Secret Service answers a lookup for an
        // unknown item: exit 1, nothing on stderr.
        Path tool = tmp.resolve("secret-tool");
        Files.writeString(tool, "#!/bin/sh\nexit 1\n");
        Files.setPosixFilePermissions(tool, PosixFilePermissions.fromString("rwx------"));

        Run run = doctor(tmp.resolve("data"), tool.toString(), Map.of());

        assertThat(line(run, "Secrets")).startsWith("OK").contains("Secret Service (secret-tool)");
    }

    /**
     * On Windows doctor names the Credential Manager. This machine is Linux, so java-keyring's Windows backend
     * cannot load Advapi32: the line must say that store was tried and why it fell back (the real Credential
     * Manager is not exercised here).
     */
    @Test
    void onWindowsTheCredentialManagerIsTriedAndItsFailureExplained() {
        Run run = doctor(tmp.resolve("data"), "secret-tool", Map.of(), "Windows 11");

        assertThat(run.exit()).isZero();
        assertThat(line(run, "Secrets")).startsWith("OK")
                .contains("encrypted file fallback (The Windows Credential Manager cannot be used: WINDOWS_CREDENTIAL_STORE",
                        "Ferry asks for a passphrase")
                .doesNotContain("secret-tool");
    }
}
