package io.ferry.app.bench;

import io.ferry.app.FerryChild;
import io.ferry.domain.Transfer;
import io.ferry.domain.TransferPhase;
import io.ferry.provider.ovirt.server.ImageioServerMain;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Benchmark command (not a test), issue 7 §1: crash safety under SIGKILL. A local copy ({@code ferry copy}) and an
 * imageio upload ({@code ferry imageio upload}) to the in-repo imageio server, each in its own Ferry child JVM on
 * its own data directory; the server runs in a third process, so killing Ferry never touches it. At {@code --kills}
 * random points spread over the run (one in each equal slice of the slower transfer's progress, plus a random delay of up
 * to a second; seeded, the seed printed) every Ferry process still running is killed with SIGKILL and started
 * again with {@code ferry resume-all}. At the end the bytes are compared (every differing byte counted) and the
 * histories checked: a kill is survived when each transfer it hit was restored exactly at its durable checkpoint
 * and that transfer finished_success with identical bytes and a history of allowed moves.
 *
 * <p>Arguments: {@code [--dir DIR] [--size 4G] [--kills 20] [--seed N] [--no-baseline] [--keep]}. The files go
 * in a new folder under DIR (default: the working directory; use a real disk, not /dev/shm) and are deleted at
 * the end unless {@code --keep}. The baseline is one run of both transfers without kills, timed the same way.
 * See docs/reliability.md.
 */
public final class CrashBenchmark {
    private static final Duration STEP_TIMEOUT = Duration.ofMinutes(20);

    /** One transfer under test: its Ferry child, its files and what the kills found. */
    private static final class Subject {
        final String name;
        final FerryChild ferry;
        final Path source;
        final Path result;
        final String[] firstCommand;
        String id;
        final List<Long> durableAtKill = new ArrayList<>();
        final List<Integer> killNumbers = new ArrayList<>();
        double finishedAt = -1;

        Subject(String name, FerryChild ferry, Path source, Path result, String... firstCommand) {
            this.name = name;
            this.ferry = ferry;
            this.source = source;
            this.result = result;
            this.firstCommand = firstCommand;
        }

        Transfer current() {
            return ferry.first().orElseThrow();
        }

        boolean done() {
            return ferry.first().map(t -> t.phase().isFinal()).orElse(false);
        }
    }

    record Kill(int number, double at, String hit, double restartSeconds) {}

    public static void main(String[] args) throws Exception {
        Path dir = Path.of("").toAbsolutePath();
        long size = 4L << 30;
        int kills = 20;
        long seed = System.nanoTime();
        boolean baseline = true;
        boolean keep = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--dir" -> dir = Path.of(args[++i]);
                case "--size" -> size = parseSize(args[++i]);
                case "--kills" -> kills = Integer.parseInt(args[++i]);
                case "--seed" -> seed = Long.parseLong(args[++i]);
                case "--no-baseline" -> baseline = false;
                case "--keep" -> keep = true;
                default -> throw new IllegalArgumentException("unknown argument " + args[i]
                        + "; use [--dir DIR] [--size 4G] [--kills 20] [--seed N] [--no-baseline] [--keep]");
            }
        }
        SplittableRandom random = new SplittableRandom(seed);
        Path work = Files.createTempDirectory(dir, "ferry-crash-bench");
        System.out.printf(Locale.ROOT, "seed %d; %s each for the copy and the upload; %d kills; work dir %s; cores %d%n",
                seed, human(size), kills, work, Runtime.getRuntime().availableProcessors());
        try {
            long t0 = System.nanoTime();
            Path copySrc = FerryChild.writeRandom(work.resolve("copy-source.img"), size, random);
            Path uploadSrc = FerryChild.writeRandom(work.resolve("upload-source.img"), size, random);
            System.out.printf(Locale.ROOT, "sources written in %.1f s%n", secondsSince(t0));
            Double base = null;
            if (baseline) {
                base = run(work.resolve("baseline"), copySrc, uploadSrc, size, 0, random, seed, false);
            }
            double killed = run(work.resolve("killed"), copySrc, uploadSrc, size, kills, random, seed, true);
            if (base != null) {
                System.out.printf(Locale.ROOT, "time: %.1f s with %d kills, %.1f s without (ratio %.2f)%n",
                        killed, kills, base, killed / base);
            }
        } finally {
            if (!keep) {
                deleteTree(work);
            }
        }
    }

    /** One run of both transfers with {@code kills} kills; returns the wall time in seconds (until both ended). */
    private static double run(Path runDir, Path copySrc, Path uploadSrc, long size, int kills, SplittableRandom random,
            long seed, boolean report) throws Exception {
        Files.createDirectories(runDir);
        Path serverImage = runDir.resolve("server-image.raw");
        Process server = startServer(runDir, serverImage, size);
        try {
            String url = readUrl(server);
            Subject copy = new Subject("copy", new FerryChild(runDir.resolve("copy-data"), runDir, "copy"),
                    copySrc, runDir.resolve("copy-target.img"));
            Subject upload = new Subject("upload", new FerryChild(runDir.resolve("upload-data"), runDir, "upload"),
                    uploadSrc, serverImage);
            List<Subject> all = List.of(copy, upload);
            long t0 = System.nanoTime();
            copy.ferry.start("copy", copySrc.toString(), copy.result.toString());
            upload.ferry.start("imageio", "upload", uploadSrc.toString(), url);
            for (Subject s : all) {
                s.id = s.ferry.awaitOrEnd(t -> true, STEP_TIMEOUT).orElseThrow(() -> new IllegalStateException(
                        s.name + ": Ferry ended before storing its transfer: " + s.ferry.lastLog())).id();
            }
            List<Kill> done = new ArrayList<>();
            for (int k = 1; k <= kills; k++) {
                // one kill point in each slice of the slower transfer's progress, a random place in it, then up to 1 s more
                double target = Math.min(0.97, (k - 1 + random.nextDouble()) / kills);
                long delay = random.nextLong(1000);
                if (!awaitProgress(all, target, t0)) {
                    System.out.printf(Locale.ROOT, "kill %d: not reached (both transfers ended before %.0f %%)%n", k, target * 100);
                    continue;
                }
                Thread.sleep(delay);
                double at = secondsSince(t0);
                List<Subject> hit = new ArrayList<>();
                List<String> what = new ArrayList<>();
                for (Subject s : all) {
                    if (!s.ferry.isAlive()) {
                        continue;
                    }
                    Transfer t = s.ferry.killAndRead(s.id);
                    if (t.phase().isFinal()) {
                        if (s.finishedAt < 0) {
                            s.finishedAt = at;
                        }
                        continue; // it had ended just before the kill: nothing to restart
                    }
                    s.durableAtKill.add(t.bytesDone());
                    s.killNumbers.add(k);
                    what.add(String.format(Locale.ROOT, "%s in %s, durable %.0f MiB", s.name, t.phase().apiName(),
                            t.bytesDone() / 1048576.0));
                    hit.add(s);
                }
                long restart = System.nanoTime();
                for (Subject s : hit) {
                    s.ferry.start("resume-all");
                }
                for (Subject s : hit) {
                    int restores = s.durableAtKill.size();
                    s.ferry.awaitOrEnd(t -> FerryChild.restoredCount(t) >= restores || t.phase().isFinal(), STEP_TIMEOUT);
                }
                double restartSeconds = secondsSince(restart);
                String hitText = what.isEmpty() ? "nothing running" : String.join("; ", what);
                done.add(new Kill(k, at, hitText, restartSeconds));
                if (report) {
                    System.out.printf(Locale.ROOT, "kill %2d at %6.1f s: %s; restarted and restored in %.1f s%n", k, at,
                            hitText, restartSeconds);
                }
            }
            for (Subject s : all) {
                if (s.ferry.process().waitFor(STEP_TIMEOUT.toSeconds(), TimeUnit.SECONDS) && s.finishedAt < 0) {
                    s.finishedAt = secondsSince(t0);
                }
            }
            double wall = secondsSince(t0);
            Map<Subject, Long> wrong = new LinkedHashMap<>();
            for (Subject s : all) {
                wrong.put(s, FerryChild.bytesDiffering(s.source, s.result));
            }
            if (!report) {
                System.out.printf(Locale.ROOT, "baseline (no kills): copy %.1f s, upload %.1f s; bytes wrong %d%n",
                        copy.finishedAt, upload.finishedAt, wrong.values().stream().mapToLong(Long::longValue).sum());
                return wall;
            }
            int survived = 0;
            for (Kill k : done) {
                if (survived(k.number(), all, wrong)) {
                    survived++;
                }
            }
            System.out.println();
            for (Subject s : all) {
                Transfer t = s.ferry.load(s.id);
                List<String> problems = FerryChild.historyProblems(t);
                List<Long> restored = FerryChild.restoredAt(t);
                System.out.printf(Locale.ROOT, "%-6s %s after %.1f s, %d kills, restored at %s (durable at the kills %s), bytes wrong %d, history %s%n",
                        s.name, t.phase().apiName(), s.finishedAt, s.durableAtKill.size(), mib(restored), mib(s.durableAtKill),
                        wrong.get(s), problems.isEmpty() ? "ok (" + t.history().size() + " entries)" : problems);
            }
            System.out.println();
            System.out.printf(Locale.ROOT, "kills survived: %d / %d%n", survived, kills);
            System.out.printf(Locale.ROOT, "bytes wrong: %d%n", wrong.values().stream().mapToLong(Long::longValue).sum());
            System.out.printf(Locale.ROOT, "seed: %d%n", seed);
            double meanRestart = done.stream().mapToDouble(Kill::restartSeconds).average().orElse(0);
            System.out.printf(Locale.ROOT, "timings: %.1f s in all (copy done at %.1f s, upload at %.1f s); restart after a kill"
                    + " (new JVM to restored transfer) %.1f s on average%n", wall, copy.finishedAt, upload.finishedAt, meanRestart);
            return wall;
        } finally {
            server.getOutputStream().close(); // the server stops when its stdin closes
            if (!server.waitFor(10, TimeUnit.SECONDS)) {
                server.destroyForcibly();
            }
        }
    }

    private static boolean survived(int kill, List<Subject> all, Map<Subject, Long> wrong) {
        for (Subject s : all) {
            int i = s.killNumbers.indexOf(kill);
            if (i < 0) {
                continue; // this kill did not hit it
            }
            Transfer t = s.ferry.load(s.id);
            List<Long> restored = FerryChild.restoredAt(t);
            boolean ok = t.phase() == TransferPhase.FINISHED_SUCCESS && wrong.get(s) == 0
                    && FerryChild.historyProblems(t).isEmpty()
                    && restored.size() == s.durableAtKill.size()
                    && restored.get(i).equals(s.durableAtKill.get(i))
                    && (i == 0 || restored.get(i) >= restored.get(i - 1));
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /**
     * Waits until the durable progress of the slower transfer (the one that sets the run's length; data sent, or
     * in finalizing_success or ended) reaches {@code target}; false if both ended.
     */
    private static boolean awaitProgress(List<Subject> all, double target, long t0) throws InterruptedException {
        long deadline = System.nanoTime() + STEP_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            double slowest = 1;
            boolean anyRunning = false;
            for (Subject s : all) {
                Transfer t = s.current();
                boolean over = t.phase().isFinal() || t.phase() == TransferPhase.FINALIZING_SUCCESS;
                slowest = Math.min(slowest, over ? 1 : t.bytesTotal() <= 0 ? 0 : (double) t.bytesDone() / t.bytesTotal());
                if (t.phase().isFinal() && s.finishedAt < 0) {
                    s.finishedAt = secondsSince(t0);
                }
                anyRunning |= !t.phase().isFinal() && s.ferry.isAlive();
            }
            if (!anyRunning) {
                return false;
            }
            if (slowest >= target) {
                return true;
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("no progress for " + STEP_TIMEOUT);
    }

    private static Process startServer(Path runDir, Path image, long size) throws IOException {
        List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), ImageioServerMain.class.getName(),
                image.toString(), Long.toString(size));
        return new ProcessBuilder(cmd).redirectError(runDir.resolve("imageio-server.log").toFile()).start();
    }

    private static String readUrl(Process server) throws IOException {
        BufferedReader r = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
        String url = null;
        for (String line = r.readLine(); line != null; line = r.readLine()) {
            if (line.startsWith("url ")) {
                url = line.substring(4);
            } else if (line.equals("ready") && url != null) {
                return url;
            }
        }
        throw new IOException("the imageio server process ended before it was ready");
    }

    static long parseSize(String s) {
        String v = s.trim().toUpperCase(Locale.ROOT).replace("IB", "").replace("B", "");
        long unit = switch (v.isEmpty() ? ' ' : v.charAt(v.length() - 1)) {
            case 'K' -> 1L << 10;
            case 'M' -> 1L << 20;
            case 'G' -> 1L << 30;
            default -> 1;
        };
        String digits = unit == 1 ? v : v.substring(0, v.length() - 1);
        return Long.parseLong(digits.trim()) * unit;
    }

    private static String human(long bytes) {
        return bytes >= 1L << 30 && bytes % (1L << 30) == 0 ? bytes / (1L << 30) + " GiB"
                : String.format(Locale.ROOT, "%.1f MiB", bytes / 1048576.0);
    }

    private static String mib(List<Long> bytes) {
        return bytes.stream().map(b -> String.format(Locale.ROOT, "%.0f", b / 1048576.0))
                .reduce((a, b) -> a + "," + b).map(x -> "[" + x + "] MiB").orElse("[]");
    }

    private static double secondsSince(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
