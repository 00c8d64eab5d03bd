package io.ferry.engine;

import static io.ferry.domain.TransferPhase.FINISHED_FAILURE;
import static io.ferry.domain.TransferPhase.FINISHED_SUCCESS;
import static io.ferry.domain.TransferPhase.PAUSED_USER;
import static io.ferry.domain.TransferPhase.TRANSFERRING;
import static org.assertj.core.api.Assertions.assertThat;

import io.ferry.domain.Direction;
import io.ferry.domain.PhaseAction;
import io.ferry.domain.PhaseChange;
import io.ferry.domain.Transfer;
import io.ferry.domain.TransferPhase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Semaphore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Durability: a new engine on the same journal is Ferry after a restart. */
class EngineRestartAndJournalTest {
    static final int CHUNK = 64 * 1024;
    static final int SIZE = 1024 * 1024 + 777;

    @TempDir
    Path dir;

    private final MemoryJournal journal = new MemoryJournal();
    private final Semaphore permits = new Semaphore(0);
    private final TestProviders.ChunkCopier copier = new TestProviders.ChunkCopier(CHUNK, permits);
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
        new Random(3).nextBytes(data);
        return Files.write(dir.resolve("disk.img"), data);
    }

    private TransferEngine newEngine(EventLog log) {
        TransferEngine e = new TransferEngine(ProviderRegistry.of(copier), journal, EngineSettings.defaults());
        e.subscribe(log);
        return e;
    }

    @Test
    void closeKeepsARunningTransferResumableAndTheNextEngineFinishesItFromItsCheckpoint() throws Exception {
        Path src = source();
        Path dst = dir.resolve("copy.img");
        EventLog log1 = new EventLog();
        TransferEngine first = newEngine(log1);
        Transfer t = first.submit(TestProviders.request("copier", src.toString(), dst.toString()));
        permits.release(4);
        log1.awaitBytes(t.id(), 4L * CHUNK);

        Thread closer = Thread.ofVirtual().start(first::close);
        while (!closer.join(Duration.ofMillis(20))) {
            permits.release(1); // the worker is between chunks; let it reach the checkpoint that stops it
        }

        Transfer durable = journal.find(t.id()).orElseThrow();
        assertThat(durable.phase()).isEqualTo(TRANSFERRING);
        assertThat(durable.bytesDone()).isGreaterThanOrEqualTo(4L * CHUNK).isLessThan(SIZE);
        assertThat(Files.size(dst)).isEqualTo(durable.bytesDone());

        permits.drainPermits();
        EventLog log2 = new EventLog();
        engine = newEngine(log2);
        Transfer restored = engine.get(t.id()).orElseThrow();
        assertThat(restored.history().getLast().reason()).contains("restored after restart");
        assertThat(restored.bytesDone()).isEqualTo(durable.bytesDone());
        permits.release(100_000);
        Transfer done = log2.awaitPhase(t.id(), FINISHED_SUCCESS);

        assertThat(copier.startedAt).containsExactly(0L, durable.bytesDone());
        assertThat(Files.mismatch(src, dst)).isEqualTo(-1);
        assertThat(done.history()).extracting(PhaseChange::reason).anyMatch(r -> r.contains("restored after restart"));
    }

    @Test
    void afterACrashEachPhaseComesBackAsItShould() throws Exception {
        Path src = source();
        byte[] data = Files.readAllBytes(src);
        Instant then = Instant.parse("2026-11-23T10:00:00Z");
        // what a crashed Ferry left: a copy checkpointed at 5 chunks (its target holds them), and others
        Path dst = dir.resolve("running.img");
        Files.write(dst, Arrays.copyOf(data, 5 * CHUNK));
        Transfer running = Transfer.create("running", "copier", Direction.COPY, "r", src.toString(), dst.toString(),
                Map.of(), then).withPhase(TRANSFERRING, then, "session ready").withBytes(5L * CHUNK, SIZE);
        Transfer queued = Transfer.create("queued", "copier", Direction.COPY, "q", src.toString(),
                dir.resolve("queued.img").toString(), Map.of(), then);
        Files.write(dir.resolve("paused.img"), Arrays.copyOf(data, 3 * CHUNK));
        Transfer paused = Transfer.create("paused", "copier", Direction.COPY, "p", src.toString(),
                dir.resolve("paused.img").toString(), Map.of(), then)
                .withPhase(TRANSFERRING, then, "").withPhase(PAUSED_USER, then, "paused by operator")
                .withBytes(3L * CHUNK, SIZE);
        Transfer finished = Transfer.create("finished", "copier", Direction.COPY, "f", src.toString(), "x", Map.of(), then)
                .withPhase(TRANSFERRING, then, "").withPhase(TransferPhase.FINALIZING_SUCCESS, then, "")
                .withPhase(FINISHED_SUCCESS, then, "done");
        Transfer failing = Transfer.create("failing", "copier", Direction.COPY, "x", src.toString(), "y", Map.of(), then)
                .withPhase(TransferPhase.FINALIZING_FAILURE, then, "NOT_FOUND: gone");
        for (Transfer t : new Transfer[] {running, queued, paused, finished, failing}) {
            journal.save(t);
        }
        permits.release(100_000);

        EventLog log = new EventLog();
        engine = newEngine(log);

        log.awaitPhase("running", FINISHED_SUCCESS);
        log.awaitPhase("queued", FINISHED_SUCCESS);
        assertThat(Files.mismatch(src, dst)).isEqualTo(-1);
        assertThat(Files.mismatch(src, dir.resolve("queued.img"))).isEqualTo(-1);
        assertThat(copier.startedAt).containsExactlyInAnyOrder(5L * CHUNK, 0L);
        assertThat(engine.get("paused").orElseThrow().phase()).isEqualTo(PAUSED_USER);
        assertThat(engine.get("paused").orElseThrow().bytesDone()).isEqualTo(3L * CHUNK);
        assertThat(engine.get("finished").orElseThrow()).isEqualTo(finished);
        assertThat(engine.get("failing").orElseThrow().phase()).isEqualTo(FINISHED_FAILURE);
        assertThat(journal.find("failing").orElseThrow().phase()).isEqualTo(FINISHED_FAILURE);
        assertThat(engine.list()).extracting(Transfer::id)
                .containsExactly("running", "queued", "paused", "finished", "failing");

        engine.act("paused", PhaseAction.RESUME);
        log.awaitPhase("paused", FINISHED_SUCCESS);
        assertThat(copier.startedAt).contains(3L * CHUNK);
    }

    @Test
    void requestsLeftInTheJournalByAnotherProcessReachTheRunningTransfer() throws Exception {
        Path src = source();
        EventLog log = new EventLog();
        engine = newEngine(log);
        Transfer t = engine.submit(TestProviders.request("copier", src.toString(), dir.resolve("c.img").toString()));
        permits.release(2);
        log.awaitBytes(t.id(), 2L * CHUNK);

        journal.request(t.id(), PhaseAction.PAUSE); // as `ferry pause ID` does
        journal.request("no-such-transfer", PhaseAction.CANCEL); // ignored, does no harm
        Transfer paused = log.stepUntil(permits, t.id(), PAUSED_USER);
        assertThat(paused.bytesDone()).isLessThan(SIZE);

        journal.request(t.id(), PhaseAction.RESUME);
        permits.release(100_000);
        log.awaitPhase(t.id(), FINISHED_SUCCESS);
        assertThat(Files.mismatch(src, dir.resolve("c.img"))).isEqualTo(-1);
    }

    @Test
    void listOnlyModeLeavesInterruptedTransfersAlone() {
        Instant then = Instant.parse("2026-11-23T10:00:00Z");
        Transfer running = Transfer.create("running", "copier", Direction.COPY, "r", "a", "b", Map.of(), then)
                .withPhase(TRANSFERRING, then, "");
        journal.save(running);
        engine = new TransferEngine(ProviderRegistry.of(copier), journal,
                EngineSettings.defaults().withRestoreActive(false));
        assertThat(engine.list()).containsExactly(running);
        assertThat(copier.startedAt).isEmpty();
        assertThat(journal.find("running").orElseThrow()).isEqualTo(running);
    }
}
