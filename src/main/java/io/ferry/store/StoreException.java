package io.ferry.store;

/** A store failure with a message an operator can act on (which file, what went wrong). */
public class StoreException extends RuntimeException {
    public StoreException(String message) {
        super(message);
    }

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
