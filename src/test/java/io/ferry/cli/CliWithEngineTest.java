package io.ferry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.ferry.app.EngineFactory;
import io.ferry.app.Services;
import io.ferry.domain.Direction;
import io.ferry.domain.PhaseChange;
import io.ferry.domain.Transfer;
import io.ferry.domain.TransferPhase;
import io.ferry.engine.EngineSettings;
import io.ferry.engine.ProviderRegistry;
import io.ferry.engine.TransferEngine;
import io.ferry.engine.TransferRequest;
import io.ferry.engine.TransferService;
import io.ferry.store.RunnerLock;
import io.ferry.store.SqliteStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CLI against the real engine over the real SQLite store: actions reach a running engine through pending
 * actions, a restart keeps a paused transfer paused, and {@code ferry resume} continues it from its checkpoint.
 */
class CliWithEngineTest {
    @TempDir
    Path dataDir;

    @TempDir
    Path work;

    private final SlowCopier copier = new SlowCopier(Duration.ofMillis(15));
    private final EngineFactory engines =
            (journal, secrets, providers, settings) -> new TransferEngine(ProviderRegistry.of(providers), journal, secrets,
                    EngineSettings.defaults());

    private Path source(int bytes) throws Exception {
        byte[] data = new byte[bytes];
        new SplittableRandom(7).nextBytes(data);
        return Files.write(work.resolve("src.bin"), data);
    }

    private Transfer awaitStored(String id, Predicate<Transfer> condition) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(60);
        try (SqliteStore store = SqliteStore.open(dataDir)) {
            while (Instant.now().isBefore(deadline)) {
                Transfer t = store.load(id).orElse(null);
                if (t != null && condition.test(t)) {
                    return t;
                }
                Thread.sleep(20);
            }
        }
        throw new AssertionError("transfer " + id + " did not reach the expected state in time");
    }

    @Test
    void pauseReachesTheRunnerARestartKeepsItPausedAndResumeFinishesFromTheCheckpoint() throws Exception {
        Path src = source(8 << 20);
        Path dst = work.resolve("dst.bin");
        String id;
        long pausedAt;
        try (Services services = Services.open(dataDir, List.of(copier), engines, Map.of());
                TransferService runner = services.startRunner()) {
            id = runner.submit(new TransferRequest("slow", Direction.COPY, "src.bin", src.toString(), dst.toString(), Map.of()))
                    .id();
            awaitStored(id, t -> t.phase() == TransferPhase.TRANSFERRING && t.bytesDone() >= 256 << 10);

            var pause = new CliHarness(dataDir, List.of(copier), engines).run("pause", id.substring(0, 8));
            assertThat(pause.exit()).isZero();
            assertThat(pause.out()).contains("transferring → paused_user", "applied by Ferry process " + ProcessHandle.current().pid());
            pausedAt = awaitStored(id, t -> t.phase() == TransferPhase.PAUSED_USER).bytesDone();
            assertThat(pausedAt).isBetween(256L << 10, (8L << 20) - 1);
        }
        assertThat(RunnerLock.runnerPid(dataDir)).isEmpty();

        // restart: the paused transfer stays paused
        try (Services services = Services.open(dataDir, List.of(copier), engines, Map.of());
                TransferService runner = services.startRunner()) {
            assertThat(runner.get(id).orElseThrow().phase()).isEqualTo(TransferPhase.PAUSED_USER);
        }
        assertThat(awaitStored(id, t -> true).phase()).isEqualTo(TransferPhase.PAUSED_USER);

        // resume with no runner: this command becomes the runner and follows it to the end
        var resume = new CliHarness(dataDir, List.of(copier), engines).run("resume", id);
        assertThat(resume.exit()).as(resume.err()).isZero();
        assertThat(resume.out()).contains("resuming", "finished_success");
        assertThat(dst).hasSameBinaryContentAs(src);
        Transfer done = awaitStored(id, t -> t.phase() == TransferPhase.FINISHED_SUCCESS);
        assertThat(done.bytesDone()).isEqualTo(8 << 20);
        assertThat(done.history()).extracting(PhaseChange::phase).containsSubsequence(TransferPhase.INITIALIZING,
                TransferPhase.TRANSFERRING, TransferPhase.PAUSED_USER, TransferPhase.RESUMING, TransferPhase.TRANSFERRING,
                TransferPhase.FINALIZING_SUCCESS, TransferPhase.FINISHED_SUCCESS);
        assertThat(copier.startedAt).as("the second run starts at the checkpoint, not at zero")
                .hasSize(2)
                .satisfies(s -> assertThat(s.get(1)).isGreaterThan(0).isLessThanOrEqualTo(pausedAt));
    }

    @Test
    void copyWithTheRealLocalProviderCopiesATreeAndRecordsItsCounters() throws Exception {
        Path tree = Files.createDirectories(work.resolve("tree/sub"));
        Files.write(tree.resolve("a.bin"), new byte[300_000]);
        Files.writeString(tree.resolve("b.txt"), "hello");
        Path out = work.resolve("out");
        CliHarness cli = new CliHarness(dataDir, List.of(new io.ferry.provider.local.LocalProvider()), engines);
        var r = cli.run("copy", "--json", work.resolve("tree").toString(), out.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(out.resolve("sub/a.bin")).hasSameBinaryContentAs(tree.resolve("a.bin"));
        assertThat(out.resolve("sub/b.txt")).hasContent("hello");
        var summary = new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.out().lines().toList().getLast());
        assertThat(summary.get("phase").asText()).isEqualTo("finished_success");
        assertThat(summary.get("counters").get("objectsCopiedToSink").asText()).isEqualTo("2");
        assertThat(summary.get("counters").get("bytesCopiedToSink").asText()).isEqualTo("300005");

        var again = cli.run("copy", "--sync", work.resolve("tree").toString(), out.toString());
        assertThat(again.exit()).as(again.err()).isZero();
        var list = cli.run("show", "--json", again.out().lines().toList().getLast().replaceAll(".*id ", ""));
        assertThat(list.out()).contains("\"objectsFromSourceSkippedBySync\":\"2\"");
    }

    @Test
    void cancelReachesTheRunnerWhichRemovesThePartialTarget() throws Exception {
        Path src = source(8 << 20);
        Path dst = work.resolve("dst.bin");
        try (Services services = Services.open(dataDir, List.of(copier), engines, Map.of());
                TransferService runner = services.startRunner()) {
            String id = runner.submit(new TransferRequest("slow", Direction.COPY, "", src.toString(), dst.toString(), Map.of()))
                    .id();
            awaitStored(id, t -> t.phase() == TransferPhase.TRANSFERRING && t.bytesDone() > 0);
            var cancel = new CliHarness(dataDir, List.of(copier), engines).run("cancel", id);
            assertThat(cancel.exit()).isZero();
            Transfer t = awaitStored(id, x -> x.phase() == TransferPhase.FINISHED_CLEANUP);
            assertThat(t.history()).extracting(PhaseChange::phase).contains(TransferPhase.FINALIZING_CLEANUP);
            assertThat(dst).doesNotExist();
            var list = new CliHarness(dataDir, List.of(copier), engines).run("list", "--json");
            assertThat(list.out()).contains("\"phase\":\"finished_cleanup\"");
        }
    }
}
