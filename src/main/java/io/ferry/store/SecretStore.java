package io.ferry.store;

import java.util.Optional;

/**
 * Where passwords, keys and tokens live, by reference (e.g. {@code profile/<id>}); the SQLite store keeps only
 * the reference. Implementations: the OS secret store ({@link SecretToolSecretStore}) or an encrypted file
 * ({@link EncryptedFileSecretStore}). {@link SecretStores#open} picks one.
 */
public interface SecretStore {

    /** Stores (or replaces) the secret under {@code ref}. */
    void put(String ref, String secret);

    Optional<String> get(String ref);

    /** Removes it; nothing happens when there is none. */
    void delete(String ref);

    /** What operators see in settings and diagnostics, e.g. "Secret Service (secret-tool)". */
    String description();
}
