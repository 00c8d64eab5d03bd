package io.ferry.store;

import com.github.javakeyring.BackendNotSupportedException;
import com.github.javakeyring.Keyring;
import com.github.javakeyring.KeyringStorageType;
import com.github.javakeyring.PasswordAccessException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The macOS Keychain or the Windows Credential Manager through java-keyring. Each secret is a generic password
 * whose service is {@code Ferry (<data dir>)} (so two data directories never share one) and whose account is the
 * reference. Only {@link SecretStores} creates it, and only on macOS and Windows: the Linux package does not ship
 * java-keyring, so nothing else may touch this class (it fails to link there).
 *
 * <p>java-keyring reports a missing entry as a {@link PasswordAccessException} like any failure; this class tells
 * them apart by the messages java-keyring 1.0.4 gives (Windows: {@code Error code 1168}, ERROR_NOT_FOUND, or
 * "Password not Found"; macOS: "No stored credentials match …", "No password to delete. No stored credentials match …").
 */
final class KeyringSecretStore implements SecretStore {
    /** A generic credential holds at most 2,560 bytes (CRED_MAX_CREDENTIAL_BLOB_SIZE), UTF-16: 1,280 characters. */
    static final int WINDOWS_MAX_CHARS = 1280;

    /** java-keyring's three calls, as {@link Keyring} has them (tests hand in an in-memory keyring). */
    interface Access {
        String getPassword(String service, String account) throws PasswordAccessException;

        void setPassword(String service, String account, String password) throws PasswordAccessException;

        void deletePassword(String service, String account) throws PasswordAccessException;
    }

    private static final String PROBE = "ferry-probe";

    private final SecretStores.OsStore kind;
    private final Access keyring;
    private final String service;
    private final int maxChars;

    KeyringSecretStore(SecretStores.OsStore kind, Access keyring, Path dataDir) {
        if (kind != SecretStores.OsStore.MAC_KEYCHAIN && kind != SecretStores.OsStore.WINDOWS_CREDENTIAL_MANAGER) {
            throw new IllegalArgumentException("java-keyring serves the macOS Keychain and the Windows Credential Manager, not " + kind);
        }
        this.kind = kind;
        this.maxChars = kind == SecretStores.OsStore.WINDOWS_CREDENTIAL_MANAGER ? WINDOWS_MAX_CHARS : Integer.MAX_VALUE;
        this.keyring = keyring;
        this.service = "Ferry (" + dataDir.toAbsolutePath().normalize() + ")";
    }

    /**
     * Opens the OS keyring of {@code kind} and checks that it answers (a lookup of an entry that does not exist).
     *
     * @throws SecretStoreException with the reason when java-keyring has no working backend here
     */
    static SecretStore open(SecretStores.OsStore kind, Path dataDir) {
        List<KeyringStorageType> types = kind == SecretStores.OsStore.MAC_KEYCHAIN
                ? List.of(KeyringStorageType.OSX_KEYCHAIN, KeyringStorageType.LEGACY_OSX_KEYCHAIN)
                : List.of(KeyringStorageType.WINDOWS_CREDENTIAL_STORE);
        Keyring keyring = null;
        StringBuilder why = new StringBuilder();
        for (KeyringStorageType type : types) {
            try {
                keyring = Keyring.create(type);
                break;
            } catch (BackendNotSupportedException | RuntimeException e) {
                why.append(why.isEmpty() ? "" : "; ").append(type).append(": ").append(e.getMessage());
            }
        }
        if (keyring == null) {
            throw new SecretStoreException("The " + kind.label() + " cannot be used: " + why);
        }
        Keyring k = keyring;
        KeyringSecretStore store = new KeyringSecretStore(kind, new Access() {
            @Override
            public String getPassword(String service, String account) throws PasswordAccessException {
                return k.getPassword(service, account);
            }

            @Override
            public void setPassword(String service, String account, String password) throws PasswordAccessException {
                k.setPassword(service, account, password);
            }

            @Override
            public void deletePassword(String service, String account) throws PasswordAccessException {
                k.deletePassword(service, account);
            }
        }, dataDir);
        store.get(PROBE); // a keyring that refuses access fails here, not at the first save
        return store;
    }

    @Override
    public void put(String ref, String secret) {
        if (secret.length() > maxChars) {
            throw new SecretStoreException("The secret for " + ref + " is " + secret.length() + " characters long; the "
                    + kind.label() + " keeps at most " + maxChars + ". Use a key file, or set FERRY_PASSPHRASE to use "
                    + "Ferry's encrypted secrets file instead.");
        }
        try {
            keyring.setPassword(service, ref, secret);
        } catch (PasswordAccessException | RuntimeException e) {
            throw new SecretStoreException("The " + kind.label() + " could not store " + ref + ": " + e.getMessage()
                    + " (unlock it, or allow Ferry access when the system asks).", e);
        }
    }

    @Override
    public Optional<String> get(String ref) {
        try {
            return Optional.ofNullable(keyring.getPassword(service, ref));
        } catch (PasswordAccessException e) {
            if (notFound(e)) {
                return Optional.empty();
            }
            throw new SecretStoreException("The " + kind.label() + " could not read " + ref + ": " + e.getMessage()
                    + " (unlock it, or allow Ferry access when the system asks).", e);
        } catch (RuntimeException e) {
            throw new SecretStoreException("The " + kind.label() + " could not read " + ref + ": " + e, e);
        }
    }

    @Override
    public void delete(String ref) {
        try {
            keyring.deletePassword(service, ref);
        } catch (PasswordAccessException e) {
            if (!notFound(e)) {
                throw new SecretStoreException("The " + kind.label() + " could not delete " + ref + ": " + e.getMessage(), e);
            }
        } catch (RuntimeException e) {
            throw new SecretStoreException("The " + kind.label() + " could not delete " + ref + ": " + e, e);
        }
    }

    @Override
    public String description() {
        return kind.label() + " (java-keyring)";
    }

    /** java-keyring 1.0.4's words for "there is no such entry" (see the class comment). */
    static boolean notFound(PasswordAccessException e) {
        String m = e.getMessage() == null ? "" : e.getMessage();
        return m.equals("Error code 1168") || m.equals("Password not Found") || m.startsWith("No stored credentials match")
                || m.startsWith("No password to delete. No stored credentials match");
    }
}
