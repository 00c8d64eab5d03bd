package io.ferry.domain;

import static io.ferry.domain.PhaseAction.CANCEL;
import static io.ferry.domain.PhaseAction.ERROR;
import static io.ferry.domain.PhaseAction.EXTEND;
import static io.ferry.domain.PhaseAction.FINALIZE;
import static io.ferry.domain.PhaseAction.PAUSE;
import static io.ferry.domain.PhaseAction.RESUME;
import static io.ferry.domain.PhaseAction.RETRY;
import static io.ferry.domain.PhaseAction.SYSTEM;
import static io.ferry.domain.TransferPhase.CANCELLED;
import static io.ferry.domain.TransferPhase.CANCELLED_SYSTEM;
import static io.ferry.domain.TransferPhase.CANCELLED_USER;
import static io.ferry.domain.TransferPhase.FINALIZING_CLEANUP;
import static io.ferry.domain.TransferPhase.FINALIZING_FAILURE;
import static io.ferry.domain.TransferPhase.FINALIZING_SUCCESS;
import static io.ferry.domain.TransferPhase.FINISHED_CLEANUP;
import static io.ferry.domain.TransferPhase.FINISHED_FAILURE;
import static io.ferry.domain.TransferPhase.FINISHED_SUCCESS;
import static io.ferry.domain.TransferPhase.INITIALIZING;
import static io.ferry.domain.TransferPhase.PAUSED_SYSTEM;
import static io.ferry.domain.TransferPhase.PAUSED_USER;
import static io.ferry.domain.TransferPhase.RESUMING;
import static io.ferry.domain.TransferPhase.TRANSFERRING;
import static io.ferry.domain.TransferPhase.UNKNOWN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The transition table, every phase × every action × every target, against a table written here from the
 * issue's text (seeds 000/001) and the three additions PhaseTransitions documents, not read back from the code.
 */
class PhaseTransitionsTest {

    /** expected.get(from).get(action) = the phases that action may lead to; absent = rejected. */
    static final Map<TransferPhase, Map<PhaseAction, Set<TransferPhase>>> EXPECTED = new EnumMap<>(TransferPhase.class);

    private static void allow(TransferPhase from, PhaseAction action, TransferPhase... to) {
        EXPECTED.computeIfAbsent(from, k -> new EnumMap<>(PhaseAction.class)).put(action, Set.of(to));
    }

    static {
        // initializing → transferring | paused_system (session could not be set up); Ferry: cancel, and giving up
        allow(INITIALIZING, SYSTEM, TRANSFERRING, PAUSED_SYSTEM, CANCELLED_SYSTEM, FINALIZING_FAILURE);
        allow(INITIALIZING, CANCEL, CANCELLED_USER, FINALIZING_CLEANUP);
        // transferring → paused_user (pause) | paused_system (timeout/error) | finalizing_success (finalize)
        //   | cancelled_user / finalizing_cleanup (operator cancel) | cancelled_system (the system cancels);
        //   extend keeps the phase
        allow(TRANSFERRING, PAUSE, PAUSED_USER);
        allow(TRANSFERRING, SYSTEM, PAUSED_SYSTEM, CANCELLED_SYSTEM, FINALIZING_FAILURE);
        allow(TRANSFERRING, FINALIZE, FINALIZING_SUCCESS);
        allow(TRANSFERRING, CANCEL, CANCELLED_USER, FINALIZING_CLEANUP);
        allow(TRANSFERRING, EXTEND, TRANSFERRING);
        // paused_* → resuming (resume); cancel from a paused transfer; the system may cancel or give up
        for (TransferPhase p : new TransferPhase[] {PAUSED_USER, PAUSED_SYSTEM}) {
            allow(p, RESUME, RESUMING);
            allow(p, CANCEL, CANCELLED_USER, FINALIZING_CLEANUP);
            allow(p, SYSTEM, CANCELLED_SYSTEM, FINALIZING_FAILURE);
        }
        // resuming → transferring | paused_system
        allow(RESUMING, SYSTEM, TRANSFERRING, PAUSED_SYSTEM);
        allow(RESUMING, CANCEL, CANCELLED_USER, FINALIZING_CLEANUP);
        // finalizing_success → finished_success | finished_failure; finalizing_failure → finished_failure
        allow(FINALIZING_SUCCESS, SYSTEM, FINISHED_SUCCESS, FINISHED_FAILURE);
        allow(FINALIZING_FAILURE, SYSTEM, FINISHED_FAILURE);
        // cancelled_* → finalizing_cleanup → finished_cleanup
        for (TransferPhase p : new TransferPhase[] {CANCELLED, CANCELLED_USER, CANCELLED_SYSTEM}) {
            allow(p, SYSTEM, FINALIZING_CLEANUP);
        }
        allow(FINALIZING_CLEANUP, SYSTEM, FINISHED_CLEANUP);
        // Ferry: retry from failed, cancelled and unknown starts again
        for (TransferPhase p : new TransferPhase[] {
            FINISHED_FAILURE, FINISHED_CLEANUP, CANCELLED, CANCELLED_USER, CANCELLED_SYSTEM, UNKNOWN
        }) {
            allow(p, RETRY, INITIALIZING);
        }
        // any → unknown on an unexpected error
        for (TransferPhase p : TransferPhase.values()) {
            if (p != UNKNOWN) {
                allow(p, ERROR, UNKNOWN);
            }
        }
    }

    static Set<TransferPhase> expected(TransferPhase from, PhaseAction action) {
        return EXPECTED.getOrDefault(from, Map.of()).getOrDefault(action, Set.of());
    }

    @Test
    void everyPhaseTimesEveryActionTimesEveryTargetMatchesTheWrittenTable() {
        int allowed = 0;
        int rejected = 0;
        for (TransferPhase from : TransferPhase.values()) {
            for (PhaseAction action : PhaseAction.values()) {
                Set<TransferPhase> want = expected(from, action);
                assertThat(PhaseTransitions.targets(from, action)).as("%s --%s-->", from, action).isEqualTo(want);
                assertThat(PhaseTransitions.allows(from, action)).as("%s may %s", from, action).isEqualTo(!want.isEmpty());
                for (TransferPhase to : TransferPhase.values()) {
                    if (want.contains(to)) {
                        assertThat(PhaseTransitions.allows(from, action, to)).isTrue();
                        assertThat(PhaseTransitions.check(from, action, to)).isEqualTo(to);
                        allowed++;
                    } else {
                        assertThat(PhaseTransitions.allows(from, action, to)).as("%s --%s--> %s", from, action, to).isFalse();
                        IllegalTransitionException e = catchThrowableOfType(IllegalTransitionException.class,
                                () -> PhaseTransitions.check(from, action, to));
                        assertThat(e).as("%s --%s--> %s must be rejected", from, action, to).isNotNull();
                        assertThat(e.getMessage()).contains(action.wireName(), from.apiName(), to.apiName());
                        assertThat(e.action()).isEqualTo(action);
                        assertThat(e.from()).isEqualTo(from);
                        assertThat(e.to()).isEqualTo(to);
                        rejected++;
                    }
                }
            }
        }
        assertThat(allowed + rejected).isEqualTo(15 * 8 * 15);
        assertThat(allowed).isEqualTo(EXPECTED.values().stream().flatMap(m -> m.values().stream()).mapToInt(Set::size).sum());
    }

    @Test
    void operatorActionsLeadToTheirNaturalTargetOrAreRejectedNamingBothPhases() {
        Map<PhaseAction, TransferPhase> natural = Map.of(PAUSE, PAUSED_USER, RESUME, RESUMING, CANCEL, CANCELLED_USER,
                FINALIZE, FINALIZING_SUCCESS, RETRY, INITIALIZING);
        for (TransferPhase from : TransferPhase.values()) {
            for (PhaseAction action : PhaseAction.values()) {
                if (action == SYSTEM) {
                    assertThatThrownBy(() -> PhaseTransitions.apply(from, SYSTEM)).isInstanceOf(IllegalArgumentException.class);
                    continue;
                }
                TransferPhase target = action == EXTEND ? from : action == ERROR ? UNKNOWN : natural.get(action);
                if (expected(from, action).contains(target)) {
                    assertThat(PhaseTransitions.apply(from, action)).isEqualTo(target);
                } else {
                    assertThatThrownBy(() -> PhaseTransitions.apply(from, action))
                            .isInstanceOf(IllegalTransitionException.class)
                            .hasMessageContaining(action.wireName())
                            .hasMessageContaining(from.apiName())
                            .hasMessageContaining(target.apiName());
                }
            }
        }
    }

    @Test
    void theRejectionSaysWhatIsAllowedInstead() {
        assertThatThrownBy(() -> PhaseTransitions.apply(PAUSED_USER, PAUSE))
                .hasMessage("Cannot pause from paused_user to paused_user (allowed from paused_user: "
                        + "resume → resuming, cancel → cancelled_user | finalizing_cleanup, "
                        + "system → cancelled_system | finalizing_failure, error → unknown)");
        assertThatThrownBy(() -> PhaseTransitions.check(UNKNOWN, ERROR, UNKNOWN))
                .hasMessageContaining("allowed from unknown: retry → initializing");
    }

    @Test
    void predicatesFollowTheTable() {
        for (TransferPhase p : TransferPhase.values()) {
            assertThat(p.canPause()).as("%s can pause", p).isEqualTo(p == TRANSFERRING);
            assertThat(p.canFinalize()).as("%s can finalize", p).isEqualTo(p == TRANSFERRING);
            assertThat(p.canExtend()).as("%s can extend", p).isEqualTo(p == TRANSFERRING);
            assertThat(p.canResume()).as("%s can resume", p).isEqualTo(p == PAUSED_USER || p == PAUSED_SYSTEM);
            assertThat(p.canCancel()).as("%s can cancel", p)
                    .isEqualTo(EnumSet.of(INITIALIZING, TRANSFERRING, PAUSED_USER, PAUSED_SYSTEM, RESUMING).contains(p));
            assertThat(p.canRetry()).as("%s can retry", p).isEqualTo(EnumSet.of(FINISHED_FAILURE, FINISHED_CLEANUP,
                    CANCELLED, CANCELLED_USER, CANCELLED_SYSTEM, UNKNOWN).contains(p));
        }
        assertThat(PhaseTransitions.actionsFrom(TRANSFERRING)).containsExactlyInAnyOrder(PAUSE, CANCEL, FINALIZE, EXTEND);
        assertThat(PhaseTransitions.actionsFrom(FINISHED_SUCCESS)).isEmpty();
    }
}
