package io.ferry.provider.element.bench;

import io.ferry.domain.Direction;
import io.ferry.domain.Transfer;
import io.ferry.domain.TransferPhase;
import io.ferry.provider.element.BulkVolumeRequest;
import io.ferry.provider.element.ElementClient;
import io.ferry.provider.element.ElementOptions;
import io.ferry.provider.element.ElementProfile;
import io.ferry.provider.element.ElementProvider;
import io.ferry.provider.element.FakeElementCluster;
import io.ferry.provider.element.PinnedCertificateTrust;
import io.ferry.provider.element.StartedBulkVolumeJob;
import io.ferry.provider.remote.RecordingTransferContext;
import io.ferry.provider.remote.TestCertificates;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import mockwebserver3.MockWebServer;

/**
 * Benchmark command (not a test): Ferry moving a bulk volume job's data through the node's URL (read: GET into a
 * file; write: PUT from a file) against the in-repo Element server over TLS on loopback, beside curl's GET and PUT
 * of the same URL shape, in alternating rounds. Prints seconds, MB/s, the medians and the ratios. Both sides go
 * through the same server (MockWebServer, the volume in memory), so the ratio, not the absolute speed, is the
 * figure. See docs/element.md for how to run it.
 *
 * <p>Arguments: [--dir DIR] [--mib 512] [--rounds 3]
 */
public final class ElementDataBenchmark {
    record Row(String what, String tool, long bytes, double seconds) {}

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(System.getProperty("java.io.tmpdir"));
        int mib = 512;
        int rounds = 3;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--dir" -> dir = Path.of(args[++i]);
                case "--mib" -> mib = Integer.parseInt(args[++i]);
                case "--rounds" -> rounds = Integer.parseInt(args[++i]);
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        Path work = Files.createTempDirectory(dir, "ferry-element-bench");
        TestCertificates certs = TestCertificates.shared();
        FakeElementCluster cluster = new FakeElementCluster("12.3", "admin", "s3cret", Set.of(5L, 6L));
        byte[] volume = new byte[mib << 20];
        new Random(1).nextBytes(volume);
        cluster.volumeData(5, volume);
        Path source = Files.write(work.resolve("source.raw"), volume);
        List<Row> rows = new ArrayList<>();
        try (MockWebServer server = new MockWebServer()) {
            server.useHttps(certs.serverSocketFactory);
            server.setDispatcher(cluster);
            server.start(InetAddress.getByName("127.0.0.1"), 0);
            String endpoint = "https://127.0.0.1:" + server.getPort();
            cluster.serveDataAt(endpoint + "/bulk/");
            ElementClient client = new ElementClient(new ElementProfile(endpoint, "12.3", "admin", "s3cret",
                    PinnedCertificateTrust.fingerprint(certs.certificate), Duration.ofSeconds(60)));
            ElementProvider provider = new ElementProvider(t -> client, Duration.ofMillis(50));
            System.out.printf(Locale.ROOT, "work dir %s; %d MiB volume; cores %d; load %s%n", work, mib,
                    Runtime.getRuntime().availableProcessors(), Files.readString(Path.of("/proc/loadavg")).strip());
            // warm-up (JIT, TLS session), not measured
            ferry(provider, Direction.DOWNLOAD, 5, work.resolve("warm.raw"));
            Files.delete(work.resolve("warm.raw"));
            for (int r = 1; r <= rounds; r++) {
                Path out = work.resolve("curl-out.raw");
                StartedBulkVolumeJob read = client.startBulkVolumeRead(new BulkVolumeRequest(5, "uncompressed", -1, "", "", ""));
                rows.add(new Row("read", "curl GET", volume.length, curl(List.of("-o", out.toString(), read.url() + read.key()))));
                check(out, volume);
                client.updateBulkVolumeStatus(read.key(), "complete", "100", null, null);
                Files.delete(out);

                Path target = work.resolve("ferry-out.raw");
                rows.add(new Row("read", "ferry", volume.length, ferry(provider, Direction.DOWNLOAD, 5, target)));
                check(target, volume);
                Files.delete(target);

                StartedBulkVolumeJob write = client.startBulkVolumeWrite(new BulkVolumeRequest(6, "uncompressed", -1, "", "", ""));
                rows.add(new Row("write", "curl PUT", volume.length, curl(List.of("-X", "PUT", "--upload-file", source.toString(),
                        "-H", "Expect:", "-H", "Content-Type: application/octet-stream", write.url() + write.key()))));
                client.updateBulkVolumeStatus(write.key(), "complete", "100", null, null);
                if (!Arrays.equals(cluster.volumeData(6), volume)) {
                    throw new IllegalStateException("curl's write differs");
                }
                cluster.volumeData(6, new byte[0]);
                rows.add(new Row("write", "ferry", volume.length, ferry(provider, Direction.UPLOAD, 6, source)));
                if (!Arrays.equals(cluster.volumeData(6), volume)) {
                    throw new IllegalStateException("Ferry's write differs");
                }
                cluster.volumeData(6, new byte[0]);
            }
        } finally {
            try (var s = Files.list(work)) {
                for (Path p : s.toList()) {
                    Files.deleteIfExists(p);
                }
            }
            Files.deleteIfExists(work);
        }
        print(rows);
        System.out.printf(Locale.ROOT, "load after: %s%n", Files.readString(Path.of("/proc/loadavg")).strip());
    }

    private static double ferry(ElementProvider provider, Direction d, long volume, Path file) throws Exception {
        Map<String, String> o = new LinkedHashMap<>();
        o.put(ElementOptions.VOLUME_ID, Long.toString(volume));
        o.put(ElementOptions.FORMAT, "uncompressed");
        o.put(ElementOptions.FILE, file.toString());
        o.put("pollInterval", "0.05");
        RecordingTransferContext ctx = new RecordingTransferContext(Transfer.create("bench", "element", d, "bench",
                "volume", file.toString(), o, Instant.now()));
        long t0 = System.nanoTime();
        provider.run(ctx);
        double s = (System.nanoTime() - t0) / 1e9;
        if (ctx.current().phase() != TransferPhase.FINISHED_SUCCESS) {
            throw new IllegalStateException("ferry " + d + " ended " + ctx.current().phase());
        }
        return s;
    }

    private static double curl(List<String> args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("curl", "-sS", "--fail", "-k"));
        cmd.addAll(args);
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder(cmd).inheritIO().start();
        if (p.waitFor() != 0) {
            throw new IllegalStateException("curl failed: " + cmd);
        }
        return (System.nanoTime() - t0) / 1e9;
    }

    private static void check(Path file, byte[] expected) throws Exception {
        if (!Arrays.equals(Files.readAllBytes(file), expected)) {
            throw new IllegalStateException(file + " differs from the volume");
        }
    }

    private static void print(List<Row> rows) {
        System.out.println();
        System.out.printf(Locale.ROOT, "%-6s %-9s %9s %9s%n", "case", "tool", "seconds", "MB/s");
        for (Row r : rows) {
            System.out.printf(Locale.ROOT, "%-6s %-9s %9.2f %9.1f%n", r.what(), r.tool(), r.seconds(), r.bytes() / r.seconds() / 1e6);
        }
        System.out.println();
        for (String what : List.of("read", "write")) {
            double curl = median(rows, what, "curl");
            double ferry = median(rows, what, "ferry");
            System.out.printf(Locale.ROOT, "%-6s median: curl %.2f s, ferry %.2f s -> ferry %.2fx curl's speed (target >= 1.0)%n",
                    what, curl, ferry, curl / ferry);
        }
    }

    private static double median(List<Row> rows, String what, String tool) {
        double[] s = rows.stream().filter(r -> r.what().equals(what) && r.tool().startsWith(tool)).mapToDouble(Row::seconds)
                .sorted().toArray();
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }
}
