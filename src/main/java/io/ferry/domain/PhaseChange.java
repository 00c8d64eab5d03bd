package io.ferry.domain;

import java.time.Instant;
import java.util.Objects;

/** One step of a transfer's phase history: the phase, when it was entered, and why. */
public record PhaseChange(TransferPhase phase, Instant at, String reason) {
    public PhaseChange {
        Objects.requireNonNull(phase, "phase");
        Objects.requireNonNull(at, "at");
        reason = reason == null ? "" : reason;
    }
}
