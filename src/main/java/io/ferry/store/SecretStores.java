package io.ferry.store;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Picks where secrets go: the OS secret store when one answers (Secret Service through {@code secret-tool} on
 * Linux, the Keychain on macOS and the Credential Manager on Windows through java-keyring), else the encrypted
 * file under a passphrase ({@code FERRY_PASSPHRASE} or one the caller supplies).
 */
public final class SecretStores {
    public static final String PASSPHRASE_ENV = "FERRY_PASSPHRASE";
    /** The class that is absent where java-keyring is not shipped (the Linux package). */
    static final String KEYRING_CLASS = "com.github.javakeyring.Keyring";

    private SecretStores() {}

    /** The OS secret store Ferry uses on each system, chosen by {@code os.name}. */
    public enum OsStore {
        SECRET_SERVICE("Secret Service (secret-tool)"),
        MAC_KEYCHAIN("macOS Keychain"),
        WINDOWS_CREDENTIAL_MANAGER("Windows Credential Manager"),
        NONE("no OS secret store");

        private final String label;

        OsStore(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }

        public static OsStore forOs(String osName) {
            String os = osName == null ? "" : osName.toLowerCase(Locale.ROOT);
            if (os.startsWith("linux")) {
                return SECRET_SERVICE;
            }
            if (os.startsWith("mac") || os.startsWith("darwin")) {
                return MAC_KEYCHAIN;
            }
            if (os.startsWith("windows")) {
                return WINDOWS_CREDENTIAL_MANAGER;
            }
            return NONE;
        }
    }

    /**
     * What the OS offers: the store when it answers, else empty with why (shown by {@code ferry doctor}).
     *
     * @param store        the OS secret store, open and answering, or empty
     * @param unavailable  why there is none (empty when there is one)
     */
    public record OsProbe(OsStore kind, Optional<SecretStore> store, String unavailable) {}

    /**
     * Opens this system's OS secret store and checks that it answers. Never throws: a missing tool, a missing
     * library (java-keyring is not in the Linux package) or a keyring that refuses becomes the reason.
     *
     * @param secretTool the {@code secret-tool} executable (Linux)
     */
    public static OsProbe probeOs(Path dataDir, String osName, String secretTool) {
        OsStore kind = OsStore.forOs(osName);
        switch (kind) {
            case SECRET_SERVICE -> {
                SecretToolSecretStore os = new SecretToolSecretStore(secretTool, dataDir);
                return os.isAvailable() ? new OsProbe(kind, Optional.of(os), "")
                        : new OsProbe(kind, Optional.empty(), "secret-tool missing or no Secret Service answering");
            }
            case MAC_KEYCHAIN, WINDOWS_CREDENTIAL_MANAGER -> {
                if (!keyringLibraryPresent()) {
                    return new OsProbe(kind, Optional.empty(), "java-keyring is not in this installation, so the "
                            + kind.label() + " cannot be used");
                }
                try {
                    return new OsProbe(kind, Optional.of(KeyringSecretStore.open(kind, dataDir)), "");
                } catch (SecretStoreException e) {
                    return new OsProbe(kind, Optional.empty(), e.getMessage());
                } catch (LinkageError e) {
                    // JNA or jkeychain missing or unable to load its native library
                    return new OsProbe(kind, Optional.empty(), "the " + kind.label() + " cannot be used here (" + e + ")");
                }
            }
            default -> {
                return new OsProbe(kind, Optional.empty(), "no OS secret store support on " + osName);
            }
        }
    }

    static boolean keyringLibraryPresent() {
        try {
            Class.forName(KEYRING_CLASS, false, SecretStores.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /**
     * @param passphrase used for the encrypted file when no OS store answers and FERRY_PASSPHRASE is unset; may be
     *                   null, in which case the result is empty
     * @return empty when no OS secret store answers and no passphrase is known: the caller asks for one
     */
    public static Optional<SecretStore> open(Path dataDir, Map<String, String> env, String osName, char[] passphrase) {
        Optional<SecretStore> os = probeOs(dataDir, osName, "secret-tool").store();
        return os.isPresent() ? os : encryptedFile(dataDir, env, passphrase);
    }

    /** The encrypted file under FERRY_PASSPHRASE, else under {@code passphrase}; empty when neither is given. */
    public static Optional<SecretStore> encryptedFile(Path dataDir, Map<String, String> env, char[] passphrase) {
        String fromEnv = env.get(PASSPHRASE_ENV);
        if (fromEnv != null && !fromEnv.isEmpty()) {
            return Optional.of(new EncryptedFileSecretStore(dataDir, fromEnv.toCharArray()));
        }
        if (passphrase != null && passphrase.length > 0) {
            return Optional.of(new EncryptedFileSecretStore(dataDir, passphrase));
        }
        return Optional.empty();
    }

    /** Whether the encrypted secrets file exists in {@code dataDir} (then a passphrase unlocks it, else creates it). */
    public static boolean encryptedFileExists(Path dataDir) {
        return Files.exists(dataDir.resolve(EncryptedFileSecretStore.FILE_NAME));
    }
}
