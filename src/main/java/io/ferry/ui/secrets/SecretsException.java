package io.ferry.ui.secrets;

/** The secrets file could not be unlocked or created; the message is for the operator and holds no secret. */
public class SecretsException extends Exception {
    public SecretsException(String message) {
        super(message);
    }

    public SecretsException(String message, Throwable cause) {
        super(message, cause);
    }
}
