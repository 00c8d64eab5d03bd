package io.ferry.engine;

import io.ferry.domain.ErrorCode;
import io.ferry.domain.PhaseAction;

/** A provider could not perform an operator action on its remote system; the error is also in the breakdown. */
public final class ActionFailedException extends RuntimeException {
    private final ErrorCode code;

    public ActionFailedException(String transferId, PhaseAction action, ErrorCode code, Throwable cause) {
        super("Could not " + action.wireName() + " transfer " + transferId + ": " + cause.getMessage(), cause);
        this.code = code;
    }

    public ErrorCode code() {
        return code;
    }
}
