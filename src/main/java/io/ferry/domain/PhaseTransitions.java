package io.ferry.domain;

import static io.ferry.domain.PhaseAction.CANCEL;
import static io.ferry.domain.PhaseAction.ERROR;
import static io.ferry.domain.PhaseAction.EXTEND;
import static io.ferry.domain.PhaseAction.FINALIZE;
import static io.ferry.domain.PhaseAction.PAUSE;
import static io.ferry.domain.PhaseAction.RESUME;
import static io.ferry.domain.PhaseAction.RETRY;
import static io.ferry.domain.PhaseAction.SYSTEM;
import static io.ferry.domain.TransferPhase.*;

import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The transition table, written out move by move (docs/phases.md has it as a table). Exactly the moves
 * seeds 000 and 001 describe, plus three Ferry needs and says so:
 * <ul>
 *   <li>cancel is allowed from every phase that is not final or already finalizing (the seeds put no limit on
 *       it; an operator must be able to cancel a paused or initializing transfer);</li>
 *   <li>{@code finalizing_failure} is reached by the system from initializing, transferring and paused phases
 *       when Ferry's own engine gives up (oVirt sets it only from its portal; the meaning is the same);</li>
 *   <li>retry, from a failed, cancelled or unknown transfer, starts again at {@code initializing}.</li>
 * </ul>
 * A remote system's observed phase is shown as it is and does not go through this table; the table checks
 * what Ferry itself does and which actions it offers.
 */
public final class PhaseTransitions {

    private static final Map<TransferPhase, Map<PhaseAction, Set<TransferPhase>>> TABLE = new EnumMap<>(TransferPhase.class);

    static {
        // initializing → transferring | paused_system (session could not be set up)
        move(INITIALIZING, SYSTEM, TRANSFERRING, PAUSED_SYSTEM, CANCELLED_SYSTEM, FINALIZING_FAILURE);
        move(INITIALIZING, CANCEL, CANCELLED_USER, FINALIZING_CLEANUP);

        // transferring → paused_user (pause) | paused_system (timeout/error) | finalizing_success (finalize)
        //              | cancelled_user / cancelled_system / finalizing_cleanup (cancel); extend keeps the phase
        move(TRANSFERRING, PAUSE, PAUSED_USER);
        move(TRANSFERRING, SYSTEM, PAUSED_SYSTEM, CANCELLED_SYSTEM, FINALIZING_FAILURE);
        move(TRANSFERRING, FINALIZE, FINALIZING_SUCCESS);
        move(TRANSFERRING, CANCEL, CANCELLED_USER, FINALIZING_CLEANUP);
        move(TRANSFERRING, EXTEND, TRANSFERRING);

        // paused_* → resuming (resume)
        for (TransferPhase paused : new TransferPhase[] {PAUSED_USER, PAUSED_SYSTEM}) {
            move(paused, RESUME, RESUMING);
            move(paused, CANCEL, CANCELLED_USER, FINALIZING_CLEANUP);
            move(paused, SYSTEM, CANCELLED_SYSTEM, FINALIZING_FAILURE);
        }

        // resuming → transferring | paused_system
        move(RESUMING, SYSTEM, TRANSFERRING, PAUSED_SYSTEM);
        move(RESUMING, CANCEL, CANCELLED_USER, FINALIZING_CLEANUP);

        // finalizing_success → finished_success | finished_failure (verification)
        move(FINALIZING_SUCCESS, SYSTEM, FINISHED_SUCCESS, FINISHED_FAILURE);
        // finalizing_failure → finished_failure
        move(FINALIZING_FAILURE, SYSTEM, FINISHED_FAILURE);
        // cancelled_* → finalizing_cleanup while the partial image is removed; finalizing_cleanup → finished_cleanup
        move(CANCELLED, SYSTEM, FINALIZING_CLEANUP);
        move(CANCELLED_USER, SYSTEM, FINALIZING_CLEANUP);
        move(CANCELLED_SYSTEM, SYSTEM, FINALIZING_CLEANUP);
        move(FINALIZING_CLEANUP, SYSTEM, FINISHED_CLEANUP);

        // retry starts a failed or cancelled transfer again
        for (TransferPhase p : new TransferPhase[] {
            FINISHED_FAILURE, FINISHED_CLEANUP, CANCELLED, CANCELLED_USER, CANCELLED_SYSTEM, UNKNOWN
        }) {
            move(p, RETRY, INITIALIZING);
        }

        // any → unknown on an unexpected error
        for (TransferPhase p : TransferPhase.values()) {
            if (p != UNKNOWN) {
                move(p, ERROR, UNKNOWN);
            }
        }
    }

    private PhaseTransitions() {}

    private static void move(TransferPhase from, PhaseAction action, TransferPhase... to) {
        TABLE.computeIfAbsent(from, k -> new EnumMap<>(PhaseAction.class))
                .computeIfAbsent(action, k -> EnumSet.noneOf(TransferPhase.class))
                .addAll(java.util.List.of(to));
    }

    /** True when {@code action} may be taken in {@code phase}. */
    public static boolean allows(TransferPhase phase, PhaseAction action) {
        return !targets(phase, action).isEmpty();
    }

    /** The phases {@code action} may lead to from {@code phase}; empty when it is not allowed there. */
    public static Set<TransferPhase> targets(TransferPhase phase, PhaseAction action) {
        Map<PhaseAction, Set<TransferPhase>> row = TABLE.get(phase);
        if (row == null || !row.containsKey(action)) {
            return Set.of();
        }
        return Collections.unmodifiableSet(row.get(action));
    }

    /** True when {@code action} may move {@code from} to {@code to}. */
    public static boolean allows(TransferPhase from, PhaseAction action, TransferPhase to) {
        return targets(from, action).contains(to);
    }

    /**
     * Checks a move and returns its target.
     *
     * @throws IllegalTransitionException naming the action and both phases when the table has no such move
     */
    public static TransferPhase check(TransferPhase from, PhaseAction action, TransferPhase to) {
        if (!allows(from, action, to)) {
            throw new IllegalTransitionException(action, from, to);
        }
        return to;
    }

    /**
     * The phase an operator action leads to when the action has one natural target: pause → paused_user,
     * resume → resuming, finalize → finalizing_success, extend → the same phase, retry → initializing,
     * cancel → cancelled_user, error → unknown.
     *
     * @throws IllegalTransitionException naming the action, {@code from} and the natural target when the action is
     *                                    not allowed in {@code from}
     * @throws IllegalArgumentException   for {@link PhaseAction#SYSTEM}, which has no single target
     */
    public static TransferPhase apply(TransferPhase from, PhaseAction action) {
        TransferPhase to = naturalTarget(from, action);
        if (!allows(from, action, to)) {
            throw new IllegalTransitionException(action, from, to);
        }
        return to;
    }

    /** Where {@code action} leads when it is allowed; see {@link #apply}. */
    public static TransferPhase naturalTarget(TransferPhase from, PhaseAction action) {
        return switch (action) {
            case PAUSE -> PAUSED_USER;
            case RESUME -> RESUMING;
            case FINALIZE -> FINALIZING_SUCCESS;
            case EXTEND -> from;
            case RETRY -> INITIALIZING;
            case CANCEL -> CANCELLED_USER;
            case ERROR -> UNKNOWN;
            case SYSTEM -> throw new IllegalArgumentException("system moves have no single target; use check()");
        };
    }

    /** The operator actions allowed in {@code phase}, for messages and menus. */
    public static Set<PhaseAction> actionsFrom(TransferPhase phase) {
        Set<PhaseAction> out = EnumSet.noneOf(PhaseAction.class);
        Map<PhaseAction, Set<TransferPhase>> row = TABLE.getOrDefault(phase, Map.of());
        for (PhaseAction a : row.keySet()) {
            if (a.isOperatorAction()) {
                out.add(a);
            }
        }
        return out;
    }

    /** Every move out of {@code phase}, as "action → phases", for messages and docs. */
    public static Map<PhaseAction, Set<TransferPhase>> movesFrom(TransferPhase phase) {
        Map<PhaseAction, Set<TransferPhase>> out = new LinkedHashMap<>();
        TABLE.getOrDefault(phase, Map.of()).forEach((a, to) -> out.put(a, Collections.unmodifiableSet(to)));
        return Collections.unmodifiableMap(out);
    }
}
