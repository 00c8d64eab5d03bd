package io.ferry.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretStoreTest {
    static final String CANARY = "canary-Zq8!hunter2-" + "7f3a9c";

    @TempDir
    Path dir;

    @Test
    void theEncryptedFileKeepsSecretsAcrossInstancesAndRefusesAWrongPassphrase() {
        EncryptedFileSecretStore s = new EncryptedFileSecretStore(dir, "correct horse".toCharArray());
        assertThat(s.get("profile/a")).isEmpty();
        s.put("profile/a", "pw-a");
        s.put("profile/b", "pw-b");
        s.delete("profile/b");
        s.delete("profile/none");

        EncryptedFileSecretStore again = new EncryptedFileSecretStore(dir, "correct horse".toCharArray());
        assertThat(again.get("profile/a")).contains("pw-a");
        assertThat(again.get("profile/b")).isEmpty();

        assertThatThrownBy(() -> new EncryptedFileSecretStore(dir, "wrong".toCharArray()))
                .isInstanceOf(SecretStoreException.class)
                .hasMessageContaining("passphrase does not open")
                .hasMessageContaining(EncryptedFileSecretStore.FILE_NAME)
                .hasMessageNotContaining("pw-a");
        assertThatThrownBy(() -> new EncryptedFileSecretStore(dir, new char[0]))
                .hasMessageContaining("FERRY_PASSPHRASE");
    }

    @Test
    void theFileRecordsAStrongKdfAndATamperedFileIsRejected() throws IOException {
        new EncryptedFileSecretStore(dir, "pass".toCharArray()).put("r", "v");
        Path file = dir.resolve(EncryptedFileSecretStore.FILE_NAME);
        String json = Files.readString(file);
        assertThat(json).contains("\"kdf\":\"PBKDF2WithHmacSHA256\"", "\"iterations\":600000", "AES/GCM/NoPadding");
        // lowering the iteration count in the header is caught (it is bound into the GCM tag)
        Files.writeString(file, json.replace("\"iterations\":600000", "\"iterations\":1000"));
        assertThatThrownBy(() -> new EncryptedFileSecretStore(dir, "pass".toCharArray()))
                .isInstanceOf(SecretStoreException.class);
    }

    @Test
    void aCanarySecretNeverAppearsInPlainTextInTheDataDirectory() throws IOException {
        SecretStore secrets = SecretStores.open(dir, Map.of(SecretStores.PASSPHRASE_ENV, "session pass"), "test-os", null)
                .orElseThrow();
        assertThat(secrets).isInstanceOf(EncryptedFileSecretStore.class);
        try (SqliteStore store = SqliteStore.open(dir)) {
            ConnectionProfile p = new ConnectionProfile("p1", ProfileType.ELEMENT, "cluster",
                    Map.of("mvip", "10.10.23.47", "user", "admin"), ConnectionProfile.secretRefFor("p1"));
            store.saveProfile(p);
            secrets.put(p.secretRef(), CANARY);
            store.save(SqliteStoreTest.richTransfer("t"));
            assertThat(secrets.get(store.profile("p1").orElseThrow().secretRef())).contains(CANARY);
        }
        byte[] utf8 = CANARY.getBytes(StandardCharsets.UTF_8);
        byte[] utf16 = CANARY.getBytes(StandardCharsets.UTF_16LE);
        try (Stream<Path> files = Files.walk(dir)) {
            List<Path> regular = files.filter(Files::isRegularFile).toList();
            assertThat(regular).extracting(f -> f.getFileName().toString())
                    .contains(SqliteStore.FILE_NAME, EncryptedFileSecretStore.FILE_NAME);
            for (Path f : regular) {
                byte[] bytes = Files.readAllBytes(f);
                assertThat(indexOf(bytes, utf8)).as("%s holds the secret in UTF-8", f).isEqualTo(-1);
                assertThat(indexOf(bytes, utf16)).as("%s holds the secret in UTF-16", f).isEqualTo(-1);
            }
        }
    }

    @Test
    void withoutAnOsStoreOrPassphraseThereIsNoSecretStoreAndTheCallerMustAsk() {
        assertThat(SecretStores.open(dir, Map.of(), "test-os", null)).isEmpty();
        assertThat(SecretStores.open(dir, Map.of(), "test-os", "typed".toCharArray()))
                .get().isInstanceOf(EncryptedFileSecretStore.class);
    }

    static int indexOf(byte[] hay, byte[] needle) {
        return io.ferry.cli.Canary.indexOf(hay, needle);
    }
}
