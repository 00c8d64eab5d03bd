package io.ferry.domain;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * A child job of a remote job (seed 004's {@code sub_jobs_result}): its own id, type, phase and native status,
 * times, error, and entity attributes (image_id, image_name, …). Times may be null when the source had none.
 */
public record SubJob(
        String id,
        String type,
        TransferPhase phase,
        String nativeStatus,
        Instant started,
        Instant ended,
        String errorCode,
        String failReason,
        Map<String, String> attributes) {
    public SubJob {
        id = Objects.requireNonNullElse(id, "");
        type = Objects.requireNonNullElse(type, "");
        phase = Objects.requireNonNullElse(phase, TransferPhase.UNKNOWN);
        nativeStatus = Objects.requireNonNullElse(nativeStatus, "");
        errorCode = Objects.requireNonNullElse(errorCode, "");
        failReason = Objects.requireNonNullElse(failReason, "");
        attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
    }
}
