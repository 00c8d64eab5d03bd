package io.ferry.provider.remote;

import io.ferry.domain.TransferPhase;
import java.util.Objects;

/**
 * A remote system's status text mapped onto Ferry's phase model. {@code raw} is the text as received (kept even
 * when unmapped); {@code known} is false when the table had no row for it, in which case the phase is
 * {@link TransferPhase#UNKNOWN}.
 */
public record MappedStatus(String raw, TransferPhase phase, boolean known) {
    public MappedStatus {
        raw = Objects.requireNonNullElse(raw, "");
        Objects.requireNonNull(phase, "phase");
    }
}
