package io.ferry.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TransferTest {
    static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");

    private static Transfer fresh() {
        return Transfer.create("id-1", "local", Direction.COPY, "disk.img", "/a/disk.img", "/b/disk.img",
                Map.of("verify", "true"), T0);
    }

    @Test
    void aNewTransferIsInitializingWithThatInItsHistory() {
        Transfer t = fresh();
        assertThat(t.phase()).isEqualTo(TransferPhase.INITIALIZING);
        assertThat(t.history()).containsExactly(new PhaseChange(TransferPhase.INITIALIZING, T0, "created"));
        assertThat(t.bytesTotal()).isEqualTo(-1);
        assertThat(t.progressPercent()).isEqualTo(-1);
        assertThat(t.option("verify", "false")).isEqualTo("true");
        assertThat(t.started()).isNull();
        assertThat(t.ended()).isNull();
    }

    @Test
    void phasesAreRecordedWithTimesAndStartAndEndAreSet() {
        Transfer t = fresh()
                .withPhase(TransferPhase.TRANSFERRING, T0.plusSeconds(1), "session ready")
                .withPhase(TransferPhase.PAUSED_USER, T0.plusSeconds(5), "paused by operator")
                .withPhase(TransferPhase.RESUMING, T0.plusSeconds(9), "resumed")
                .withPhase(TransferPhase.TRANSFERRING, T0.plusSeconds(10), "resumed");
        assertThat(t.started()).isEqualTo(T0.plusSeconds(1)); // the first transferring, not the last
        assertThat(t.ended()).isNull();
        Transfer done = t.withPhase(TransferPhase.FINALIZING_SUCCESS, T0.plusSeconds(20), "verifying")
                .withPhase(TransferPhase.FINISHED_SUCCESS, T0.plusSeconds(21), "done");
        assertThat(done.ended()).isEqualTo(T0.plusSeconds(21));
        assertThat(done.history()).hasSize(7);
        assertThat(done.phaseReason()).isEqualTo("done");
        assertThat(done.withPhase(TransferPhase.FINISHED_SUCCESS, T0.plusSeconds(99), "again")).isSameAs(done);
    }

    @Test
    void aHistoryNoteKeepsThePhase() {
        Transfer t = fresh().withPhase(TransferPhase.TRANSFERRING, T0, "").withBytes(42, 100);
        Transfer noted = t.withHistoryNote(T0.plusSeconds(3), "restored after restart at 42 bytes");
        assertThat(noted.phase()).isEqualTo(TransferPhase.TRANSFERRING);
        assertThat(noted.history()).hasSize(t.history().size() + 1);
        assertThat(noted.history().getLast())
                .isEqualTo(new PhaseChange(TransferPhase.TRANSFERRING, T0.plusSeconds(3), "restored after restart at 42 bytes"));
        assertThat(noted.bytesDone()).isEqualTo(42);
    }

    @Test
    void percentPrefersWhatTheRemoteReportedThenBytesThenObjects() {
        Transfer t = fresh();
        assertThat(t.withBytes(25, 100).progressPercent()).isEqualTo(25.0);
        assertThat(t.withBytes(25, 100).withPercent(40).progressPercent()).isEqualTo(40.0);
        assertThat(t.withObjects(3, 4).progressPercent()).isEqualTo(75.0);
        assertThat(t.withBytes(200, 100).progressPercent()).isEqualTo(100.0);
        assertThat(t.withBytes(0, 0).withPhase(TransferPhase.FINISHED_SUCCESS, T0, "").progressPercent()).isEqualTo(100.0);
    }
}
