package io.ferry.app;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;

import io.ferry.store.EncryptedFileSecretStore;
import io.ferry.ui.connections.ConnectionsPort.Kind;
import io.ferry.ui.connections.ConnectionsPort.Profile;
import io.ferry.ui.i18n.I18n;
import io.ferry.ui.secrets.PassphraseViewModel;
import io.ferry.ui.secrets.SecretsPort;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * The window's passphrase sheet (its view model, no stage) over the app's real wiring: {@link AppSecrets} and
 * {@link AppConnections} over {@link Services}, a real data directory, the real encrypted secrets file. The
 * system is named "Plan 9" so no OS secret store answers, as on a Linux desktop without Secret Service. The
 * shipped logback.xml logs at DEBUG into the data directory, which is scanned afterwards with the log in it.
 */
class PassphraseUnlockAgainstEncryptedFileTest {
    private static final String CANARY = "canary-pw-" + "91c4e7";
    private static final String PASSPHRASE = "ferry session passphrase";
    private static final String WRONG = "ferry session passphrasf";

    @TempDir
    Path data;

    private final I18n i18n = new I18n(Locale.ENGLISH);
    private final List<String> events = new ArrayList<>();

    @BeforeEach
    void logTheShippedWayAtDebug() throws Exception {
        configureLogging("/logback.xml", true);
    }

    @AfterEach
    void restoreTestLogging() throws Exception {
        configureLogging("/logback-test.xml", false);
    }

    private void configureLogging(String resource, boolean intoDataDir) throws Exception {
        LoggerContext ctx = (LoggerContext) LoggerFactory.getILoggerFactory();
        ctx.reset();
        if (intoDataDir) {
            ctx.putProperty("ferry.logDir", data.resolve("logs").toString());
            ctx.putProperty("FERRY_LOG_LEVEL", "DEBUG");
        }
        JoranConfigurator jc = new JoranConfigurator();
        jc.setContext(ctx);
        try (InputStream in = PassphraseUnlockAgainstEncryptedFileTest.class.getResourceAsStream(resource)) {
            jc.doConfigure(in);
        }
    }

    private Services session() {
        return Services.open(data, List.of(), (journal, secrets, providers, settings) -> {
            throw new AssertionError("no engine in this test");
        }, Map.of(), "Plan 9");
    }

    private PassphraseViewModel sheet(AppSecrets secrets) {
        return new PassphraseViewModel(secrets, secrets.state(), secrets.fileLocation(), i18n, Runnable::run, Runnable::run,
                () -> events.add("unlocked"));
    }

    @Test
    void theFirstSessionCreatesTheFileTheNextUnlocksItAndAWrongPassphraseChangesNothing() throws Exception {
        String profileId;
        try (Services services = session()) {
            AppSecrets secrets = new AppSecrets(services);
            AppConnections connections = AppConnections.of(services);
            assertThat(secrets.state()).isEqualTo(SecretsPort.State.ABSENT);
            assertThat(connections.hasSecret("none")).isFalse();

            PassphraseViewModel create = sheet(secrets);
            assertThat(create.creating()).isTrue();
            create.passphraseProperty().set(PASSPHRASE);
            create.confirmationProperty().set(PASSPHRASE);
            create.unlock();

            assertThat(events).containsExactly("unlocked");
            assertThat(secrets.state()).isEqualTo(SecretsPort.State.OPEN);
            assertThat(data.resolve(EncryptedFileSecretStore.FILE_NAME)).as("created at once, under that passphrase").exists();
            profileId = connections.save(new Profile("", Kind.ELEMENT, "cluster", Map.of("mvip", "https://10.0.0.5", "username", "admin")),
                    CANARY.toCharArray()).id();
            assertThat(connections.hasSecret(profileId)).isTrue();
        }

        try (Services services = session()) {
            AppSecrets secrets = new AppSecrets(services);
            AppConnections connections = AppConnections.of(services);
            assertThat(secrets.state()).isEqualTo(SecretsPort.State.LOCKED);
            byte[] before = Files.readAllBytes(data.resolve(EncryptedFileSecretStore.FILE_NAME));

            PassphraseViewModel unlock = sheet(secrets);
            assertThat(unlock.creating()).isFalse();
            unlock.passphraseProperty().set(WRONG);
            unlock.unlock();

            assertThat(unlock.messageProperty().get()).contains("The passphrase does not open the secrets file",
                    EncryptedFileSecretStore.FILE_NAME, "nothing was changed").doesNotContain(WRONG);
            assertThat(Files.readAllBytes(data.resolve(EncryptedFileSecretStore.FILE_NAME))).as("not overwritten").isEqualTo(before);
            assertThat(secrets.state()).isEqualTo(SecretsPort.State.LOCKED);
            assertThat(connections.hasSecret(profileId)).as("still locked: no store to ask").isFalse();

            unlock.passphraseProperty().set(PASSPHRASE);
            unlock.unlock();

            assertThat(events).containsExactly("unlocked", "unlocked");
            assertThat(secrets.state()).isEqualTo(SecretsPort.State.OPEN);
            assertThat(connections.hasSecret(profileId)).isTrue();
            assertThat(services.secrets(null).orElseThrow().get(io.ferry.store.ConnectionProfile.secretRefFor(profileId))).contains(CANARY);
        }
        ((LoggerContext) LoggerFactory.getILoggerFactory()).stop(); // flush and close the log file
        try (Stream<Path> logs = Files.list(data.resolve("logs"))) {
            String log = Files.readString(logs.filter(f -> f.toString().endsWith(".log")).findFirst().orElseThrow());
            assertThat(log).as("the log says what happened to the file").contains("created with the passphrase typed",
                    "was not unlocked", "unlocked with the passphrase typed");
        }
        assertNowhereInTheDataDirectory(CANARY);
        assertNowhereInTheDataDirectory(PASSPHRASE);
        assertNowhereInTheDataDirectory(WRONG);
    }

    private void assertNowhereInTheDataDirectory(String secret) throws IOException {
        byte[][] forms = {secret.getBytes(StandardCharsets.UTF_8), secret.getBytes(StandardCharsets.UTF_16LE)};
        try (Stream<Path> files = Files.walk(data)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                byte[] bytes = Files.readAllBytes(f);
                for (byte[] form : forms) {
                    assertThat(indexOf(bytes, form)).as("%s holds %s", f, secret).isEqualTo(-1);
                }
            }
        }
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
