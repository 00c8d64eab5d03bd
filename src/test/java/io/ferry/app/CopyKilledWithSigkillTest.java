package io.ferry.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.ferry.domain.PhaseChange;
import io.ferry.domain.Transfer;
import io.ferry.domain.TransferPhase;
import io.ferry.store.SqliteStore;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crash safety end to end: {@code ferry copy} of a 256 MiB file in a child JVM (the real launcher, engine, local
 * provider and SQLite store) is killed with SIGKILL at five random points of its progress, and once more during
 * verification when that can be caught; each time {@code ferry resume-all} restarts it. At the end the target is
 * byte-identical to the source, nothing partial is left beside it, and the history tells what happened: every
 * restart resumed from the last durable checkpoint (never from zero, never backwards) and the copy finished.
 */
class CopyKilledWithSigkillTest {
    private static final long SIZE = 256L << 20;
    private static final long MiB = 1 << 20;
    private static final Pattern RESTORED_AT = Pattern.compile("restored after restart at (\\d+) bytes");

    @TempDir
    Path dataDir;

    @TempDir
    Path work;

    private final long seed = System.nanoTime();
    private final SplittableRandom random = new SplittableRandom(seed);
    private int runs;

    @Test
    void aCopyKilledAtFiveRandomPointsFinishesWithIdenticalBytesAndACorrectHistory() throws Exception {
        Path src = writeSource(work.resolve("disk.img"));
        Path outDir = Files.createDirectories(work.resolve("out"));
        Path dst = outDir.resolve("disk.img");
        try (SqliteStore store = SqliteStore.open(dataDir)) {
            // 16 MiB/s: a checkpoint about every second (16 MiB), 16 s a pass — room for six kills
            store.settings().setBandwidthLimit(16 * MiB);
        }

        Process child = ferry("copy", src.toString(), dst.toString());
        String id = awaitStored(child, x -> x.bytesDone() > 0).id();
        List<Long> durableAtKill = new ArrayList<>();
        for (int kill = 1; kill <= 5; kill++) {
            Thread.sleep(random.nextInt(700)); // somewhere between two checkpoints
            durableAtKill.add(killAndRead(child, id).bytesDone());
            child = ferry("resume-all");
            int restarts = kill;
            long before = durableAtKill.getLast();
            Transfer now = awaitStored(child, x -> restoredCount(x) >= restarts && (x.bytesDone() > before || x.phase().isFinal()));
            assertThat(now.phase()).as("seed %d: the copy ended before kill %d", seed, kill + 1)
                    .isNotEqualTo(TransferPhase.FINISHED_SUCCESS);
        }
        // a sixth kill while the target is being verified, when the poll catches that phase
        Optional<Transfer> verifying = awaitStoredOrEnd(child, x -> x.phase() == TransferPhase.FINALIZING_SUCCESS);
        if (verifying.isPresent() && child.isAlive()) {
            durableAtKill.add(killAndRead(child, id).bytesDone());
            child = ferry("resume-all");
        }
        assertThat(child.waitFor(180, TimeUnit.SECONDS)).as("seed %d: the last run ends", seed).isTrue();
        assertThat(child.exitValue()).as("seed %d: exit code of the last run (%s)", seed, log()).isZero();

        assertThat(Files.mismatch(src, dst)).as("seed %d: first differing byte", seed).isEqualTo(-1L);
        try (var files = Files.list(outDir)) {
            assertThat(files.map(p -> p.getFileName().toString())).as("nothing partial left").containsExactly("disk.img");
        }
        Transfer done;
        try (SqliteStore store = SqliteStore.open(dataDir)) {
            done = store.load(id).orElseThrow();
        }
        assertThat(done.phase()).isEqualTo(TransferPhase.FINISHED_SUCCESS);
        assertThat(done.bytesDone()).isEqualTo(SIZE);
        List<PhaseChange> h = done.history();
        assertThat(h.getFirst().phase()).isEqualTo(TransferPhase.INITIALIZING);
        assertThat(h.getLast().phase()).isEqualTo(TransferPhase.FINISHED_SUCCESS);
        assertThat(h.stream().filter(pc -> pc.phase() == TransferPhase.FINALIZING_SUCCESS)).isNotEmpty();
        List<Long> restoredAt = h.stream().map(pc -> RESTORED_AT.matcher(pc.reason())).filter(Matcher::find)
                .map(m -> Long.parseLong(m.group(1))).toList();
        assertThat(restoredAt).as("seed %d: one restore per kill, at the durable checkpoint", seed)
                .containsExactlyElementsOf(durableAtKill);
        assertThat(restoredAt).as("never backwards").isSorted();
        assertThat(restoredAt.getFirst()).as("never from zero").isGreaterThan(0);
        for (int i = 1; i < h.size(); i++) {
            assertThat(h.get(i).at()).as("history in time order").isAfterOrEqualTo(h.get(i - 1).at());
        }
    }

    private Path writeSource(Path p) throws IOException {
        byte[] chunk = new byte[4 << 20];
        try (FileChannel ch = FileChannel.open(p, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            for (long done = 0; done < SIZE; done += chunk.length) {
                random.nextBytes(chunk);
                ch.write(ByteBuffer.wrap(chunk));
            }
        }
        return p;
    }

    /** Starts {@code ferry ARGS…} in a child JVM on the test's class path, output to a log in the work dir. */
    private Process ferry(String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(System.getProperty("ferry.test.java", "java"),
                "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"), Launcher.class.getName(),
                "--data-dir", dataDir.toString()));
        cmd.addAll(List.of(args));
        Path log = work.resolve("run-" + (++runs) + ".log");
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    private String log() {
        try {
            return Files.readString(work.resolve("run-" + runs + ".log"));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private Transfer killAndRead(Process child, String id) throws Exception {
        child.destroyForcibly(); // SIGKILL on Linux: no shutdown hook, no final checkpoint
        assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        try (SqliteStore store = SqliteStore.open(dataDir)) {
            return store.load(id).orElseThrow();
        }
    }

    private static long restoredCount(Transfer t) {
        return t.history().stream().filter(pc -> RESTORED_AT.matcher(pc.reason()).find()).count();
    }

    private Transfer awaitStored(Process child, Predicate<Transfer> condition) throws Exception {
        return awaitStoredOrEnd(child, condition).orElseThrow(() -> new AssertionError(
                "seed " + seed + ": the child ended (exit " + child.exitValue() + ") before the expected state: " + log()));
    }

    /** Polls the store (as another process would) until the single transfer meets the condition or the child ends. */
    private Optional<Transfer> awaitStoredOrEnd(Process child, Predicate<Transfer> condition) throws Exception {
        Instant deadline = Instant.now().plusSeconds(120);
        try (SqliteStore store = SqliteStore.open(dataDir)) {
            while (Instant.now().isBefore(deadline)) {
                List<Transfer> all = store.loadAll();
                if (!all.isEmpty() && condition.test(all.getFirst())) {
                    return Optional.of(all.getFirst());
                }
                if (!child.isAlive()) {
                    return Optional.empty();
                }
                Thread.sleep(10);
            }
        }
        throw new AssertionError("seed " + seed + ": timed out waiting for the transfer; " + log());
    }
}
