package io.ferry.domain;

/** The coarse groups operators filter by. */
public enum PhaseGroup {
    ACTIVE,
    PAUSED,
    FINISHED,
    FAILED,
    CANCELLED
}
