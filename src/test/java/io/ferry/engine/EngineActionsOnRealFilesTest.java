package io.ferry.engine;

import static io.ferry.domain.TransferPhase.CANCELLED_USER;
import static io.ferry.domain.TransferPhase.FINALIZING_CLEANUP;
import static io.ferry.domain.TransferPhase.FINALIZING_SUCCESS;
import static io.ferry.domain.TransferPhase.FINISHED_CLEANUP;
import static io.ferry.domain.TransferPhase.FINISHED_SUCCESS;
import static io.ferry.domain.TransferPhase.INITIALIZING;
import static io.ferry.domain.TransferPhase.PAUSED_USER;
import static io.ferry.domain.TransferPhase.RESUMING;
import static io.ferry.domain.TransferPhase.TRANSFERRING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ferry.domain.IllegalTransitionException;
import io.ferry.domain.PhaseAction;
import io.ferry.domain.PhaseChange;
import io.ferry.domain.Transfer;
import io.ferry.domain.TransferPhase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Semaphore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Pause, resume, cancel and retry in the middle of a real copy (real files, real time). */
class EngineActionsOnRealFilesTest {
    static final int CHUNK = 64 * 1024;
    static final int SIZE = 2 * 1024 * 1024 + 12_345;

    @TempDir
    Path dir;

    private final Semaphore permits = new Semaphore(0);
    private final TestProviders.ChunkCopier copier = new TestProviders.ChunkCopier(CHUNK, permits);
    private final MemoryJournal journal = new MemoryJournal();
    private final EventLog log = new EventLog();
    private TransferEngine engine;

    @AfterEach
    void close() {
        permits.release(100_000);
        if (engine != null) {
            engine.close();
        }
    }

    private Path source() throws Exception {
        byte[] data = new byte[SIZE];
        new Random(1).nextBytes(data);
        Path src = dir.resolve("disk.img");
        Files.write(src, data);
        return src;
    }

    private Transfer start(Path src, Path dst, int maxConcurrent) {
        engine = new TransferEngine(ProviderRegistry.of(copier), journal,
                EngineSettings.defaults().withMaxConcurrent(maxConcurrent));
        engine.subscribe(log);
        return engine.submit(TestProviders.request("copier", src.toString(), dst.toString()));
    }

    private static List<TransferPhase> phases(Transfer t) {
        return t.history().stream().map(PhaseChange::phase).toList();
    }

    @Test
    void pauseStopsAtTheNextCheckpointAndResumeContinuesFromThere() throws Exception {
        Path src = source();
        Path dst = dir.resolve("copy.img");
        Transfer t = start(src, dst, 4);
        permits.release(5);
        log.awaitBytes(t.id(), 5L * CHUNK);

        engine.act(t.id(), PhaseAction.PAUSE);
        permits.release(1); // lets the worker reach its next checkpoint
        Transfer paused = log.awaitPhase(t.id(), PAUSED_USER);

        assertThat(paused.bytesDone()).isBetween(5L * CHUNK, 6L * CHUNK);
        assertThat(Files.size(dst)).isEqualTo(paused.bytesDone());
        assertThat(journal.find(t.id()).orElseThrow().phase()).isEqualTo(PAUSED_USER);
        assertThatThrownBy(() -> engine.act(t.id(), PhaseAction.PAUSE))
                .isInstanceOf(IllegalTransitionException.class)
                .hasMessageContaining("pause")
                .hasMessageContaining("paused_user");

        engine.act(t.id(), PhaseAction.RESUME);
        permits.release(100_000);
        Transfer done = log.awaitPhase(t.id(), FINISHED_SUCCESS);

        assertThat(Files.mismatch(src, dst)).isEqualTo(-1);
        assertThat(copier.startedAt).containsExactly(0L, paused.bytesDone());
        assertThat(done.bytesDone()).isEqualTo(SIZE);
        assertThat(phases(done)).containsExactly(INITIALIZING, TRANSFERRING, PAUSED_USER, RESUMING, TRANSFERRING,
                FINALIZING_SUCCESS, FINISHED_SUCCESS);
        assertThat(done.ended()).isNotNull();
    }

    @Test
    void cancelMidCopyRemovesThePartialTargetThroughCleanup() throws Exception {
        Path src = source();
        Path dst = dir.resolve("copy.img");
        Transfer t = start(src, dst, 4);
        permits.release(3);
        log.awaitBytes(t.id(), 3L * CHUNK);
        assertThat(dst).exists();

        engine.act(t.id(), PhaseAction.CANCEL);
        permits.release(1);
        Transfer cleaned = log.awaitPhase(t.id(), FINISHED_CLEANUP);

        assertThat(dst).doesNotExist();
        assertThat(copier.cleanups).hasValue(1);
        assertThat(phases(cleaned)).containsSubsequence(TRANSFERRING, CANCELLED_USER, FINALIZING_CLEANUP, FINISHED_CLEANUP);
        assertThat(journal.find(t.id()).orElseThrow().phase()).isEqualTo(FINISHED_CLEANUP);
        assertThat(cleaned.phase().canRetry()).isTrue();
    }

    @Test
    void cancelOfAQueuedTransferNeverRunsItAndRetryStartsOver() throws Exception {
        Path src = source();
        Transfer first = start(src, dir.resolve("first.img"), 1);
        Transfer second = engine.submit(TestProviders.request("copier", src.toString(), dir.resolve("second.img").toString()));
        log.awaitPhase(first.id(), TRANSFERRING);

        engine.act(second.id(), PhaseAction.CANCEL);
        Transfer cancelled = log.awaitPhase(second.id(), FINISHED_CLEANUP);
        assertThat(phases(cancelled)).containsExactly(INITIALIZING, CANCELLED_USER, FINALIZING_CLEANUP, FINISHED_CLEANUP);
        assertThat(copier.startedAt).hasSize(1); // only the first ran

        engine.act(second.id(), PhaseAction.RETRY);
        assertThat(engine.get(second.id()).orElseThrow().phase()).isEqualTo(INITIALIZING);
        permits.release(100_000);
        log.awaitPhase(first.id(), FINISHED_SUCCESS);
        Transfer retried = log.await(e -> e.transfer().id().equals(second.id())
                && e.transfer().phase() == FINISHED_SUCCESS, "second finished").transfer();
        assertThat(Files.mismatch(src, dir.resolve("second.img"))).isEqualTo(-1);
        assertThat(phases(retried)).containsSubsequence(FINISHED_CLEANUP, INITIALIZING, TRANSFERRING, FINISHED_SUCCESS);
    }

    @Test
    void pauseOfAQueuedTransferHoldsItAndResumeQueuesItAgain() throws Exception {
        Path src = source();
        Transfer first = start(src, dir.resolve("first.img"), 1);
        log.awaitPhase(first.id(), TRANSFERRING);
        Transfer second = engine.submit(TestProviders.request("copier", src.toString(), dir.resolve("second.img").toString()));
        // queued transfers are initializing, where the table has no pause
        assertThatThrownBy(() -> engine.act(second.id(), PhaseAction.PAUSE))
                .isInstanceOf(IllegalTransitionException.class)
                .hasMessageContaining("pause")
                .hasMessageContaining("initializing");
        assertThatThrownBy(() -> engine.act(first.id(), PhaseAction.RESUME))
                .isInstanceOf(IllegalTransitionException.class)
                .hasMessageContaining("resume")
                .hasMessageContaining("transferring");
        assertThatThrownBy(() -> engine.act(first.id(), PhaseAction.FINALIZE))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("finalizes on its own");
        permits.release(100_000);
        log.awaitPhase(second.id(), FINISHED_SUCCESS);
    }

    @Test
    void removeRefusesARunningTransferAndForgetsAFinishedOne() throws Exception {
        Path src = source();
        Transfer t = start(src, dir.resolve("copy.img"), 4);
        log.awaitPhase(t.id(), TRANSFERRING);
        assertThatThrownBy(() -> engine.remove(t.id()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("running");
        permits.release(100_000);
        log.awaitPhase(t.id(), FINISHED_SUCCESS);

        engine.remove(t.id());

        log.await(e -> e.kind() == TransferEvent.Kind.REMOVED && e.transfer().id().equals(t.id()), "removed");
        assertThat(engine.get(t.id())).isEmpty();
        assertThat(journal.find(t.id())).isEmpty();
        assertThat(Files.mismatch(src, dir.resolve("copy.img"))).isEqualTo(-1);
    }
}
