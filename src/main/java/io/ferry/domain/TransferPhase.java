package io.ferry.domain;

import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The one phase model every transfer in Ferry lives in: oVirt's {@code ImageTransferPhase} (seed 000), with
 * its API spelling and, where the engine has one, its numeric value. Every vendor's own status maps onto it;
 * the native status stays on the {@link Transfer} as text.
 */
public enum TransferPhase {
    CANCELLED("cancelled", -1),
    CANCELLED_SYSTEM("cancelled_system", 6),
    CANCELLED_USER("cancelled_user", 11),
    FINALIZING_CLEANUP("finalizing_cleanup", 12),
    FINALIZING_FAILURE("finalizing_failure", 8),
    FINALIZING_SUCCESS("finalizing_success", 7),
    FINISHED_CLEANUP("finished_cleanup", 13),
    FINISHED_FAILURE("finished_failure", 10),
    FINISHED_SUCCESS("finished_success", 9),
    INITIALIZING("initializing", 1),
    PAUSED_SYSTEM("paused_system", 4),
    PAUSED_USER("paused_user", 5),
    RESUMING("resuming", 3),
    TRANSFERRING("transferring", 2),
    UNKNOWN("unknown", 0);

    private final String apiName;
    private final int ovirtValue;

    TransferPhase(String apiName, int ovirtValue) {
        this.apiName = apiName;
        this.ovirtValue = ovirtValue;
    }

    /** The REST API spelling, e.g. {@code finished_success}. */
    public String apiName() {
        return apiName;
    }

    /** oVirt engine's numeric value, absent for {@code cancelled}, which exists only in the REST API. */
    public OptionalInt ovirtValue() {
        return ovirtValue < 0 ? OptionalInt.empty() : OptionalInt.of(ovirtValue);
    }

    /** Looks a phase up by API name (case-insensitive); empty for anything else. Never throws. */
    public static Optional<TransferPhase> fromApiName(String name) {
        if (name == null) {
            return Optional.empty();
        }
        String n = name.trim().toLowerCase(Locale.ROOT);
        for (TransferPhase p : values()) {
            if (p.apiName.equals(n)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /** The phase with oVirt engine's numeric value; empty for any other number (negative ones included). */
    public static Optional<TransferPhase> fromOvirtValue(int value) {
        if (value < 0) {
            return Optional.empty(); // -1 marks "no oVirt value" inside this enum, it is not a value
        }
        for (TransferPhase p : values()) {
            if (p.ovirtValue == value) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /** Data is moving or about to: the session is being set up, runs, resumes, or is being finalized. */
    public boolean isActive() {
        return switch (this) {
            case INITIALIZING, TRANSFERRING, RESUMING, FINALIZING_SUCCESS, FINALIZING_FAILURE, FINALIZING_CLEANUP -> true;
            default -> false;
        };
    }

    public boolean isPaused() {
        return this == PAUSED_USER || this == PAUSED_SYSTEM;
    }

    /** Nothing more will happen on its own: finished, or cancelled (cleanup may still be reported). */
    public boolean isFinal() {
        return switch (this) {
            case FINISHED_SUCCESS, FINISHED_FAILURE, FINISHED_CLEANUP, CANCELLED, CANCELLED_USER, CANCELLED_SYSTEM -> true;
            default -> false;
        };
    }

    public PhaseGroup group() {
        return switch (this) {
            case INITIALIZING, TRANSFERRING, RESUMING, FINALIZING_SUCCESS, FINALIZING_FAILURE -> PhaseGroup.ACTIVE;
            case PAUSED_USER, PAUSED_SYSTEM -> PhaseGroup.PAUSED;
            case FINISHED_SUCCESS -> PhaseGroup.FINISHED;
            case FINISHED_FAILURE, UNKNOWN -> PhaseGroup.FAILED;
            case CANCELLED, CANCELLED_USER, CANCELLED_SYSTEM, FINALIZING_CLEANUP, FINISHED_CLEANUP -> PhaseGroup.CANCELLED;
        };
    }

    public boolean canPause() {
        return PhaseTransitions.allows(this, PhaseAction.PAUSE);
    }

    public boolean canResume() {
        return PhaseTransitions.allows(this, PhaseAction.RESUME);
    }

    public boolean canCancel() {
        return PhaseTransitions.allows(this, PhaseAction.CANCEL);
    }

    public boolean canFinalize() {
        return PhaseTransitions.allows(this, PhaseAction.FINALIZE);
    }

    public boolean canExtend() {
        return PhaseTransitions.allows(this, PhaseAction.EXTEND);
    }

    public boolean canRetry() {
        return PhaseTransitions.allows(this, PhaseAction.RETRY);
    }

    @Override
    public String toString() {
        return apiName;
    }
}
