package io.ferry.provider.gcs;

import static org.assertj.core.api.Assertions.assertThat;

import io.ferry.domain.TransferPhase;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** One test per row of the Storage Transfer status table (cloud-apis.md §1.9), plus unknown values. */
class GcsStatusMappingTest {

    @Test
    void queuedIsInitializing() {
        assertRow("QUEUED", TransferPhase.INITIALIZING);
        assertThat(GcsStatusMapping.canPause("QUEUED")).isFalse();
        assertThat(GcsStatusMapping.canCancel("QUEUED")).isTrue();
    }

    @Test
    void inProgressIsTransferringAndTheOnlyPausableStatus() {
        assertRow("IN_PROGRESS", TransferPhase.TRANSFERRING);
        assertThat(Arrays.stream(GcsStatusMapping.Status.values()).filter(s -> GcsStatusMapping.canPause(s.name())))
                .containsExactly(GcsStatusMapping.Status.IN_PROGRESS);
    }

    @Test
    void pausedIsPausedUserAndTheOnlyResumableStatus() {
        assertRow("PAUSED", TransferPhase.PAUSED_USER);
        assertThat(Arrays.stream(GcsStatusMapping.Status.values()).filter(s -> GcsStatusMapping.canResume(s.name())))
                .containsExactly(GcsStatusMapping.Status.PAUSED);
    }

    @Test
    void suspendingStaysTransferringWhileDrainingAndCannotBePausedOrResumed() {
        var m = assertRow("SUSPENDING", TransferPhase.TRANSFERRING);
        assertThat(m.reason()).contains("draining");
        assertThat(GcsStatusMapping.canPause("SUSPENDING")).isFalse();
        assertThat(GcsStatusMapping.canResume("SUSPENDING")).isFalse();
        assertThat(GcsStatusMapping.canCancel("SUSPENDING")).isTrue();
    }

    @Test
    void successIsFinishedSuccess() {
        assertRow("SUCCESS", TransferPhase.FINISHED_SUCCESS);
        assertThat(GcsStatusMapping.canCancel("SUCCESS")).isFalse();
    }

    @Test
    void failedIsFinishedFailure() {
        assertRow("FAILED", TransferPhase.FINISHED_FAILURE);
        assertThat(GcsStatusMapping.canCancel("FAILED")).isFalse();
    }

    @Test
    void abortedIsCancelledUser() {
        assertRow("ABORTED", TransferPhase.CANCELLED_USER);
        assertThat(GcsStatusMapping.canCancel("ABORTED")).isFalse();
    }

    @Test
    void statusUnspecifiedIsUnknown() {
        var m = assertRow("STATUS_UNSPECIFIED", TransferPhase.UNKNOWN);
        assertThat(m.known()).isTrue();
    }

    @Test
    void everyEnumValueOfSeed002HasARow() {
        assertThat(Arrays.stream(GcsStatusMapping.Status.values()).map(Enum::name))
                .containsExactlyInAnyOrder("STATUS_UNSPECIFIED", "IN_PROGRESS", "PAUSED", "SUCCESS", "FAILED", "ABORTED",
                        "QUEUED", "SUSPENDING");
    }

    @Test
    void anUnknownStatusIsUnknownWithTheRawTextKept() {
        var m = GcsStatusMapping.map("DRAINING_FOREVER");
        assertThat(m.phase()).isEqualTo(TransferPhase.UNKNOWN);
        assertThat(m.nativeStatus()).isEqualTo("DRAINING_FOREVER");
        assertThat(m.known()).isFalse();
        assertThat(m.reason()).contains("DRAINING_FOREVER");
        assertThat(GcsStatusMapping.canCancel("DRAINING_FOREVER")).isTrue();
    }

    @Test
    void missingOrBlankStatusIsUnknownAndNeverThrows() {
        assertThat(GcsStatusMapping.map(null).phase()).isEqualTo(TransferPhase.UNKNOWN);
        assertThat(GcsStatusMapping.map("  ").phase()).isEqualTo(TransferPhase.UNKNOWN);
        assertThat(GcsStatusMapping.canPause(null)).isFalse();
        assertThat(GcsStatusMapping.canResume(null)).isFalse();
    }

    @Test
    void statusesAreCaseInsensitiveLikeTheListFilter() {
        assertThat(GcsStatusMapping.phaseOf("in_progress")).isEqualTo(TransferPhase.TRANSFERRING);
        assertThat(GcsStatusMapping.map(" paused ").nativeStatus()).isEqualTo("paused");
    }

    private static GcsStatusMapping.Mapped assertRow(String raw, TransferPhase phase) {
        var m = GcsStatusMapping.map(raw);
        assertThat(m.phase()).as(raw).isEqualTo(phase);
        assertThat(m.nativeStatus()).isEqualTo(raw);
        assertThat(m.known()).isTrue();
        assertThat(m.reason()).isNotBlank();
        return m;
    }
}
