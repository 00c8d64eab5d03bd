package io.ferry.store;

/** A secret could not be stored or read; the message says where and what to do, and never holds the secret. */
public class SecretStoreException extends RuntimeException {
    public SecretStoreException(String message) {
        super(message);
    }

    public SecretStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
