package io.ferry.provider.gcs;

import io.ferry.domain.TransferPhase;
import java.util.Locale;
import java.util.Optional;

/**
 * Storage Transfer operation status (seed 002's {@code Status} enum) → Ferry phase, as a table in code
 * (cloud-apis.md §1.9). Never throws: an unknown or missing status maps to {@code unknown}, and the raw text is
 * kept by {@link Mapped#nativeStatus()} so the operator sees what the server said.
 *
 * <p><b>SUSPENDING</b> maps to {@code transferring}: the service is "suspending and draining the ongoing work to
 * completion", so objects are still being copied and counters still rise; the operation only becomes PAUSED when
 * the drain ends. Showing it as paused would offer a resume the API refuses (resume works only from PAUSED). The
 * raw status SUSPENDING stays beside the phase and the reason says it is draining towards paused.
 */
public final class GcsStatusMapping {

    /** The eight statuses of seed 002, each with its phase and the reason shown in the phase history. */
    public enum Status {
        STATUS_UNSPECIFIED(TransferPhase.UNKNOWN, "status unspecified (zero value): not a valid status"),
        QUEUED(TransferPhase.INITIALIZING, "queued: temporarily delayed by the system, no action needed"),
        IN_PROGRESS(TransferPhase.TRANSFERRING, "in progress"),
        SUSPENDING(TransferPhase.TRANSFERRING, "suspending: draining the work in progress, then paused"),
        PAUSED(TransferPhase.PAUSED_USER, "paused"),
        SUCCESS(TransferPhase.FINISHED_SUCCESS, "completed successfully"),
        FAILED(TransferPhase.FINISHED_FAILURE, "terminated by an unrecoverable failure"),
        ABORTED(TransferPhase.CANCELLED_USER, "aborted by the user");

        private final TransferPhase phase;
        private final String reason;

        Status(TransferPhase phase, String reason) {
            this.phase = phase;
            this.reason = reason;
        }

        public TransferPhase phase() {
            return phase;
        }

        public String reason() {
            return reason;
        }

        /** Case-insensitive (the list filter's statuses are); empty for anything else. */
        public static Optional<Status> parse(String raw) {
            if (raw == null || raw.isBlank()) {
                return Optional.empty();
            }
            String s = raw.trim().toUpperCase(Locale.ROOT);
            for (Status st : values()) {
                if (st.name().equals(s)) {
                    return Optional.of(st);
                }
            }
            return Optional.empty();
        }
    }

    /** The outcome of mapping one raw status: the phase, the raw text as received, and a reason. */
    public record Mapped(TransferPhase phase, String nativeStatus, String reason, boolean known) {}

    private GcsStatusMapping() {}

    /** Maps a raw status. Missing → unknown ("no status"); unrecognised → unknown with the raw text kept. */
    public static Mapped map(String raw) {
        Optional<Status> s = Status.parse(raw);
        if (s.isPresent()) {
            return new Mapped(s.get().phase(), raw.trim(), s.get().reason(), true);
        }
        if (raw == null || raw.isBlank()) {
            return new Mapped(TransferPhase.UNKNOWN, "", "the operation carries no status", false);
        }
        return new Mapped(TransferPhase.UNKNOWN, raw, "unrecognised Storage Transfer status \"" + raw + "\"", false);
    }

    public static TransferPhase phaseOf(String raw) {
        return map(raw).phase();
    }

    /** Pause is offered only while the operation is IN_PROGRESS (cloud-apis.md §1.9). */
    public static boolean canPause(String raw) {
        return Status.parse(raw).orElse(null) == Status.IN_PROGRESS;
    }

    /** Resume is offered only while the operation is PAUSED. */
    public static boolean canResume(String raw) {
        return Status.parse(raw).orElse(null) == Status.PAUSED;
    }

    /** Cancel is offered while the operation is not in a final status (unknown statuses included). */
    public static boolean canCancel(String raw) {
        return !phaseOf(raw).isFinal();
    }
}
