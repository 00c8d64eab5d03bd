package io.ferry.domain;

/**
 * What moves a transfer between phases. The first six are operator actions; {@link #SYSTEM} is the system's
 * own progress (session ready, timeout, verification result, cleanup done) and {@link #ERROR} an unexpected
 * error, which may move any phase to {@code unknown}.
 */
public enum PhaseAction {
    PAUSE,
    RESUME,
    CANCEL,
    FINALIZE,
    EXTEND,
    RETRY,
    SYSTEM,
    ERROR;

    public boolean isOperatorAction() {
        return this != SYSTEM && this != ERROR;
    }

    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
