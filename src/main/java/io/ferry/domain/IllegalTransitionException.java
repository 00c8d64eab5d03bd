package io.ferry.domain;

/** A move the transition table does not allow; the message names the action and both phases. */
public final class IllegalTransitionException extends IllegalStateException {
    private final PhaseAction action;
    private final TransferPhase from;
    private final TransferPhase to;

    public IllegalTransitionException(PhaseAction action, TransferPhase from, TransferPhase to) {
        super(to == null
                ? "Cannot " + action.wireName() + " a transfer in phase " + from.apiName() + " (" + allowed(from) + ")"
                : "Cannot " + action.wireName() + " from " + from.apiName() + " to " + to.apiName() + " ("
                        + allowed(from) + ")");
        this.action = action;
        this.from = from;
        this.to = to;
    }

    /** "allowed from paused_user: resume → resuming, cancel → cancelled_user | finalizing_cleanup, …". */
    private static String allowed(TransferPhase from) {
        java.util.StringJoiner moves = new java.util.StringJoiner(", ");
        PhaseTransitions.movesFrom(from).forEach((a, targets) -> moves.add(a.wireName() + " → "
                + String.join(" | ", targets.stream().map(TransferPhase::apiName).toList())));
        return moves.length() == 0 ? "nothing moves out of " + from.apiName() : "allowed from " + from.apiName() + ": " + moves;
    }

    public PhaseAction action() {
        return action;
    }

    public TransferPhase from() {
        return from;
    }

    /** The phase asked for, or null when the action itself is not allowed in {@link #from()}. */
    public TransferPhase to() {
        return to;
    }
}
