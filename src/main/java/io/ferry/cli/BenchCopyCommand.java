package io.ferry.cli;

import io.ferry.domain.Direction;
import io.ferry.domain.ErrorCode;
import io.ferry.domain.ErrorLogEntry;
import io.ferry.domain.PhaseAction;
import io.ferry.domain.Transfer;
import io.ferry.domain.TransferPhase;
import io.ferry.provider.TransferContext;
import io.ferry.provider.local.LocalOptions;
import io.ferry.provider.local.LocalProvider;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.function.UnaryOperator;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ferry bench copy}: times Ferry's local copy against {@code cp} on the same files in one run, on a dense
 * file and on a sparse one, with verification off and on, and prints throughput, ratios and allocated blocks.
 * Before every run the source's cached pages are dropped ({@code dd iflag=nocache count=0}, i.e.
 * POSIX_FADV_DONTNEED on that file only) and the previous target is deleted, so each side reads cold from disk;
 * both sides make the target durable ({@code cp} is followed by {@code sync FILE}, Ferry fsyncs), and the ratio is
 * taken against that. Each variant runs {@code --rounds} times in turn (cp first in odd rounds, last in even
 * ones) and the median is reported; the first Ferry run of each kind is compared with the source by {@code cmp}.
 */
@Command(name = "copy", mixinStandardHelpOptions = true,
        description = "Times Ferry's local copy against cp (dense and sparse files, verify off and on).")
public final class BenchCopyCommand implements Callable<Integer> {
    private static final long MiB = 1L << 20;

    @Option(names = "--size", defaultValue = "4G", description = "Dense file size (K, M, G suffixes). Default: ${DEFAULT-VALUE}.")
    String size;

    @Option(names = "--sparse-size", defaultValue = "8G", description = "Sparse file logical size. Default: ${DEFAULT-VALUE}.")
    String sparseSize;

    @Option(names = "--sparse-data", defaultValue = "1G", description = "Data held by the sparse file. Default: ${DEFAULT-VALUE}.")
    String sparseData;

    @Option(names = "--dir", defaultValue = "/tmp/ferry-bench", description = "Working directory (needs about twice --size plus twice --sparse-data free).")
    Path dir;

    @Option(names = "--rounds", defaultValue = "3", description = "Runs per variant; the median is reported. Default: ${DEFAULT-VALUE}.")
    int rounds;

    @Option(names = "--warmup-rounds", defaultValue = "1", description = "Untimed rounds of every variant first (cp too). Default: ${DEFAULT-VALUE}.")
    int warmupRounds;

    @Option(names = "--variants", split = ",", defaultValue = "cp,off,on",
            description = "Which copiers to time: cp, off (Ferry, verify off), on (Ferry, verify on). Default: ${DEFAULT-VALUE}.")
    List<String> variants;

    @Option(names = "--files", split = ",", defaultValue = "dense,sparse",
            description = "Which files to copy: dense, sparse. Default: ${DEFAULT-VALUE}.")
    List<String> files;

    @Option(names = "--settle", defaultValue = "0",
            description = "Seconds to wait before every timed run, after the previous target is deleted and synced, "
                    + "so writes still draining below the file system (a VM's host) do not land on the next run. "
                    + "Default: ${DEFAULT-VALUE}.")
    double settle;

    @Option(names = "--keep", description = "Keep the generated files.")
    boolean keep;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(new CommandLine(new BenchCopyCommand()).execute(args));
    }

    record Run(double seconds, double syncSeconds, long blocks) {}

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        long dense;
        long sparse;
        long data;
        try {
            dense = parseSize(size);
            sparse = parseSize(sparseSize);
            data = parseSize(sparseData);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        if (data > sparse) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--sparse-data must not exceed --sparse-size");
        }
        Files.createDirectories(dir);
        Path denseSrc = dir.resolve("dense.src");
        Path sparseSrc = dir.resolve("sparse.src");
        Path target = dir.resolve("target");
        out.printf("Ferry bench copy: dense %s, sparse %s holding %s, %d rounds, in %s%n", human(dense),
                human(sparse), human(data), rounds, dir);
        out.printf("cold source each run (dd iflag=nocache count=0), targets made durable on both sides%n");
        out.printf("machine before the run: %s%n", pressure());
        out.flush();
        for (String v : variants) {
            if (!List.of("cp", "off", "on").contains(v)) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--variants: unknown copier \"" + v
                        + "\"; use cp, off or on");
            }
        }
        for (String f : files) {
            if (!List.of("dense", "sparse").contains(f)) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--files: unknown file \"" + f
                        + "\"; use dense or sparse");
            }
        }
        makeDense(denseSrc, dense);
        makeSparse(sparseSrc, sparse, data);
        out.printf("sources ready: dense %d blocks, sparse %d blocks (512 B)%n", blocks(denseSrc), blocks(sparseSrc));
        warmUp(dir);
        out.printf("JVM warmed up with two untimed 64 MiB copies (verify off, on)%n%n");
        out.flush();

        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"file", "copier", "median s", "MiB/s", "vs cp+sync", "vs cp alone", "blocks"});
        if (files.contains("dense")) {
            bench(out, rows, "dense", denseSrc, target, dense, false);
        }
        if (files.contains("sparse")) {
            bench(out, rows, "sparse", sparseSrc, target, sparse, true);
        }
        out.println();
        printTable(out, rows);
        out.printf("%nmachine during the run: %s%n", pressure());
        Files.deleteIfExists(target);
        if (!keep) {
            Files.deleteIfExists(denseSrc);
            Files.deleteIfExists(sparseSrc);
        }
        return 0;
    }

    private void bench(PrintWriter out, List<String[]> rows, String label, Path src, Path target, long size,
            boolean sparse) throws Exception {
        String cpName = sparse ? "cp --sparse=always" : "cp";
        List<Run> cp = new ArrayList<>();
        List<Run> off = new ArrayList<>();
        List<Run> on = new ArrayList<>();
        boolean doCp = variants.contains("cp");
        boolean doOff = variants.contains("off");
        boolean doOn = variants.contains("on");
        for (int w = 0; w < warmupRounds; w++) {
            if (doCp) {
                runCp(src, target, sparse);
            }
            if (doOff) {
                runFerry(src, target, false, false);
            }
            if (doOn) {
                runFerry(src, target, true, false);
            }
            out.printf("  %s warm-up round %d done (untimed)%n", label, w + 1);
            out.flush();
        }
        for (int r = 0; r < rounds; r++) {
            // odd rounds run cp first, even rounds last, so neither side always follows the other's deletion
            if (doCp && r % 2 == 0) {
                cp.add(runCp(src, target, sparse));
                out.printf("  %s round %d: %-20s %.2f s%n", label, r + 1, cpName, cp.getLast().seconds + cp.getLast().syncSeconds);
            }
            if (doOff) {
                off.add(runFerry(src, target, false, r == 0));
                out.printf("  %s round %d: %-20s %.2f s%n", label, r + 1, "ferry verify=off", off.getLast().seconds);
            }
            if (doOn) {
                on.add(runFerry(src, target, true, r == 0));
                out.printf("  %s round %d: %-20s %.2f s%n", label, r + 1, "ferry verify=on", on.getLast().seconds);
            }
            if (doCp && r % 2 == 1) {
                cp.add(runCp(src, target, sparse));
                out.printf("  %s round %d: %-20s %.2f s%n", label, r + 1, cpName, cp.getLast().seconds + cp.getLast().syncSeconds);
            }
            out.flush();
        }
        double cpSync = doCp ? median(cp.stream().mapToDouble(x -> x.seconds + x.syncSeconds).toArray()) : Double.NaN;
        double cpAlone = doCp ? median(cp.stream().mapToDouble(Run::seconds).toArray()) : Double.NaN;
        if (doCp) {
            rows.add(row(label, cpName + " (+sync)", cpSync, size, cpSync, cpAlone, cp.getLast().blocks));
        }
        if (doOff) {
            double tOff = median(off.stream().mapToDouble(Run::seconds).toArray());
            rows.add(row(label, "ferry verify=off", tOff, size, cpSync, cpAlone, off.getLast().blocks));
        }
        if (doOn) {
            double tOn = median(on.stream().mapToDouble(Run::seconds).toArray());
            rows.add(row(label, "ferry verify=on", tOn, size, cpSync, cpAlone, on.getLast().blocks));
        }
    }

    private static String[] row(String label, String who, double secs, long size, double cpSync, double cpAlone,
            long blocks) {
        return new String[] {label, who, String.format(Locale.ROOT, "%.2f", secs),
            String.format(Locale.ROOT, "%.0f", size / (double) MiB / secs),
            ratio(cpSync, secs), ratio(cpAlone, secs),
            Long.toString(blocks)};
    }

    /** {@code base / secs} as "1.23x", or "n/a" when cp was not run. */
    private static String ratio(double base, double secs) {
        return Double.isNaN(base) ? "n/a" : String.format(Locale.ROOT, "%.2fx", base / secs);
    }

    private Run runCp(Path src, Path target, boolean sparse) throws Exception {
        prepare(src, target);
        List<String> cmd = new ArrayList<>(List.of("cp"));
        if (sparse) {
            cmd.add("--sparse=always");
        }
        cmd.add(src.toString());
        cmd.add(target.toString());
        long t0 = System.nanoTime();
        exec(cmd);
        long t1 = System.nanoTime();
        exec(List.of("sync", target.toString()));
        long t2 = System.nanoTime();
        return new Run((t1 - t0) / 1e9, (t2 - t1) / 1e9, blocks(target));
    }

    private Run runFerry(Path src, Path target, boolean verify, boolean check) throws Exception {
        prepare(src, target);
        BenchContext ctx = new BenchContext(src, target, verify);
        long t0 = System.nanoTime();
        new LocalProvider().run(ctx);
        long t1 = System.nanoTime();
        if (check) {
            Process cmp = new ProcessBuilder("cmp", "-s", src.toString(), target.toString()).start();
            if (cmp.waitFor() != 0) {
                throw new IllegalStateException("Ferry's copy differs from the source: " + target);
            }
        }
        return new Run((t1 - t0) / 1e9, 0, blocks(target));
    }

    /** Loads and compiles the copy path (FFM binding, hashing, JIT) so the timed runs measure copying. */
    private void warmUp(Path dir) throws Exception {
        Path src = dir.resolve("warmup.src");
        Path dst = dir.resolve("warmup.dst");
        makeDense(src, 64 * MiB);
        for (boolean verify : new boolean[] {false, true}) {
            Files.deleteIfExists(dst);
            new LocalProvider().run(new BenchContext(src, dst, verify));
        }
        Files.deleteIfExists(dst);
        Files.deleteIfExists(src);
    }

    private void prepare(Path src, Path target) throws Exception {
        Files.deleteIfExists(target);
        exec(List.of("sync"));
        exec(List.of("dd", "if=" + src, "iflag=nocache", "count=0", "status=none"));
        if (settle > 0) {
            Thread.sleep((long) (settle * 1000));
        }
    }

    private static void makeDense(Path p, long size) throws IOException {
        if (Files.exists(p) && Files.size(p) == size) {
            return;
        }
        try (FileChannel ch = FileChannel.open(p, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            fill(ch, 0, size, 1);
            ch.force(true);
        }
    }

    /** {@code data} bytes in 16 equal extents spread evenly over {@code size}; holes elsewhere. */
    private static void makeSparse(Path p, long size, long data) throws IOException {
        if (Files.exists(p) && Files.size(p) == size) {
            return;
        }
        int extents = 16;
        long each = data / extents / MiB * MiB;
        long stride = size / extents / MiB * MiB;
        try (FileChannel ch = FileChannel.open(p, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            for (int i = 0; i < extents; i++) {
                fill(ch, i * stride + stride / 4, each, 100 + i);
            }
        }
        try (var raf = new java.io.RandomAccessFile(p.toFile(), "rw")) {
            raf.setLength(size);
            raf.getFD().sync();
        }
    }

    private static void fill(FileChannel ch, long at, long len, long seed) throws IOException {
        SplittableRandom rnd = new SplittableRandom(seed);
        ByteBuffer buf = ByteBuffer.allocateDirect((int) (8 * MiB));
        long pos = at;
        long end = at + len;
        while (pos < end) {
            buf.clear();
            while (buf.remaining() >= 8) {
                buf.putLong(rnd.nextLong());
            }
            buf.flip().limit((int) Math.min(buf.limit(), end - pos));
            while (buf.hasRemaining()) {
                pos += ch.write(buf, pos);
            }
        }
    }

    /** Load average and CPU / IO pressure (PSI), so a reader can tell a quiet machine from a busy one. */
    private static String pressure() {
        StringBuilder sb = new StringBuilder();
        try {
            sb.append("load ").append(Files.readString(Path.of("/proc/loadavg")).trim().split(" ", 4)[0]);
            for (String what : new String[] {"cpu", "io"}) {
                String psi = Files.readString(Path.of("/proc/pressure/" + what)).lines().findFirst().orElse("");
                sb.append(", ").append(what).append(" pressure ").append(psi.replace("some ", ""));
            }
        } catch (IOException | RuntimeException e) {
            sb.append(" (no /proc/pressure here)");
        }
        return sb.toString();
    }

    private static long blocks(Path p) throws Exception {
        return Long.parseLong(exec(List.of("stat", "-c", "%b", p.toString())).trim());
    }

    private static String exec(List<String> cmd) throws Exception {
        Process proc = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String text = new String(proc.getInputStream().readAllBytes());
        if (proc.waitFor() != 0) {
            throw new IOException(String.join(" ", cmd) + " failed: " + text.trim());
        }
        return text;
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    static long parseSize(String s) {
        String t = s.trim().toUpperCase(Locale.ROOT).replace("IB", "").replace("B", "");
        long mult = switch (t.isEmpty() ? ' ' : t.charAt(t.length() - 1)) {
            case 'K' -> 1L << 10;
            case 'M' -> 1L << 20;
            case 'G' -> 1L << 30;
            case 'T' -> 1L << 40;
            default -> 1;
        };
        String digits = mult == 1 ? t : t.substring(0, t.length() - 1);
        try {
            return Math.multiplyExact(Long.parseLong(digits.trim()), mult);
        } catch (NumberFormatException | ArithmeticException e) {
            throw new IllegalArgumentException("not a size: \"" + s + "\" (use e.g. 512M, 4G)");
        }
    }

    private static String human(long bytes) {
        return bytes % (1L << 30) == 0 ? bytes / (1L << 30) + " GiB" : bytes / MiB + " MiB";
    }

    private static void printTable(PrintWriter out, List<String[]> rows) {
        int[] w = new int[rows.getFirst().length];
        for (String[] r : rows) {
            for (int i = 0; i < r.length; i++) {
                w[i] = Math.max(w[i], r[i].length());
            }
        }
        for (String[] r : rows) {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < r.length; i++) {
                sb.append(String.format(i < 2 ? "%-" + w[i] + "s  " : "%" + w[i] + "s  ", r[i]));
            }
            out.println(sb.toString().stripTrailing());
        }
        out.flush();
    }

    /** The least a provider needs to run outside the engine: no journal, no limits, no pause. */
    private static final class BenchContext implements TransferContext {
        private volatile Transfer transfer;

        BenchContext(Path src, Path target, boolean verify) {
            Instant now = Instant.now();
            transfer = Transfer.create("bench", LocalProvider.ID, Direction.COPY, src.getFileName().toString(),
                            src.toString(), target.toString(), Map.of(LocalOptions.VERIFY, Boolean.toString(verify)), now)
                    .withPhase(TransferPhase.TRANSFERRING, now, "bench");
        }

        @Override
        public Transfer current() {
            return transfer;
        }

        @Override
        public synchronized void update(UnaryOperator<Transfer> change) {
            transfer = change.apply(transfer);
        }

        @Override
        public synchronized void moveTo(TransferPhase next, PhaseAction cause, String reason) {
            transfer = transfer.withPhase(next, Instant.now(), reason);
        }

        @Override
        public void observe(TransferPhase remote, String nativeStatus, String reason) {}

        @Override
        public synchronized void recordError(ErrorCode code, ErrorLogEntry sample) {
            transfer = transfer.withErrors(transfer.errors().record(code, sample));
        }

        @Override
        public void checkpoint() {}

        @Override
        public void acquireBandwidth(long bytes) {}

        @Override
        public void sleep(Duration d) {}

        @Override
        public Clock clock() {
            return Clock.systemUTC();
        }
    }
}
