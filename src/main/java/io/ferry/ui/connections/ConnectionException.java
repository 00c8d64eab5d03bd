package io.ferry.ui.connections;

/** A failure of a {@link ConnectionsPort} call; the message names the problem and what to do, for the operator. */
public class ConnectionException extends Exception {
    public ConnectionException(String message) {
        super(message);
    }

    public ConnectionException(String message, Throwable cause) {
        super(message, cause);
    }
}
