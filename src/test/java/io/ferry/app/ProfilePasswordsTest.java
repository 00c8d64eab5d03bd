package io.ferry.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ferry.domain.Direction;
import io.ferry.domain.Transfer;
import io.ferry.provider.ovirt.OvirtOptions;
import io.ferry.store.ConnectionProfile;
import io.ferry.store.EncryptedFileSecretStore;
import io.ferry.store.SecretStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The oVirt password of a GUI transfer comes from the secret store by profile; a CLI transfer's from its file. */
class ProfilePasswordsTest {
    @TempDir
    Path dir;

    private static Transfer transfer(Map<String, String> options) {
        return Transfer.create("t1", "ovirt", Direction.UPLOAD, "disk.raw", "/tmp/disk.raw", "https://engine", options, Instant.EPOCH);
    }

    @Test
    void aProfileNamedOnTheTransferReadsTheSecretStore() throws Exception {
        SecretStore secrets = new EncryptedFileSecretStore(dir, "pass".toCharArray());
        secrets.put(ConnectionProfile.secretRefFor("p-1"), "engine pw");
        ProfilePasswords pw = new ProfilePasswords(() -> Optional.of(secrets));
        Transfer t = transfer(Map.of("engine", "https://engine", "user", "admin@internal", "profile", "p-1"));
        assertThat(new String(pw.password(t, OvirtOptions.of(t)))).isEqualTo("engine pw");

        Transfer unknown = transfer(Map.of("engine", "https://engine", "user", "admin@internal", "profile", "p-2"));
        assertThatThrownBy(() -> pw.password(unknown, OvirtOptions.of(unknown))).isInstanceOf(IOException.class)
                .hasMessageContaining("no password is stored for connection profile p-2");
        ProfilePasswords noStore = new ProfilePasswords(Optional::empty);
        assertThatThrownBy(() -> noStore.password(t, OvirtOptions.of(t))).isInstanceOf(IOException.class)
                .hasMessageContaining("FERRY_PASSPHRASE");
    }

    @Test
    void withoutAProfileThePasswordFileIsRead() throws Exception {
        Path file = Files.writeString(dir.resolve("pw"), "from file\n");
        ProfilePasswords pw = new ProfilePasswords(Optional::empty);
        Transfer t = transfer(Map.of("engine", "https://engine", "user", "admin@internal", "password_file", file.toString()));
        assertThat(new String(pw.password(t, OvirtOptions.of(t)))).isEqualTo("from file");
    }
}
