package io.ferry.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.javakeyring.PasswordAccessException;
import io.ferry.store.SecretStores.OsStore;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link KeyringSecretStore} against an in-memory stand-in for java-keyring 1.0.4's {@code Keyring}: same three calls,
 * and the same {@link PasswordAccessException} messages its Windows and macOS backends throw (read from the 1.0.4
 * bytecode: {@code Error code 1168} for a missing Windows credential, {@code No stored credentials match … account: …}
 * and {@code No password to delete. …} on macOS). The real Keychain and Credential Manager are not exercised on this
 * Linux machine.
 */
class KeyringSecretStoreAgainstInMemoryKeyringTest {
    @TempDir
    Path tmp;

    /** One OS keyring shared by every store (as the login keychain is), keyed by service and account. */
    static final class InMemoryKeyring implements KeyringSecretStore.Access {
        final Map<String, String> entries = new HashMap<>();
        final OsStore os;
        String lockedWith; // non-null: every call fails as a locked keychain / refused access does

        InMemoryKeyring(OsStore os) {
            this.os = os;
        }

        private PasswordAccessException missing(String service, String account) {
            return new PasswordAccessException(os == OsStore.WINDOWS_CREDENTIAL_MANAGER ? "Error code 1168"
                    : "No stored credentials match " + service + " account: " + account);
        }

        private void failIfLocked(String verb) throws PasswordAccessException {
            if (lockedWith != null) {
                throw new PasswordAccessException(os == OsStore.WINDOWS_CREDENTIAL_MANAGER ? lockedWith
                        : "Failed to " + verb + " credential. " + lockedWith);
            }
        }

        @Override
        public String getPassword(String service, String account) throws PasswordAccessException {
            failIfLocked("get");
            String v = entries.get(service + "|" + account);
            if (v == null) {
                throw missing(service, account);
            }
            return v;
        }

        @Override
        public void setPassword(String service, String account, String password) throws PasswordAccessException {
            failIfLocked("set");
            entries.put(service + "|" + account, password);
        }

        @Override
        public void deletePassword(String service, String account) throws PasswordAccessException {
            failIfLocked("get");
            if (entries.remove(service + "|" + account) == null) {
                PasswordAccessException m = missing(service, account);
                throw os == OsStore.WINDOWS_CREDENTIAL_MANAGER ? m : new PasswordAccessException("No password to delete. " + m.getMessage());
            }
        }
    }

    @Test
    void secretsRoundTripAndAMissingEntryIsEmptyNotAnErrorOnBothSystems() {
        for (OsStore os : new OsStore[] {OsStore.MAC_KEYCHAIN, OsStore.WINDOWS_CREDENTIAL_MANAGER}) {
            InMemoryKeyring keyring = new InMemoryKeyring(os);
            KeyringSecretStore store = new KeyringSecretStore(os, keyring, tmp.resolve("data"));

            assertThat(store.get("profile/a")).as(os + ": nothing stored yet").isEmpty();
            store.put("profile/a", "pw-a");
            store.put("profile/a", "pw-a2");
            assertThat(store.get("profile/a")).as(os.name()).contains("pw-a2");
            store.delete("profile/a");
            assertThat(store.get("profile/a")).as(os + ": deleted").isEmpty();
            store.delete("profile/a"); // deleting what is not there is not an error
            assertThat(store.description()).startsWith(os.label());
        }
    }

    @Test
    void twoDataDirectoriesNeverSeeEachOthersSecrets() {
        InMemoryKeyring keyring = new InMemoryKeyring(OsStore.MAC_KEYCHAIN);
        KeyringSecretStore one = new KeyringSecretStore(OsStore.MAC_KEYCHAIN, keyring, tmp.resolve("one"));
        KeyringSecretStore two = new KeyringSecretStore(OsStore.MAC_KEYCHAIN, keyring, tmp.resolve("two"));

        one.put("profile/a", "secret of one");

        assertThat(two.get("profile/a")).isEmpty();
        two.delete("profile/a");
        assertThat(one.get("profile/a")).contains("secret of one");
        assertThat(keyring.entries.keySet()).singleElement().asString()
                .startsWith("Ferry (" + tmp.resolve("one").toAbsolutePath() + ")|profile/a");
    }

    /** A locked keychain must not read as "no password stored" (the editor would then offer to keep none). */
    @Test
    void aKeyringThatRefusesIsAnErrorNamingItAndWhatToDoWithoutTheSecret() {
        InMemoryKeyring keyring = new InMemoryKeyring(OsStore.MAC_KEYCHAIN);
        KeyringSecretStore store = new KeyringSecretStore(OsStore.MAC_KEYCHAIN, keyring, tmp.resolve("data"));
        store.put("profile/a", SecretStoreTest.CANARY);
        keyring.lockedWith = "User interaction is not allowed.";

        assertThatThrownBy(() -> store.get("profile/a")).isInstanceOf(SecretStoreException.class)
                .hasMessageContaining("macOS Keychain could not read profile/a")
                .hasMessageContaining("User interaction is not allowed")
                .hasMessageContaining("unlock it")
                .hasMessageNotContaining(SecretStoreTest.CANARY);
        assertThatThrownBy(() -> store.put("profile/b", SecretStoreTest.CANARY)).isInstanceOf(SecretStoreException.class)
                .hasMessageContaining("could not store profile/b")
                .hasMessageNotContaining(SecretStoreTest.CANARY);
        assertThatThrownBy(() -> store.delete("profile/a")).isInstanceOf(SecretStoreException.class)
                .hasMessageContaining("could not delete profile/a");
    }

    @Test
    void aSecretTooLongForTheCredentialManagerIsRefusedBeforeTheCall() {
        InMemoryKeyring keyring = new InMemoryKeyring(OsStore.WINDOWS_CREDENTIAL_MANAGER);
        KeyringSecretStore store = new KeyringSecretStore(OsStore.WINDOWS_CREDENTIAL_MANAGER, keyring, tmp.resolve("data"));
        String longToken = "t".repeat(KeyringSecretStore.WINDOWS_MAX_CHARS + 1);

        assertThatThrownBy(() -> store.put("profile/a", longToken)).isInstanceOf(SecretStoreException.class)
                .hasMessageContainingAll("1281 characters long", "at most 1280", "FERRY_PASSPHRASE")
                .hasMessageNotContaining(longToken);
        assertThat(keyring.entries).isEmpty();
        store.put("profile/a", longToken.substring(1));
        assertThat(store.get("profile/a")).contains(longToken.substring(1));
    }
}
