package io.ferry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ferry.domain.Direction;
import io.ferry.domain.ErrorCode;
import io.ferry.domain.PhaseAction;
import io.ferry.domain.Transfer;
import io.ferry.domain.TransferPhase;
import io.ferry.engine.TransferJournal.PendingAction;
import io.ferry.provider.Provider;
import io.ferry.provider.TransferContext;
import io.ferry.store.RunnerLockHolder;
import io.ferry.store.SqliteStore;
import io.ferry.store.SqliteStoreTestData;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CLI's commands through picocli on a real data directory (SQLite file, runner lock, child JVM as runner). */
class CliCommandsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dataDir;

    @TempDir
    Path work;

    private Transfer transferring(String id, Path source, Path target) {
        Instant t0 = Instant.parse("2026-11-23T09:00:00Z");
        return Transfer.create(id, "testprov", Direction.COPY, source.getFileName().toString(), source.toString(),
                        target.toString(), Map.of("verify", "true"), t0)
                .withPhase(TransferPhase.TRANSFERRING, t0.plusSeconds(1), "started")
                .withBytes(10L << 20, 40L << 20);
    }

    private void save(Transfer... ts) {
        try (SqliteStore store = SqliteStore.open(dataDir)) {
            for (Transfer t : ts) {
                store.save(t);
            }
        }
    }

    private Transfer load(String id) {
        try (SqliteStore store = SqliteStore.open(dataDir)) {
            return store.load(id).orElseThrow();
        }
    }

    @Test
    void anUnknownIdEndsWithExit2AndOneClearLine() {
        var r = CliHarness.withoutEngine(dataDir).run("show", "no-such-id");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.errLines()).containsExactly("No transfer with id no-such-id; `ferry list` shows them.");
        assertThat(r.out()).isEmpty();
        for (String action : List.of("pause", "resume", "cancel")) {
            var a = CliHarness.withoutEngine(dataDir).run(action, "no-such-id");
            assertThat(a.exit()).as(action).isEqualTo(2);
            assertThat(a.errLines()).as(action).hasSize(1);
        }
    }

    @Test
    void listJsonParsesAndKeepsCountersAboveTwoToThe53AndSeed002Breakdowns() throws Exception {
        Transfer rich = SqliteStoreTestData.rich("rich-0001");
        save(rich, transferring("plain-0002", work.resolve("a.img"), work.resolve("b.img")));
        var r = CliHarness.withoutEngine(dataDir).run("list", "--json");
        assertThat(r.exit()).isZero();
        JsonNode list = JSON.readTree(r.out());
        assertThat(list.isArray()).isTrue();
        assertThat(list).hasSize(2);
        assertThat(list.get(0).get("id").asText()).as("oldest first").isEqualTo("plain-0002");
        JsonNode first = list.get(1);
        assertThat(first.get("id").asText()).isEqualTo("rich-0001");
        assertThat(first.get("phase").asText()).isEqualTo("paused_system");
        assertThat(first.get("counters").get("bytesFoundFromSource").isTextual()).isTrue();
        assertThat(first.get("counters").get("bytesFoundFromSource").asText()).isEqualTo("9007199254740993");
        JsonNode pd = first.get("errorBreakdowns").get(0);
        assertThat(pd.get("errorCode").asText()).isEqualTo("PERMISSION_DENIED");
        assertThat(pd.get("errorCount").asText()).isEqualTo("7");
        assertThat(pd.get("errorLogEntries")).hasSize(5);
        assertThat(pd.get("errorLogEntries").get(0).get("url").asText()).isEqualTo("/src/dir/file0");
        assertThat(first.get("history")).hasSize(3);
        assertThat(first.get("subJobs")).hasSize(2);
        assertThat(first.get("createTime").asText()).isEqualTo("2026-11-23T10:00:00.123456789Z");
    }

    @Test
    void listAndShowAsText() {
        save(transferring("0123456789abcdef", work.resolve("disk.img"), work.resolve("copy.img")));
        var list = CliHarness.withoutEngine(dataDir).run("list");
        assertThat(list.exit()).isZero();
        assertThat(list.out()).contains("01234567", "transferring", " 25%", "10.0 MiB / 40.0 MiB", "disk.img");

        var show = CliHarness.withoutEngine(dataDir).run("show", "01234567");
        assertThat(show.exit()).isZero();
        assertThat(show.out()).contains("ID         0123456789abcdef", "Phase      transferring", "History",
                "2026-11-23T09:00:01Z", "started");
    }

    @Test
    void theDataDirOptionWorksBeforeAndAfterTheCommand(@TempDir Path other) {
        save(transferring("here-0001", work.resolve("a"), work.resolve("b")));
        assertThat(CliHarness.withoutEngine(other).run("--data-dir", dataDir.toString(), "list").out()).contains("here-000");
        assertThat(CliHarness.withoutEngine(other).run("list", "--data-dir", dataDir.toString()).out()).contains("here-000");
        assertThat(CliHarness.withoutEngine(other).run("list").out()).contains("No transfers yet");
    }

    @Test
    void pauseWithNoRunnerAppliesItDirectlyAndDurably() {
        save(transferring("pause-me-01", work.resolve("a"), work.resolve("b")));
        var r = CliHarness.withoutEngine(dataDir).run("pause", "pause-me");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("transferring → paused_user");
        Transfer t = load("pause-me-01");
        assertThat(t.phase()).isEqualTo(TransferPhase.PAUSED_USER);
        assertThat(t.history().getLast().reason()).isEqualTo("paused from the command line");

        var again = CliHarness.withoutEngine(dataDir).run("pause", "pause-me-01");
        assertThat(again.exit()).isEqualTo(2);
        assertThat(again.errLines()).hasSize(1);
        assertThat(again.err()).startsWith("Cannot pause from paused_user to paused_user (allowed from paused_user: resume");
    }

    @Test
    void cancelWithNoRunnerRemovesThePartialTargetThroughItsProvider() throws Exception {
        Path partial = Files.writeString(work.resolve("copy.img.ferry-partial"), "half");
        save(transferring("cancel-me-1", work.resolve("a"), partial));
        AtomicBoolean cleaned = new AtomicBoolean();
        Provider prov = new Provider() {
            @Override
            public String id() {
                return "testprov";
            }

            @Override
            public void run(TransferContext ctx) {
                throw new AssertionError("not run by cancel");
            }

            @Override
            public void cleanup(Transfer transfer) {
                try {
                    Files.deleteIfExists(Path.of(transfer.target()));
                    cleaned.set(true);
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }
        };
        var r = CliHarness.withoutEngine(dataDir, prov).run("cancel", "cancel-me-1");
        assertThat(r.exit()).isZero();
        assertThat(cleaned).isTrue();
        assertThat(partial).doesNotExist();
        Transfer t = load("cancel-me-1");
        assertThat(t.phase()).isEqualTo(TransferPhase.FINISHED_CLEANUP);
        assertThat(t.history()).extracting(h -> h.phase()).endsWith(TransferPhase.FINALIZING_CLEANUP, TransferPhase.FINISHED_CLEANUP);
    }

    @Test
    void withARunnerElsewhereAPauseIsQueuedAndSeenWhenTheRunnerAppliesIt() throws Exception {
        save(transferring("queued-0001", work.resolve("a"), work.resolve("b")));
        Process runner = startLockHolder();
        try {
            // the "runner": another store instance that takes pending actions and applies them, as the engine does
            AtomicBoolean stop = new AtomicBoolean();
            Thread applier = Thread.ofVirtual().start(() -> {
                try (SqliteStore other = SqliteStore.open(dataDir)) {
                    while (!stop.get()) {
                        for (PendingAction a : other.takePendingActions()) {
                            assertThat(a).isEqualTo(new PendingAction("queued-0001", PhaseAction.PAUSE));
                            Transfer t = other.load(a.transferId()).orElseThrow();
                            other.save(t.withPhase(TransferPhase.PAUSED_USER, Instant.now(), "pause from another process"));
                        }
                        Thread.sleep(50);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            var r = CliHarness.withoutEngine(dataDir).run("pause", "queued-0001");
            stop.set(true);
            applier.join();
            assertThat(r.exit()).isZero();
            assertThat(r.out()).contains("transferring → paused_user", "(applied by Ferry process " + runner.pid() + ")");
            assertThat(load("queued-0001").phase()).isEqualTo(TransferPhase.PAUSED_USER);
        } finally {
            stopLockHolder(runner);
        }
    }

    @Test
    void resumeWithARunnerElsewhereIsQueuedForIt() throws Exception {
        Instant t0 = Instant.parse("2026-11-23T09:10:00Z");
        save(transferring("paused-0001", work.resolve("a"), work.resolve("b")).withPhase(TransferPhase.PAUSED_USER, t0, "paused"),
                transferring("running-001", work.resolve("c"), work.resolve("d")));
        Process runner = startLockHolder();
        try {
            var r = CliHarness.withoutEngine(dataDir).run("resume-all");
            assertThat(r.exit()).isZero();
            assertThat(r.out()).contains("Asked the Ferry process (pid " + runner.pid() + ") that runs transfers to resume 1 transfer (paused-0001).");
            var running = CliHarness.withoutEngine(dataDir).run("resume", "running-001");
            assertThat(running.exit()).isZero();
            assertThat(running.out()).contains("already running running-001");
            try (SqliteStore store = SqliteStore.open(dataDir)) {
                assertThat(store.takePendingActions()).containsExactly(new PendingAction("paused-0001", PhaseAction.RESUME));
            }
        } finally {
            stopLockHolder(runner);
        }
    }

    @Test
    void aCopyWhileAnotherProcessRunsTransfersGetsTheOneLineAndWritesNothing() throws Exception {
        Path src = Files.write(work.resolve("src.bin"), new byte[4096]);
        Path dst = work.resolve("out").resolve("dst.bin");
        Files.createDirectories(dst.getParent());
        Process runner = startLockHolder();
        try {
            var r = CliHarness.withoutEngine(dataDir).run("copy", src.toString(), dst.toString());
            assertThat(r.exit()).isEqualTo(2);
            assertThat(r.errLines()).containsExactly("Another Ferry process (pid " + runner.pid() + ") is running transfers from "
                    + dataDir + ". Close it, or use --data-dir to use another directory.");
            try (var files = Files.list(dst.getParent())) {
                assertThat(files).isEmpty();
            }
        } finally {
            stopLockHolder(runner);
        }
    }

    @Test
    void badCopyInputGetsOneLineExit2AndLeavesNothingBehind() throws Exception {
        Path tree = Files.createDirectories(work.resolve("tree"));
        Files.writeString(tree.resolve("f.txt"), "x");
        Path existing = Files.writeString(work.resolve("existing.txt"), "keep me");
        Path file = Files.writeString(work.resolve("file.txt"), "new");
        CliHarness cli = CliHarness.withoutEngine(dataDir);

        var missing = cli.run("copy", work.resolve("nope").toString(), work.resolve("x").toString());
        assertThat(missing.exit()).isEqualTo(2);
        assertThat(missing.errLines()).containsExactly("Source does not exist: " + work.resolve("nope"));

        var inside = cli.run("copy", tree.toString(), tree.resolve("sub/copy").toString());
        assertThat(inside.exit()).isEqualTo(2);
        assertThat(inside.errLines()).hasSize(1);
        assertThat(inside.err()).contains("Target folder does not exist");

        var insideExisting = cli.run("copy", tree.toString(), tree.toString() + "/../tree/copy");
        assertThat(insideExisting.exit()).isEqualTo(2);
        assertThat(insideExisting.errLines()).containsExactly("Target " + tree.resolve("copy") + " is inside the source "
                + tree + "; choose a target outside it.");

        var exists = cli.run("copy", file.toString(), existing.toString());
        assertThat(exists.exit()).isEqualTo(2);
        assertThat(exists.err()).contains("Target exists: " + existing, "--overwrite");
        assertThat(existing).hasContent("keep me");

        var usage = cli.run("copy", "--no-such-flag", file.toString(), existing.toString());
        assertThat(usage.exit()).isEqualTo(2);

        try (var files = Files.list(work)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("tree", "existing.txt", "file.txt");
        }
        try (var files = Files.list(tree)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("f.txt");
        }
    }

    @Test
    void versionNamesFerryJavaAndJavaFx() {
        var r = CliHarness.withoutEngine(dataDir).run("--version");
        assertThat(r.exit()).isZero();
        assertThat(r.out().lines().toList()).hasSize(3)
                .satisfies(l -> assertThat(l.get(0)).startsWith("Ferry "))
                .satisfies(l -> assertThat(l.get(1)).startsWith("Java " + Runtime.version().feature()))
                .satisfies(l -> assertThat(l.get(2)).startsWith("JavaFX 26"));
    }

    @Test
    void exitCodeMapsOutcomes() {
        Instant t0 = Instant.parse("2026-11-23T09:00:00Z");
        Transfer base = transferring("x", work.resolve("a"), work.resolve("b"));
        var sw = new java.io.StringWriter();
        var err = new java.io.PrintWriter(sw, true);
        assertThat(CopyCommand.exitCode(base.withPhase(TransferPhase.FINALIZING_SUCCESS, t0, "verify")
                .withPhase(TransferPhase.FINISHED_SUCCESS, t0, "verified"), err)).isZero();
        assertThat(CopyCommand.exitCode(base.withErrors(base.errors().record(ErrorCode.DATA_LOSS, "/b", "checksum differs"))
                .withPhase(TransferPhase.FINALIZING_SUCCESS, t0, "verify")
                .withPhase(TransferPhase.FINISHED_FAILURE, t0, "verification failed"), err)).isEqualTo(1);
        assertThat(CopyCommand.exitCode(base.withErrors(base.errors().record(ErrorCode.RESOURCE_EXHAUSTED, "/b", "No space left on device"))
                .withPhase(TransferPhase.FINISHED_FAILURE, t0, "no space"), err)).isEqualTo(2);
        assertThat(CopyCommand.exitCode(base.withPhase(TransferPhase.FINALIZING_CLEANUP, t0, "cancel")
                .withPhase(TransferPhase.FINISHED_CLEANUP, t0, "removed"), err)).isEqualTo(1);
        assertThat(sw.toString().lines().toList()).containsExactly(
                "Verification failed (data differs): /b (checksum differs) — transfer x ended finished_failure.",
                "Not enough space: /b (No space left on device) — transfer x ended finished_failure.",
                "finished_cleanup: removed");
    }

    private Process startLockHolder() throws Exception {
        Process p = new ProcessBuilder(System.getProperty("ferry.test.java", "java"), "-cp",
                System.getProperty("java.class.path"), RunnerLockHolder.class.getName(), dataDir.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        String line = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8)).readLine();
        assertThat(line).startsWith("LOCKED ");
        return p;
    }

    static void stopLockHolder(Process p) throws Exception {
        p.getOutputStream().close();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }
}
