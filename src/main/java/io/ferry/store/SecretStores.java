package io.ferry.store;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Picks where secrets go: the OS secret store when one answers (Secret Service through {@code secret-tool} on
 * Linux), else the encrypted file under a passphrase ({@code FERRY_PASSPHRASE} or one the caller supplies).
 */
public final class SecretStores {
    public static final String PASSPHRASE_ENV = "FERRY_PASSPHRASE";

    private SecretStores() {}

    /**
     * @param passphrase used for the encrypted file when no OS store answers and FERRY_PASSPHRASE is unset; may be
     *                   null, in which case the result is empty
     * @return empty when no OS secret store answers and no passphrase is known: the caller asks for one
     */
    public static Optional<SecretStore> open(Path dataDir, Map<String, String> env, String osName, char[] passphrase) {
        if (osName.toLowerCase(java.util.Locale.ROOT).startsWith("linux")) {
            SecretToolSecretStore os = new SecretToolSecretStore("secret-tool", dataDir);
            if (os.isAvailable()) {
                return Optional.of(os);
            }
        }
        String fromEnv = env.get(PASSPHRASE_ENV);
        if (fromEnv != null && !fromEnv.isEmpty()) {
            return Optional.of(new EncryptedFileSecretStore(dataDir, fromEnv.toCharArray()));
        }
        if (passphrase != null && passphrase.length > 0) {
            return Optional.of(new EncryptedFileSecretStore(dataDir, passphrase));
        }
        return Optional.empty();
    }
}
