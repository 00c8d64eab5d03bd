package io.ferry.provider.ovirt.bench;

import io.ferry.cli.ovirt.LocalTransferContext;
import io.ferry.domain.Direction;
import io.ferry.domain.Transfer;
import io.ferry.domain.TransferPhase;
import io.ferry.provider.ovirt.OvirtOptions;
import io.ferry.provider.ovirt.OvirtProvider;
import io.ferry.provider.ovirt.server.ImageioServer;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

/**
 * Benchmark command (not a test): Ferry's imageio upload and download of a dense image and a sparse image against
 * the in-repo imageio server on loopback, beside curl's single-stream PUT and GET of the same files to the same
 * server. Prints seconds, GB/s, CPU seconds and the ratios. See docs/ovirt.md for how to run it.
 *
 * <p>curl and Ferry run alternately in every round (curl first in odd rounds, Ferry first in even ones), each case
 * once per tool per round, so each Ferry/curl ratio compares two runs made a few seconds apart under the same load;
 * the summary gives the medians and the per-round ratios. Dense and sparse run back to back in each round, so the
 * sparse/dense ratio is taken between runs made under the same load too.
 *
 * <p>CPU seconds are given beside wall time, split into the client's and the in-repo server's: the server's is the
 * CPU time of its handler threads ({@link ImageioServer#cpuNanos()}); Ferry's is the rest of this process's CPU
 * time over the run; curl's is its own (user + system, from this process's {@code cutime}/{@code cstime} once curl
 * has been waited for). CPU seconds are less swayed than wall time by other work on the machine.
 *
 * <p>Footprint: each image is written at the start of its turn in a round and deleted at its end; downloads read
 * the image itself (a read-only ticket on it), uploads write a fresh server file that is deleted after the check. At
 * most the image plus one full copy of it exist at a time (about 9 GiB for the 8 GiB sparse image, which curl
 * writes in full), where the earlier version of this command held up to 17 GiB on {@code --dir}.
 *
 * <p>Arguments: [--dir DIR] [--dense-gib 4] [--sparse-gib 8] [--sparse-data-gib 1] [--connections 4] [--rounds 3]
 * [--verify] [--prefill] [--warmup-mib 256]
 *
 * <p>{@code --prefill} writes the server's file in full before each timed upload (a preallocated disk): see
 * {@link #writeZeros}.
 */
public final class OvirtBenchmark {
    private static final long GIB = 1L << 30;
    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
    private static final String CURL_PUT = "curl PUT";
    private static final String CURL_GET = "curl GET";

    /** One measured run; CPU seconds are NaN where they could not be read. */
    record Row(int round, String what, String tool, long bytes, double seconds, double clientCpu, double serverCpu) {
        double gbps() {
            return bytes / seconds / 1e9;
        }

        double cpu() {
            return clientCpu + serverCpu;
        }

        boolean curl() {
            return tool.startsWith("curl");
        }
    }

    record Timed(double seconds, double clientCpu, double serverCpu) {}

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(System.getProperty("java.io.tmpdir"));
        long denseGib = 4;
        long sparseGib = 8;
        long sparseDataGib = 1;
        int connections = 4;
        int rounds = 3;
        boolean verify = false;
        boolean prefill = false;
        long warmupMib = 256;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--dir" -> dir = Path.of(args[++i]);
                case "--dense-gib" -> denseGib = Long.parseLong(args[++i]);
                case "--sparse-gib" -> sparseGib = Long.parseLong(args[++i]);
                case "--sparse-data-gib" -> sparseDataGib = Long.parseLong(args[++i]);
                case "--connections" -> connections = Integer.parseInt(args[++i]);
                case "--rounds" -> rounds = Math.max(1, Integer.parseInt(args[++i]));
                case "--verify" -> verify = true;
                case "--prefill" -> prefill = true;
                case "--warmup-mib" -> warmupMib = Long.parseLong(args[++i]);
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        Path work = Files.createTempDirectory(dir, "ferry-ovirt-bench");
        List<Row> rows = new ArrayList<>();
        String denseLabel = denseGib + " GiB dense";
        String sparseLabel = sparseGib + " GiB sparse (" + sparseDataGib + " GiB data)";
        String tool = "ferry x" + connections;
        try (ImageioServer server = ImageioServer.http()) {
            server.maxConnections(8, 8);
            Bench b = new Bench(server, work, connections, verify, prefill);
            System.out.printf("work dir %s; cores %d; children CPU readable: %b%n", work,
                    Runtime.getRuntime().availableProcessors(), !Double.isNaN(childrenCpuSeconds()));

            // warm-up (JIT, connection setup, both tools' server paths), not measured
            Path warm = work.resolve("warm.img");
            writeDense(warm, warmupMib << 20);
            b.upload(0, warm, "warm-up", CURL_PUT);
            b.upload(0, warm, "warm-up", tool);
            b.download(0, warm, "warm-up", CURL_GET);
            b.download(0, warm, "warm-up", tool);
            Files.delete(warm);

            for (int r = 1; r <= rounds; r++) {
                boolean curlFirst = r % 2 == 1;
                System.out.printf("round %d of %d (%s first)…%n", r, rounds, curlFirst ? "curl" : "Ferry");
                for (boolean isDense : new boolean[] {true, false}) {
                    Path img = work.resolve(isDense ? "dense.img" : "sparse.img");
                    String label = isDense ? denseLabel : sparseLabel;
                    if (isDense) {
                        writeDense(img, denseGib * GIB);
                    } else {
                        writeSparse(img, sparseGib * GIB, sparseDataGib * GIB);
                    }
                    for (String t : curlFirst ? List.of(CURL_PUT, tool) : List.of(tool, CURL_PUT)) {
                        rows.add(b.upload(r, img, label + " upload", t));
                    }
                    for (String t : curlFirst ? List.of(CURL_GET, tool) : List.of(tool, CURL_GET)) {
                        rows.add(b.download(r, img, label + " download", t));
                    }
                    Files.delete(img);
                }
            }
        } finally {
            try (var s = Files.list(work)) {
                for (Path p : s.toList()) {
                    Files.deleteIfExists(p);
                }
            }
            Files.deleteIfExists(work);
        }
        print(rows, denseLabel, sparseLabel, rounds);
    }

    /** Runs one tool against the server and checks what Ferry moved byte for byte. */
    private record Bench(ImageioServer server, Path work, int connections, boolean verify, boolean prefill) {
        /** Upload into a fresh server file, which is checked (Ferry's) and deleted afterwards. */
        Row upload(int round, Path img, String what, String tool) throws Exception {
            long size = Files.size(img);
            Path backing = Files.createTempFile(work, "server", ".img");
            if (prefill) {
                writeZeros(backing, size);
            }
            String id = UUID.randomUUID().toString();
            String url = server.addTicket(id, backing, size, Set.of("read", "write"), Duration.ofHours(2));
            try {
                Timed t = tool.startsWith("curl")
                        ? curl(List.of("-X", "PUT", "--upload-file", img.toString(), "-H", "Expect:",
                                "-H", "Content-Range: bytes 0-" + (size - 1) + "/*", url))
                        : ferry(Direction.UPLOAD, img.toString(), url, url);
                if (!tool.startsWith("curl") && Files.mismatch(img, backing) != -1) {
                    throw new IllegalStateException("the server's copy of " + img + " after Ferry's upload differs");
                }
                return new Row(round, what, tool, size, t.seconds(), t.clientCpu(), t.serverCpu());
            } finally {
                server.removeTicket(id);
                Files.deleteIfExists(backing);
            }
        }

        /** Download from a read-only ticket on the image itself into a fresh file, checked (Ferry's) and deleted. */
        Row download(int round, Path img, String what, String tool) throws Exception {
            long size = Files.size(img);
            String id = UUID.randomUUID().toString();
            String url = server.addTicket(id, img, size, Set.of("read"), Duration.ofHours(2));
            Path out = work.resolve("out.img");
            try {
                Timed t = tool.startsWith("curl")
                        ? curl(List.of("-o", out.toString(), url))
                        : ferry(Direction.DOWNLOAD, url, out.toString(), url);
                if (!tool.startsWith("curl") && Files.mismatch(img, out) != -1) {
                    throw new IllegalStateException("Ferry's download of " + img + " differs");
                }
                return new Row(round, what, tool, size, t.seconds(), t.clientCpu(), t.serverCpu());
            } finally {
                server.removeTicket(id);
                Files.deleteIfExists(out);
            }
        }

        private Timed ferry(Direction d, String source, String target, String url) throws Exception {
            Transfer t = Transfer.create(UUID.randomUUID().toString(), OvirtProvider.ID, d, "bench", source, target,
                    Map.of(OvirtOptions.IMAGEIO_URL, url, OvirtOptions.CONNECTIONS, Integer.toString(connections),
                            OvirtOptions.VERIFY, Boolean.toString(verify)),
                    Instant.now());
            LocalTransferContext ctx = new LocalTransferContext(t, Clock.systemUTC(), null);
            long s0 = server.cpuNanos();
            long c0 = OS.getProcessCpuTime();
            long t0 = System.nanoTime();
            new OvirtProvider().run(ctx);
            double s = (System.nanoTime() - t0) / 1e9;
            double serverCpu = (server.cpuNanos() - s0) / 1e9;
            double processCpu = (OS.getProcessCpuTime() - c0) / 1e9;
            if (ctx.current().phase() != TransferPhase.FINISHED_SUCCESS) {
                throw new IllegalStateException("ferry " + d + " ended " + ctx.current().phase());
            }
            return new Timed(s, processCpu - serverCpu, serverCpu);
        }

        private Timed curl(List<String> args) throws Exception {
            List<String> cmd = new ArrayList<>(List.of("curl", "-sS", "--fail"));
            cmd.addAll(args);
            long s0 = server.cpuNanos();
            double c0 = childrenCpuSeconds();
            long t0 = System.nanoTime();
            Process p = new ProcessBuilder(cmd).inheritIO().start();
            if (p.waitFor() != 0) {
                throw new IllegalStateException("curl failed: " + cmd);
            }
            double s = (System.nanoTime() - t0) / 1e9;
            return new Timed(s, childrenCpuSeconds() - c0, (server.cpuNanos() - s0) / 1e9);
        }
    }

    /**
     * User + system CPU seconds of this process's children that have ended and been waited for ({@code cutime +
     * cstime} of {@code /proc/self/stat}, in USER_HZ = 100 ticks per second on Linux); NaN elsewhere.
     */
    static double childrenCpuSeconds() {
        try {
            String stat = Files.readString(Path.of("/proc/self/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // fields after the command name start at field 3 (state); cutime is field 16, cstime field 17
            return (Long.parseLong(f[16 - 3]) + Long.parseLong(f[17 - 3])) / 100.0;
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    private static void writeDense(Path p, long size) throws IOException {
        byte[] block = new byte[8 << 20];
        new Random(1).nextBytes(block);
        ByteBuffer bb = ByteBuffer.wrap(block);
        try (FileChannel ch = FileChannel.open(p, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            for (long pos = 0; pos < size; pos += block.length) {
                bb.putLong(0, pos); // every block differs
                bb.clear().limit((int) Math.min(block.length, size - pos));
                while (bb.hasRemaining()) {
                    ch.write(bb, pos + bb.position());
                }
            }
        }
    }

    /**
     * With {@code --prefill}: writes zeros over the whole server file before a timed upload, as on a preallocated
     * disk, so that neither tool's run pays for fresh memory behind it. This VM hands freed memory back to its host
     * (free page reporting), and the first run to touch fresh pages paid up to 2.5 times the server CPU of the run
     * after it (docs/ovirt.md); writing into a scratch file and deleting it just before did not help. Zero requests
     * then punch real holes, which costs the server time, so the sparse/dense ratio is read without it.
     */
    private static void writeZeros(Path p, long size) throws IOException {
        ByteBuffer zeros = ByteBuffer.allocateDirect(8 << 20);
        try (FileChannel ch = FileChannel.open(p, StandardOpenOption.WRITE)) {
            for (long pos = 0; pos < size; pos += zeros.capacity()) {
                zeros.clear().limit((int) Math.min(zeros.capacity(), size - pos));
                while (zeros.hasRemaining()) {
                    ch.write(zeros, pos + zeros.position());
                }
            }
        }
    }

    private static void writeSparse(Path p, long size, long data) throws IOException {
        int run = 16 << 20;
        long runs = data / run;
        long stride = size / runs;
        byte[] block = new byte[run];
        new Random(2).nextBytes(block);
        try (RandomAccessFile f = new RandomAccessFile(p.toFile(), "rw")) {
            f.setLength(size);
            for (long i = 0; i < runs; i++) {
                ByteBuffer.wrap(block).putLong(0, i);
                f.seek(i * stride);
                f.write(block);
            }
        }
    }

    private static void print(List<Row> rows, String denseLabel, String sparseLabel, int rounds) {
        System.out.println();
        String head = "%-5s %-36s %-10s %8s %7s %9s %9s%n";
        String line = "%-5s %-36s %-10s %8.2f %7.2f %9s %9s%n";
        System.out.printf(Locale.ROOT, head, "round", "case", "tool", "seconds", "GB/s", "cpu clnt", "cpu srv");
        for (Row r : rows) {
            System.out.printf(Locale.ROOT, line, r.round(), r.what(), r.tool(), r.seconds(), r.gbps(),
                    fmt(r.clientCpu()), fmt(r.serverCpu()));
        }
        System.out.println();
        System.out.printf(Locale.ROOT, head, "", "case (median of " + rounds + ")", "tool", "seconds", "GB/s",
                "cpu clnt", "cpu srv");
        List<String> cases = rows.stream().map(Row::what).distinct().toList();
        for (String c : cases) {
            for (boolean curl : new boolean[] {true, false}) {
                List<Row> rs = rows.stream().filter(r -> r.what().equals(c) && r.curl() == curl).toList();
                double s = median(rs.stream().map(Row::seconds).toList());
                System.out.printf(Locale.ROOT, line, "", c, rs.getFirst().tool(), s, rs.getFirst().bytes() / s / 1e9,
                        fmt(median(rs.stream().map(Row::clientCpu).toList())),
                        fmt(median(rs.stream().map(Row::serverCpu).toList())));
            }
        }
        System.out.println();
        System.out.println("Ferry / curl speed = curl's seconds / Ferry's seconds in the same round (median; rounds);"
                + " cpu = Ferry's client+server CPU / curl's client+server CPU; clnt = client CPU alone");
        for (String c : cases) {
            List<Double> speed = new ArrayList<>();
            List<Double> cpu = new ArrayList<>();
            List<Double> clientCpu = new ArrayList<>();
            for (int r = 1; r <= rounds; r++) {
                Row curl = find(rows, r, c, true);
                Row ferry = find(rows, r, c, false);
                speed.add(curl.seconds() / ferry.seconds());
                cpu.add(ferry.cpu() / curl.cpu());
                clientCpu.add(ferry.clientCpu() / curl.clientCpu());
            }
            String target = c.startsWith(denseLabel) ? "   (target >= 1.0)" : "";
            System.out.printf(Locale.ROOT, "%-36s speed %.2fx (%s)  cpu %.2f (%s)  clnt %.2f%s%n", c, median(speed),
                    format(speed), median(cpu), format(cpu), median(clientCpu), target);
        }
        for (String dir : List.of(" upload", " download")) {
            List<Double> time = new ArrayList<>();
            List<Double> cpu = new ArrayList<>();
            for (int r = 1; r <= rounds; r++) {
                Row d = find(rows, r, denseLabel + dir, false);
                Row s = find(rows, r, sparseLabel + dir, false);
                time.add(s.seconds() / d.seconds());
                cpu.add(s.cpu() / d.cpu());
            }
            System.out.printf(Locale.ROOT, "ferry %-8s sparse/dense time %.2f (target <= 0.25; rounds %s), cpu %.2f%n",
                    dir.trim(), median(time), format(time), median(cpu));
        }
    }

    private static String fmt(double x) {
        return Double.isNaN(x) ? "" : String.format(Locale.ROOT, "%.2f", x);
    }

    private static double median(List<Double> xs) {
        List<Double> sorted = xs.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static String format(List<Double> xs) {
        return String.join(" ", xs.stream().map(x -> String.format(Locale.ROOT, "%.2f", x)).toList());
    }

    private static Row find(List<Row> rows, int round, String what, boolean curl) {
        return rows.stream().filter(r -> r.round() == round && r.what().equals(what) && r.curl() == curl)
                .findFirst().orElseThrow();
    }
}
