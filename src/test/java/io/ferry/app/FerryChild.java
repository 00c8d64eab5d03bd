package io.ferry.app;

import io.ferry.domain.PhaseChange;
import io.ferry.domain.PhaseTransitions;
import io.ferry.domain.Transfer;
import io.ferry.domain.TransferPhase;
import io.ferry.store.SqliteStore;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Ferry CLI in a child JVM (the real launcher, engine, providers and SQLite store) on one data directory, to
 * be killed with SIGKILL and started again: what the crash tests and the crash benchmark share. The store is
 * read as another process reads it, so what a check sees is what survived the kill.
 */
public final class FerryChild {
    private static final Pattern RESTORED_AT = Pattern.compile("restored after restart at (\\d+) bytes");

    private final Path dataDir;
    private final Path logDir;
    private final String name;
    private int runs;
    private Process process;

    /**
     * @param name the prefix of the run logs ({@code NAME-run-N.log} in {@code logDir})
     */
    public FerryChild(Path dataDir, Path logDir, String name) {
        this.dataDir = dataDir;
        this.logDir = logDir;
        this.name = name;
    }

    public Path dataDir() {
        return dataDir;
    }

    public Process process() {
        return process;
    }

    public boolean isAlive() {
        return process != null && process.isAlive();
    }

    /** The store's bandwidth limit (bytes/s, 0 = none), as the GUI's setting would set it. */
    public void setBandwidthLimit(long bytesPerSecond) {
        try (SqliteStore store = SqliteStore.open(dataDir)) {
            store.settings().setBandwidthLimit(bytesPerSecond);
        }
    }

    /**
     * The passphrase of the encrypted secrets file every child gets in {@code FERRY_PASSPHRASE}, as an operator
     * without an OS secret store sets it: a plain imageio transfer URL is kept there, so a restart can resume.
     */
    public static final String PASSPHRASE = "crash-test operator passphrase";

    /** Starts {@code ferry --data-dir DIR ARGS…} in a child JVM on this JVM's class path, output to a new run log. */
    public Process start(String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(System.getProperty("ferry.test.java",
                        Path.of(System.getProperty("java.home"), "bin", "java").toString()),
                "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                Launcher.class.getName(), "--data-dir", dataDir.toString()));
        cmd.addAll(List.of(args));
        Path log = logDir.resolve(name + "-run-" + (++runs) + ".log");
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put(io.ferry.store.SecretStores.PASSPHRASE_ENV, PASSPHRASE);
        process = pb.start();
        return process;
    }

    /** The last run's output (for failure messages). */
    public String lastLog() {
        try {
            return Files.readString(logDir.resolve(name + "-run-" + runs + ".log"));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** SIGKILL (no shutdown hook, no last checkpoint), then what the store holds for the transfer. */
    public Transfer killAndRead(String id) throws IOException, InterruptedException {
        kill();
        return load(id);
    }

    /** SIGKILL on Linux ({@code destroyForcibly}); waits until the process is gone. */
    public void kill() throws InterruptedException {
        if (process == null) {
            return;
        }
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException(name + ": the killed Ferry process did not end");
        }
    }

    public Transfer load(String id) {
        try (SqliteStore store = SqliteStore.open(dataDir)) {
            return store.load(id).orElseThrow(() -> new IllegalStateException("no transfer " + id + " in " + dataDir));
        }
    }

    /** The first transfer in the store, when there is one. */
    public Optional<Transfer> first() {
        if (!Files.exists(dataDir.resolve("ferry.db"))) {
            return Optional.empty();
        }
        try (SqliteStore store = SqliteStore.open(dataDir)) {
            List<Transfer> all = store.loadAll();
            return all.isEmpty() ? Optional.empty() : Optional.of(all.getFirst());
        }
    }

    /**
     * Polls the store until its (single) transfer meets the condition; empty when the child ended first.
     *
     * @throws IllegalStateException after {@code timeout}
     */
    public Optional<Transfer> awaitOrEnd(Predicate<Transfer> condition, Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            Optional<Transfer> t = first();
            if (t.isPresent() && condition.test(t.get())) {
                return t;
            }
            if (!isAlive()) {
                // one more look: the child may have written the state and ended between the two checks
                return first().filter(condition);
            }
            Thread.sleep(10);
        }
        throw new IllegalStateException(name + ": timed out waiting for the transfer; last run's output: " + lastLog());
    }

    // ---- what the history says

    /** The byte counts of the "restored after restart at N bytes" notes, in order. */
    public static List<Long> restoredAt(Transfer t) {
        return t.history().stream().map(pc -> RESTORED_AT.matcher(pc.reason())).filter(Matcher::find)
                .map(m -> Long.parseLong(m.group(1))).toList();
    }

    public static long restoredCount(Transfer t) {
        return restoredAt(t).size();
    }

    /**
     * What is wrong with a finished transfer's history (empty when nothing): it starts initializing, every change of
     * phase is a move the phase table allows, time never goes back, and finished_success comes once, last.
     */
    public static List<String> historyProblems(Transfer t) {
        List<String> problems = new ArrayList<>();
        List<PhaseChange> h = t.history();
        if (h.isEmpty() || h.getFirst().phase() != TransferPhase.INITIALIZING) {
            problems.add("does not start initializing");
        }
        for (int i = 1; i < h.size(); i++) {
            TransferPhase from = h.get(i - 1).phase();
            TransferPhase to = h.get(i).phase();
            if (from != to && PhaseTransitions.movesFrom(from).values().stream().noneMatch(s -> s.contains(to))) {
                problems.add("move " + from.apiName() + " → " + to.apiName() + " is not in the phase table (entry " + i + ")");
            }
            if (h.get(i).at().isBefore(h.get(i - 1).at())) {
                problems.add("entry " + i + " is earlier than the one before");
            }
        }
        long finished = h.stream().filter(pc -> pc.phase() == TransferPhase.FINISHED_SUCCESS).count();
        if (finished != 1 || h.getLast().phase() != TransferPhase.FINISHED_SUCCESS) {
            problems.add("finished_success " + finished + " times, last phase " + (h.isEmpty() ? "none" : h.getLast().phase().apiName()));
        }
        return problems;
    }

    // ---- files

    /** Writes {@code size} random bytes (seeded) to a new file. */
    public static Path writeRandom(Path p, long size, SplittableRandom random) throws IOException {
        byte[] chunk = new byte[4 << 20];
        try (FileChannel ch = FileChannel.open(p, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            for (long done = 0; done < size; done += chunk.length) {
                random.nextBytes(chunk);
                ch.write(ByteBuffer.wrap(chunk, 0, (int) Math.min(chunk.length, size - done)));
            }
        }
        return p;
    }

    /**
     * How many bytes differ between two files, position by position; bytes one file has beyond the other's end
     * count as different. A missing file counts all the other's bytes.
     */
    public static long bytesDiffering(Path a, Path b) throws IOException {
        if (!Files.exists(a) || !Files.exists(b)) {
            return Math.max(Files.exists(a) ? Files.size(a) : 0, Files.exists(b) ? Files.size(b) : 0);
        }
        long wrong = 0;
        byte[] x = new byte[8 << 20];
        byte[] y = new byte[8 << 20];
        try (FileChannel ca = FileChannel.open(a); FileChannel cb = FileChannel.open(b)) {
            long common = Math.min(ca.size(), cb.size());
            wrong += Math.max(ca.size(), cb.size()) - common;
            for (long pos = 0; pos < common; pos += x.length) {
                int n = (int) Math.min(x.length, common - pos);
                readFully(ca, x, pos, n);
                readFully(cb, y, pos, n);
                int from = 0;
                while (from < n) {
                    int at = java.util.Arrays.mismatch(x, from, n, y, from, n);
                    if (at < 0) {
                        break;
                    }
                    wrong++;
                    from += at + 1;
                }
            }
        }
        return wrong;
    }

    private static void readFully(FileChannel ch, byte[] buf, long pos, int n) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(buf, 0, n);
        while (b.hasRemaining()) {
            if (ch.read(b, pos + b.position()) < 0) {
                throw new IOException("unexpected end of file at " + (pos + b.position()));
            }
        }
    }
}
