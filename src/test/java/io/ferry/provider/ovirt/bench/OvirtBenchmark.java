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
 * server. curl runs once per image; Ferry runs {@code --rounds} times, dense and sparse one after the other in each
 * round, so the sparse/dense ratio is taken between runs made under the same load, and the medians are printed.
 * Each Ferry run also reports the CPU time of this process (Ferry and the in-repo server together), a figure
 * less swayed than wall time by other work on the machine. Prints seconds, GB/s and the ratios. See
 * docs/ovirt.md for how to run it.
 *
 * <p>Arguments: [--dir DIR] [--dense-gib 4] [--sparse-gib 8] [--sparse-data-gib 1] [--connections 4] [--rounds 3]
 * [--verify]
 */
public final class OvirtBenchmark {
    private static final long GIB = 1L << 30;
    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();

    /** One measured run; {@code cpu} is this process's CPU seconds (NaN for curl, another process). */
    record Row(String what, String tool, long bytes, double seconds, double cpu) {
        double gbps() {
            return bytes / seconds / 1e9;
        }
    }

    record Timed(double seconds, double cpu) {}

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(System.getProperty("java.io.tmpdir"));
        long denseGib = 4;
        long sparseGib = 8;
        long sparseDataGib = 1;
        int connections = 4;
        int rounds = 3;
        boolean verify = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--dir" -> dir = Path.of(args[++i]);
                case "--dense-gib" -> denseGib = Long.parseLong(args[++i]);
                case "--sparse-gib" -> sparseGib = Long.parseLong(args[++i]);
                case "--sparse-data-gib" -> sparseDataGib = Long.parseLong(args[++i]);
                case "--connections" -> connections = Integer.parseInt(args[++i]);
                case "--rounds" -> rounds = Math.max(1, Integer.parseInt(args[++i]));
                case "--verify" -> verify = true;
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        Path work = Files.createTempDirectory(dir, "ferry-ovirt-bench");
        List<Row> curlRows = new ArrayList<>();
        List<Row> ferryRows = new ArrayList<>();
        String denseLabel = denseGib + " GiB dense";
        String sparseLabel = sparseGib + " GiB sparse (" + sparseDataGib + " GiB data)";
        String tool = "ferry x" + connections;
        try (ImageioServer server = ImageioServer.http()) {
            server.maxConnections(8, 8);
            System.out.printf("work dir %s; cores %d%n", work, Runtime.getRuntime().availableProcessors());
            Path dense = work.resolve("dense.img");
            Path sparse = work.resolve("sparse.img");

            // warm-up (JIT, connection setup) on 256 MiB, not measured
            Path warm = work.resolve("warm.img");
            writeDense(warm, 256L << 20);
            String wurl = ticket(server, work, Files.size(warm));
            ferry(Direction.UPLOAD, warm.toString(), wurl, wurl, connections, false);
            ferry(Direction.DOWNLOAD, wurl, work.resolve("warm-out.img").toString(), wurl, connections, false);
            drop(server, wurl);
            Files.delete(warm);
            Files.delete(work.resolve("warm-out.img"));

            // curl once per image; the sparse image first, so its 8 GiB curl copies are gone before the dense
            // image is written (peak: sparse image + curl's server copy and download of it)
            System.out.printf("writing %d GiB sparse image with %d GiB of data…%n", sparseGib, sparseDataGib);
            writeSparse(sparse, sparseGib * GIB, sparseDataGib * GIB);
            curl(server, work, sparse, sparseLabel, curlRows);
            System.out.printf("writing %d GiB dense image…%n", denseGib);
            writeDense(dense, denseGib * GIB);
            curl(server, work, dense, denseLabel, curlRows);

            for (int r = 1; r <= rounds; r++) {
                System.out.printf("Ferry round %d of %d…%n", r, rounds);
                for (Path img : List.of(dense, sparse)) {
                    String label = img == dense ? denseLabel : sparseLabel;
                    long size = Files.size(img);
                    String url = ticket(server, work, size);
                    Timed up = ferry(Direction.UPLOAD, img.toString(), url, url, connections, verify);
                    ferryRows.add(new Row(label + " upload", tool, size, up.seconds(), up.cpu()));
                    Path out = work.resolve("ferry-out.img");
                    Timed down = ferry(Direction.DOWNLOAD, url, out.toString(), url, connections, verify);
                    ferryRows.add(new Row(label + " download", tool, size, down.seconds(), down.cpu()));
                    if (Files.mismatch(img, out) != -1) {
                        throw new IllegalStateException("round trip of " + img + " differs");
                    }
                    Files.deleteIfExists(out);
                    drop(server, url);
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
        print(curlRows, ferryRows, denseLabel, sparseLabel, rounds);
    }

    private static void curl(ImageioServer server, Path work, Path img, String label, List<Row> rows) throws Exception {
        long size = Files.size(img);
        String curlUrl = ticket(server, work, size);
        rows.add(new Row(label + " upload", "curl PUT", size, curl(List.of("-X", "PUT", "--upload-file",
                img.toString(), "-H", "Expect:", "-H", "Content-Range: bytes 0-" + (size - 1) + "/*", curlUrl)),
                Double.NaN));
        Path curlOut = work.resolve("curl-out.img");
        rows.add(new Row(label + " download", "curl GET", size, curl(List.of("-o", curlOut.toString(), curlUrl)),
                Double.NaN));
        Files.deleteIfExists(curlOut);
        drop(server, curlUrl);
    }

    /** Removes a ticket and its backing file (keeps the work dir small). */
    private static void drop(ImageioServer server, String url) throws IOException {
        String id = url.substring(url.lastIndexOf('/') + 1);
        Path backing = server.ticket(id).file();
        server.removeTicket(id);
        Files.deleteIfExists(backing);
    }

    private static String ticket(ImageioServer server, Path work, long size) throws IOException {
        Path backing = Files.createTempFile(work, "server", ".img");
        return server.addTicket(UUID.randomUUID().toString(), backing, size, Set.of("read", "write"), Duration.ofHours(2));
    }

    private static Timed ferry(Direction d, String source, String target, String url, int connections, boolean verify)
            throws Exception {
        Transfer t = Transfer.create(UUID.randomUUID().toString(), OvirtProvider.ID, d, "bench", source, target,
                Map.of(OvirtOptions.IMAGEIO_URL, url, OvirtOptions.CONNECTIONS, Integer.toString(connections),
                        OvirtOptions.VERIFY, Boolean.toString(verify)),
                Instant.now());
        LocalTransferContext ctx = new LocalTransferContext(t, Clock.systemUTC(), null);
        long c0 = OS.getProcessCpuTime();
        long t0 = System.nanoTime();
        new OvirtProvider().run(ctx);
        double s = (System.nanoTime() - t0) / 1e9;
        double cpu = (OS.getProcessCpuTime() - c0) / 1e9;
        if (ctx.current().phase() != TransferPhase.FINISHED_SUCCESS) {
            throw new IllegalStateException("ferry " + d + " ended " + ctx.current().phase());
        }
        return new Timed(s, cpu);
    }

    private static double curl(List<String> args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("curl", "-sS", "--fail"));
        cmd.addAll(args);
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder(cmd).inheritIO().start();
        if (p.waitFor() != 0) {
            throw new IllegalStateException("curl failed: " + cmd);
        }
        return (System.nanoTime() - t0) / 1e9;
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

    private static void print(List<Row> curlRows, List<Row> ferryRows, String denseLabel, String sparseLabel,
            int rounds) {
        System.out.println();
        System.out.printf(Locale.ROOT, "%-40s %-10s %9s %9s %9s%n", "case (Ferry: round by round)", "tool", "seconds",
                "GB/s", "cpu s");
        for (Row r : ferryRows) {
            System.out.printf(Locale.ROOT, "%-40s %-10s %9.2f %9.2f %9.2f%n", r.what(), r.tool(), r.seconds(),
                    r.gbps(), r.cpu());
        }
        System.out.println();
        System.out.printf(Locale.ROOT, "%-40s %-10s %9s %9s %9s%n", "case (Ferry: median of " + rounds + ")", "tool",
                "seconds", "GB/s", "cpu s");
        List<Row> medians = new ArrayList<>();
        for (Row c : curlRows) {
            List<Row> runs = ferryRows.stream().filter(r -> r.what().equals(c.what())).toList();
            medians.add(new Row(c.what(), runs.getFirst().tool(), c.bytes(), median(runs.stream().map(Row::seconds).toList()),
                    median(runs.stream().map(Row::cpu).toList())));
        }
        for (String label : List.of(denseLabel, sparseLabel)) {
            for (String dir : List.of(" upload", " download")) {
                for (List<Row> rows : List.of(curlRows, medians)) {
                    Row r = find(rows, label + dir);
                    System.out.printf(Locale.ROOT, "%-40s %-10s %9.2f %9.2f %9s%n", r.what(), r.tool(), r.seconds(),
                            r.gbps(), Double.isNaN(r.cpu()) ? "" : String.format(Locale.ROOT, "%.2f", r.cpu()));
                }
            }
        }
        System.out.println();
        for (String dir : List.of(" upload", " download")) {
            Row curlDense = find(curlRows, denseLabel + dir);
            Row curlSparse = find(curlRows, sparseLabel + dir);
            Row ferryDense = find(medians, denseLabel + dir);
            Row ferrySparse = find(medians, sparseLabel + dir);
            List<Row> d = ferryRows.stream().filter(r -> r.what().equals(denseLabel + dir)).toList();
            List<Row> s = ferryRows.stream().filter(r -> r.what().equals(sparseLabel + dir)).toList();
            List<Double> timeRatios = new ArrayList<>();
            List<Double> cpuRatios = new ArrayList<>();
            for (int i = 0; i < d.size(); i++) {
                timeRatios.add(s.get(i).seconds() / d.get(i).seconds());
                cpuRatios.add(s.get(i).cpu() / d.get(i).cpu());
            }
            System.out.printf(Locale.ROOT, "%-8s dense: ferry %.2fx curl (target >= 1.0)   sparse: ferry %.2fx curl;"
                            + " ferry sparse/dense time %.2f (target <= 0.25; rounds %s), cpu %.2f%n",
                    dir.trim(), ferryDense.gbps() / curlDense.gbps(), ferrySparse.gbps() / curlSparse.gbps(),
                    median(timeRatios), format(timeRatios), median(cpuRatios));
        }
    }

    private static double median(List<Double> xs) {
        List<Double> sorted = xs.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static String format(List<Double> xs) {
        return String.join(" ", xs.stream().map(x -> String.format(Locale.ROOT, "%.2f", x)).toList());
    }

    private static Row find(List<Row> rows, String what) {
        return rows.stream().filter(r -> r.what().equals(what)).findFirst().orElseThrow();
    }
}
