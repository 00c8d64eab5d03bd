package io.ferry.ui.secrets;

/**
 * Where the window's saved passwords live, as far as the window needs to know: whether a secret store is open for
 * this session and, when the OS has none (no Secret Service, Keychain or Credential Manager answering) and
 * FERRY_PASSPHRASE is unset, the encrypted secrets file to unlock or create with a passphrase. App wiring
 * implements it over the store's secret stores; {@link #state()} and {@link #unlock} may block: call them off
 * the FX thread.
 */
public interface SecretsPort {

    enum State {
        /** A secret store is open (the OS's, or the encrypted file under FERRY_PASSPHRASE or an unlocked one). */
        OPEN,
        /** No OS store; the encrypted file exists and needs its passphrase. */
        LOCKED,
        /** No OS store and no encrypted file yet: a passphrase creates it. */
        ABSENT
    }

    State state();

    /** The encrypted secrets file, for the operator to see what is unlocked or created. */
    String fileLocation();

    /**
     * Opens the encrypted file under {@code passphrase} for the rest of the session, creating it when it does not
     * exist. A wrong passphrase changes nothing and throws. The caller clears {@code passphrase} afterwards.
     *
     * @throws SecretsException with a message for the operator that never contains the passphrase
     */
    void unlock(char[] passphrase) throws SecretsException;
}
