package io.ferry.app;

import io.ferry.store.EncryptedFileSecretStore;
import io.ferry.store.SecretStoreException;
import io.ferry.store.SecretStores;
import io.ferry.ui.secrets.SecretsException;
import io.ferry.ui.secrets.SecretsPort;

/** The window's view of the secret store: open or not, and the encrypted file to unlock or create (over {@link Services}). */
final class AppSecrets implements SecretsPort {
    private final Services services;

    AppSecrets(Services services) {
        this.services = services;
    }

    @Override
    public State state() {
        try {
            if (services.secrets(null).isPresent()) {
                return State.OPEN;
            }
        } catch (SecretStoreException e) {
            // FERRY_PASSPHRASE is set but does not open the file: the window may still offer to type the right one
        }
        return SecretStores.encryptedFileExists(services.dataDir()) ? State.LOCKED : State.ABSENT;
    }

    @Override
    public String fileLocation() {
        return services.dataDir().resolve(EncryptedFileSecretStore.FILE_NAME).toString();
    }

    @Override
    public void unlock(char[] passphrase) throws SecretsException {
        try {
            services.unlockSecrets(passphrase);
        } catch (SecretStoreException e) {
            throw new SecretsException(e.getMessage(), e);
        }
    }
}
