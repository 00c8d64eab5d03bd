package io.ferry.domain;

import static io.ferry.domain.TransferPhase.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TransferPhaseTest {
    /** oVirt engine's ImageTransferPhase values; {@code cancelled} exists only in the REST API. */
    static final Map<String, Integer> OVIRT = new LinkedHashMap<>();

    static {
        OVIRT.put("unknown", 0);
        OVIRT.put("initializing", 1);
        OVIRT.put("transferring", 2);
        OVIRT.put("resuming", 3);
        OVIRT.put("paused_system", 4);
        OVIRT.put("paused_user", 5);
        OVIRT.put("cancelled_system", 6);
        OVIRT.put("finalizing_success", 7);
        OVIRT.put("finalizing_failure", 8);
        OVIRT.put("finished_success", 9);
        OVIRT.put("finished_failure", 10);
        OVIRT.put("cancelled_user", 11);
        OVIRT.put("finalizing_cleanup", 12);
        OVIRT.put("finished_cleanup", 13);
    }

    @Test
    void fifteenPhasesWithTheSeedsSpellingAndOvirtsNumbers() {
        assertThat(TransferPhase.values()).hasSize(15);
        assertThat(TransferPhase.values()).extracting(TransferPhase::apiName).containsExactlyInAnyOrder("cancelled",
                "cancelled_system", "cancelled_user", "finalizing_cleanup", "finalizing_failure", "finalizing_success",
                "finished_cleanup", "finished_failure", "finished_success", "initializing", "paused_system",
                "paused_user", "resuming", "transferring", "unknown");
        for (TransferPhase p : TransferPhase.values()) {
            Integer v = OVIRT.get(p.apiName());
            if (v == null) {
                assertThat(p).isEqualTo(CANCELLED);
                assertThat(p.ovirtValue()).isEmpty();
            } else {
                assertThat(p.ovirtValue()).as(p.apiName()).hasValue(v);
                assertThat(TransferPhase.fromOvirtValue(v)).contains(p);
            }
            assertThat(TransferPhase.fromApiName(p.apiName())).contains(p);
            assertThat(TransferPhase.fromApiName(" " + p.apiName().toUpperCase() + " ")).contains(p);
            assertThat(p.toString()).isEqualTo(p.apiName());
        }
        assertThat(TransferPhase.fromOvirtValue(14)).isEmpty();
        assertThat(TransferPhase.fromOvirtValue(-1)).isEmpty();
        assertThat(TransferPhase.fromApiName("finished")).isEmpty();
        assertThat(TransferPhase.fromApiName(null)).isEmpty();
    }

    @Test
    void activePausedAndFinalGroups() {
        Set<TransferPhase> active = EnumSet.of(INITIALIZING, TRANSFERRING, RESUMING, FINALIZING_SUCCESS,
                FINALIZING_FAILURE, FINALIZING_CLEANUP);
        Set<TransferPhase> paused = EnumSet.of(PAUSED_USER, PAUSED_SYSTEM);
        Set<TransferPhase> fin = EnumSet.of(FINISHED_SUCCESS, FINISHED_FAILURE, FINISHED_CLEANUP, CANCELLED,
                CANCELLED_USER, CANCELLED_SYSTEM);
        for (TransferPhase p : TransferPhase.values()) {
            assertThat(p.isActive()).as("%s active", p).isEqualTo(active.contains(p));
            assertThat(p.isPaused()).as("%s paused", p).isEqualTo(paused.contains(p));
            assertThat(p.isFinal()).as("%s final", p).isEqualTo(fin.contains(p));
            assertThat(p.isActive() && p.isPaused() || p.isActive() && p.isFinal() || p.isPaused() && p.isFinal()).isFalse();
        }
        assertThat(UNKNOWN.isActive() || UNKNOWN.isPaused() || UNKNOWN.isFinal()).isFalse();
        assertThat(FINISHED_SUCCESS.group()).isEqualTo(PhaseGroup.FINISHED);
        assertThat(FINISHED_FAILURE.group()).isEqualTo(PhaseGroup.FAILED);
        assertThat(UNKNOWN.group()).isEqualTo(PhaseGroup.FAILED);
        assertThat(PAUSED_SYSTEM.group()).isEqualTo(PhaseGroup.PAUSED);
        assertThat(FINALIZING_CLEANUP.group()).isEqualTo(PhaseGroup.CANCELLED);
        assertThat(RESUMING.group()).isEqualTo(PhaseGroup.ACTIVE);
    }
}
