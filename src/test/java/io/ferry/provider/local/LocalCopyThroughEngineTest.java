package io.ferry.provider.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.ferry.domain.Direction;
import io.ferry.domain.PhaseAction;
import io.ferry.domain.PhaseChange;
import io.ferry.domain.Transfer;
import io.ferry.domain.TransferPhase;
import io.ferry.engine.EngineSettings;
import io.ferry.engine.MemoryJournal;
import io.ferry.engine.ProviderRegistry;
import io.ferry.engine.TransferEngine;
import io.ferry.engine.TransferEvent;
import io.ferry.engine.TransferRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The local provider driven by the real engine on real files: pause, resume, cancel and a restart mid-copy. The
 * engine's bandwidth limit slows the copy so the operator's action lands while data is still moving.
 */
class LocalCopyThroughEngineTest {
    private static final long MiB = 1 << 20;
    private static final long LIMIT = 16 * MiB; // bytes per second: a 24 MiB file takes about 1.5 s

    @TempDir
    Path dir;

    private TransferEngine engine(MemoryJournal journal) {
        return engine(journal, LocalCopyHooks.NONE);
    }

    private TransferEngine engine(MemoryJournal journal, LocalCopyHooks hooks) {
        return new TransferEngine(ProviderRegistry.of(Map.of(LocalProvider.ID, new LocalProvider(hooks, (int) MiB))),
                journal, EngineSettings.defaults().withBandwidthLimit(LIMIT));
    }

    private static Transfer await(TransferEngine engine, String id, Predicate<Transfer> until) throws InterruptedException {
        CountDownLatch seen = new CountDownLatch(1);
        try (AutoCloseable sub = engine.subscribe(e -> {
            if (e.transfer().id().equals(id) && until.test(e.transfer())) {
                seen.countDown();
            }
        })) {
            if (!until.test(engine.get(id).orElseThrow())) {
                assertThat(seen.await(60, TimeUnit.SECONDS)).as("transfer %s reached the expected state", id).isTrue();
            }
        } catch (InterruptedException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return engine.get(id).orElseThrow();
    }

    private TransferRequest copy(Path src, Path dst) {
        return new TransferRequest(LocalProvider.ID, Direction.COPY, src.getFileName().toString(), src.toString(),
                dst.toString(), Map.of());
    }

    @Test
    void pauseAndResumeMidCopyFinishWithIdenticalBytes() throws Exception {
        Path src = Files2.random(dir.resolve("disk.img"), 24 * MiB, 41);
        Path dst = dir.resolve("disk.copy");
        try (TransferEngine engine = engine(new MemoryJournal())) {
            String id = engine.submit(copy(src, dst)).id();
            await(engine, id, t -> t.bytesDone() >= 4 * MiB);
            engine.act(id, PhaseAction.PAUSE);
            Transfer paused = await(engine, id, t -> t.phase() == TransferPhase.PAUSED_USER);
            assertThat(paused.bytesDone()).isBetween(4 * MiB, 24 * MiB - 1);
            assertThat(dst).doesNotExist();
            assertThat(FileCopier.partOf(dst)).exists();

            engine.act(id, PhaseAction.RESUME);
            Transfer done = await(engine, id, t -> t.phase().isFinal());
            assertThat(done.phase()).isEqualTo(TransferPhase.FINISHED_SUCCESS);
            assertThat(Files2.sameBytes(src, dst)).isTrue();
            assertThat(FileCopier.partOf(dst)).doesNotExist();
            assertThat(done.history()).extracting(PhaseChange::phase).containsSubsequence(TransferPhase.TRANSFERRING,
                    TransferPhase.PAUSED_USER, TransferPhase.RESUMING, TransferPhase.TRANSFERRING,
                    TransferPhase.FINALIZING_SUCCESS, TransferPhase.FINISHED_SUCCESS);
            assertThat(done.message()).contains("resumed at byte");
        }
    }

    @Test
    void cancelMidCopyEndsInFinishedCleanupWithNothingLeft() throws Exception {
        Path src = Files2.random(dir.resolve("disk.img"), 24 * MiB, 42);
        Path dst = dir.resolve("disk.copy");
        try (TransferEngine engine = engine(new MemoryJournal())) {
            String id = engine.submit(copy(src, dst)).id();
            await(engine, id, t -> t.bytesDone() >= 4 * MiB);
            engine.act(id, PhaseAction.CANCEL);
            Transfer end = await(engine, id, t -> t.phase() == TransferPhase.FINISHED_CLEANUP);
            assertThat(end.phase()).isEqualTo(TransferPhase.FINISHED_CLEANUP);
            assertThat(dst).doesNotExist();
            assertThat(FileCopier.partOf(dst)).doesNotExist();
        }
    }

    @Test
    void restartMidCopyContinuesFromTheJournalNotFromZero() throws Exception {
        Path src = Files2.random(dir.resolve("disk.img"), 24 * MiB, 43);
        Path dst = dir.resolve("disk.copy");
        MemoryJournal journal = new MemoryJournal();
        String id;
        long durable;
        TransferEngine first = engine(journal);
        id = first.submit(copy(src, dst)).id();
        await(first, id, t -> t.bytesDone() >= 6 * MiB);
        first.close();
        durable = journal.find(id).orElseThrow().bytesDone();
        assertThat(durable).as("the engine made progress durable before stopping").isGreaterThan(0);
        assertThat(dst).doesNotExist();

        try (TransferEngine second = engine(journal)) {
            Transfer done = await(second, id, t -> t.phase().isFinal());
            assertThat(done.phase()).isEqualTo(TransferPhase.FINISHED_SUCCESS);
            assertThat(Files2.sameBytes(src, dst)).isTrue();
            assertThat(done.message()).contains("resumed at byte " + (durable / MiB * MiB));
        }
    }

    @Test
    void corruptionCaughtByVerifyEndsInFinishedFailureWithDataLossAndNoTarget() throws Exception {
        Path src = Files2.random(dir.resolve("disk.img"), 3 * MiB, 44);
        Path dst = dir.resolve("disk.copy");
        LocalCopyHooks flip = new LocalCopyHooks() {
            @Override
            public void afterWrite(Path part) throws java.io.IOException {
                try (var raf = new java.io.RandomAccessFile(part.toFile(), "rw")) {
                    raf.seek(2 * MiB + 1);
                    int b = raf.read();
                    raf.seek(2 * MiB + 1);
                    raf.write(b ^ 0xff);
                }
            }
        };
        try (TransferEngine engine = engine(new MemoryJournal(), flip)) {
            String id = engine.submit(copy(src, dst)).id();
            Transfer end = await(engine, id, t -> t.phase().isFinal());
            assertThat(end.phase()).isEqualTo(TransferPhase.FINISHED_FAILURE);
            assertThat(end.errors().count(io.ferry.domain.ErrorCode.DATA_LOSS)).isEqualTo(1);
            assertThat(end.history()).extracting(PhaseChange::phase).contains(TransferPhase.FINALIZING_SUCCESS);
            assertThat(dst).doesNotExist();
            assertThat(FileCopier.partOf(dst)).doesNotExist();
        }
    }

    @Test
    void treeWithAnUnreadableFileEndsInFinishedFailureWithTheRestCopied() throws Exception {
        Path src = Files.createDirectory(dir.resolve("src"));
        Files2.random(src.resolve("ok.bin"), MiB, 45);
        Path secret = Files2.random(src.resolve("secret.bin"), 1000, 46);
        Files.setPosixFilePermissions(secret, java.nio.file.attribute.PosixFilePermissions.fromString("---------"));
        Path dst = dir.resolve("dst");
        try (TransferEngine engine = engine(new MemoryJournal(), LocalTreeCopyTest.PERMISSION_BITS)) {
            String id = engine.submit(copy(src, dst)).id();
            Transfer end = await(engine, id, t -> t.phase().isFinal());
            assertThat(end.phase()).isEqualTo(TransferPhase.FINISHED_FAILURE);
            assertThat(end.errors().get(io.ferry.domain.ErrorCode.PERMISSION_DENIED).orElseThrow().errorLogEntries())
                    .extracting(io.ferry.domain.ErrorLogEntry::url).contains(secret.toString());
            assertThat(end.counters().get(io.ferry.domain.Counter.OBJECTS_COPIED_TO_SINK)).isEqualTo(1);
            assertThat(Files2.sameBytes(src.resolve("ok.bin"), dst.resolve("ok.bin"))).isTrue();
        }
    }
}
