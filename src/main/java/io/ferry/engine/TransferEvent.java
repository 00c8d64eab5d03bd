package io.ferry.engine;

import io.ferry.domain.Transfer;

/**
 * What listeners hear: a snapshot of one transfer and why it was sent. Progress events are throttled to at most
 * 10 a second per transfer; {@link Kind#ADDED}, {@link Kind#PHASE} and {@link Kind#REMOVED} always arrive, and
 * the final phase is always the last event of a run.
 */
public record TransferEvent(Kind kind, Transfer transfer) {
    public enum Kind {
        ADDED,
        PROGRESS,
        PHASE,
        REMOVED
    }
}
