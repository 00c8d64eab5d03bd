package io.ferry.provider.element;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.ferry.domain.Direction;
import io.ferry.domain.ErrorCode;
import io.ferry.domain.PhaseAction;
import io.ferry.domain.Transfer;
import io.ferry.domain.TransferPhase;
import io.ferry.engine.EngineSettings;
import io.ferry.engine.MemoryJournal;
import io.ferry.engine.ProviderRegistry;
import io.ferry.engine.RetryPolicy;
import io.ferry.engine.TransferEngine;
import io.ferry.engine.TransferEvent;
import io.ferry.engine.TransferListener;
import io.ferry.engine.TransferRequest;
import io.ferry.provider.TransferException;
import io.ferry.provider.TransferStopped;
import io.ferry.provider.io.DataExtents;
import io.ferry.provider.remote.PollLoop;
import io.ferry.provider.remote.RecordingTransferContext;
import io.ferry.provider.remote.TestCertificates;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Jobs started without a script, whose data Ferry moves itself through the node's URL, against the in-repo Element
 * server ({@link FakeElementCluster}: JSON-RPC and the data URL on one server) over pinned TLS on 127.0.0.1. The
 * data URL's request shape is Ferry's documented assumption (docs/element.md, "Moving the data").
 */
class ElementBulkDataAgainstInRepoElementServerTest {
    static TestCertificates certs;

    @TempDir
    Path dir;

    MockWebServer server;
    FakeElementCluster cluster;
    ElementClient client;
    ElementProvider provider;

    @BeforeAll
    static void certificate() throws Exception {
        certs = TestCertificates.shared();
    }

    @BeforeEach
    void start() throws Exception {
        cluster = new FakeElementCluster("12.3", "admin", "s3cret", Set.of(5L, 36L));
        server = new MockWebServer();
        server.useHttps(certs.serverSocketFactory);
        server.setDispatcher(cluster);
        server.start(InetAddress.getByName("127.0.0.1"), 0);
        cluster.serveDataAt("https://127.0.0.1:" + server.getPort() + "/bulk/");
        client = new ElementClient(new ElementProfile("https://127.0.0.1:" + server.getPort(), "12.3", "admin", "s3cret",
                PinnedCertificateTrust.fingerprint(certs.certificate), Duration.ofSeconds(10)));
        provider = new ElementProvider(t -> client, Duration.ofMillis(20));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    /** 3 MiB + 1000 bytes: random data, a 1 MiB zero run in the middle, zeros at the end. */
    static byte[] volume() {
        byte[] b = new byte[3 * 1024 * 1024 + 1000];
        new Random(7).nextBytes(b);
        java.util.Arrays.fill(b, 1 << 20, 2 << 20, (byte) 0);
        java.util.Arrays.fill(b, b.length - 300_000, b.length, (byte) 0);
        return b;
    }

    Map<String, String> options(long volume, Path file) {
        Map<String, String> o = new LinkedHashMap<>();
        o.put(ElementOptions.VOLUME_ID, Long.toString(volume));
        o.put(ElementOptions.FORMAT, "uncompressed");
        o.put(ElementOptions.FILE, file.toString());
        o.put(PollLoop.OPTION_INTERVAL, "0.02");
        return o;
    }

    static Transfer transfer(Direction d, Map<String, String> options) {
        return Transfer.create("t-data", "element", d, "volume", "volume", "file", options, Instant.parse("2026-11-23T12:00:00Z"));
    }

    static List<String> statuses(List<JsonNode> reports) {
        return reports.stream().map(r -> r.path("status").asText()).toList();
    }

    static List<Double> runningPercents(List<JsonNode> reports) {
        return reports.stream().filter(r -> r.path("status").asText().equals("running") && r.has("percentComplete"))
                .map(r -> Double.parseDouble(r.path("percentComplete").asText())).toList();
    }

    String onlyKey() {
        return cluster.calls("UpdateBulkVolumeStatus").getFirst().path("params").path("key").asText();
    }

    @Test
    void aReadDownloadsTheVolumeIdenticallyReportingRisingPercentThenComplete() throws Exception {
        byte[] data = volume();
        cluster.volumeData(5, data);
        Path target = dir.resolve("vol5.raw");
        RecordingTransferContext ctx = new RecordingTransferContext(transfer(Direction.DOWNLOAD, options(5, target)));

        provider.run(ctx);

        assertThat(Files.readAllBytes(target)).isEqualTo(data);
        assertThat(BulkVolumeDataRun.partOf(target)).doesNotExist();
        Transfer t = ctx.current();
        assertThat(t.phase()).isEqualTo(TransferPhase.FINISHED_SUCCESS);
        assertThat(t.bytesDone()).isEqualTo(data.length);
        assertThat(t.bytesTotal()).isEqualTo(data.length);
        assertThat(t.progressPercent()).isEqualTo(100.0);
        assertThat(t.message()).isEqualTo("read " + data.length + " bytes into " + target + " (Ferry)");
        // StartBulkVolumeRead without a script, then the reports the server received, in order
        assertThat(cluster.calls("StartBulkVolumeRead").getFirst().path("params").has("script")).isFalse();
        List<JsonNode> reports = cluster.statusReports(onlyKey());
        assertThat(statuses(reports)).first().isEqualTo("running");
        assertThat(statuses(reports)).last().isEqualTo("complete");
        assertThat(statuses(reports).subList(0, reports.size() - 1)).containsOnly("running");
        assertThat(runningPercents(reports)).hasSizeGreaterThanOrEqualTo(3).isSorted().doesNotHaveDuplicates()
                .startsWith(0.0).allSatisfy(p -> assertThat(p).isLessThan(100));
        assertThat(reports).allSatisfy(r -> {
            if (r.has("percentComplete")) {
                assertThat(r.get("percentComplete").isTextual()).as("percentComplete is sent as a string").isTrue();
            }
        });
        assertThat(reports.getLast().path("percentComplete").asText()).isEqualTo("100");
        assertThat(reports.getLast().path("attributes").path("bytes").asLong()).isEqualTo(data.length);
        assertThat(cluster.dataRequests).containsExactly("GET " + onlyKey() + " " + data.length);
    }

    @Test
    void zeroRunsOfTheVolumeStayHolesInTheDownloadedFile() throws Exception {
        byte[] data = volume();
        cluster.volumeData(5, data);
        Path target = dir.resolve("vol5.raw");
        provider.run(new RecordingTransferContext(transfer(Direction.DOWNLOAD, options(5, target))));

        assertThat(Files.readAllBytes(target)).isEqualTo(data);
        try (DataExtents e = DataExtents.of(target, data.length)) {
            assumeTrue(e.sparseAware(), "SEEK_HOLE is not available here");
            // the 1 MiB zero run in the middle and the zero tail were never written: holes where the file system has them
            assertThat(e.nextHole(0)).isEqualTo(1 << 20);
            assertThat(e.nextData(1 << 20)).isEqualTo(2 << 20);
            assertThat(e.nextHole(2 << 20)).isLessThan(data.length);
        }
    }

    @Test
    void statusReportsAreThrottledToTheConfiguredStepWhileEveryChunkIsCheckpointed() throws Exception {
        byte[] data = volume();
        cluster.volumeData(5, data);
        Map<String, String> o = options(5, dir.resolve("vol5.raw"));
        o.put(ElementOptions.STATUS_STEP, "50");
        o.put(ElementOptions.STATUS_EVERY, "3600");
        RecordingTransferContext ctx = new RecordingTransferContext(transfer(Direction.DOWNLOAD, o));

        provider.run(ctx);

        List<JsonNode> reports = cluster.statusReports(onlyKey());
        assertThat(runningPercents(reports)).hasSize(2).first().isEqualTo(0.0);
        assertThat(runningPercents(reports).getLast()).isBetween(50.0, 99.0);
        assertThat(statuses(reports)).containsExactly("running", "running", "complete");
        assertThat(ctx.checkpointCount()).isGreaterThanOrEqualTo(data.length / BulkVolumeData.CHUNK);
    }

    @Test
    void aWriteUploadsTheFileIntoTheVolumeAndReportsComplete() throws Exception {
        byte[] data = volume();
        Path source = Files.write(dir.resolve("restore.raw"), data);
        RecordingTransferContext ctx = new RecordingTransferContext(transfer(Direction.UPLOAD, options(36, source)));

        provider.run(ctx);

        assertThat(cluster.volumeData(36)).isEqualTo(data);
        assertThat(ctx.current().phase()).isEqualTo(TransferPhase.FINISHED_SUCCESS);
        assertThat(ctx.current().bytesDone()).isEqualTo(data.length);
        assertThat(cluster.calls("StartBulkVolumeWrite")).hasSize(1);
        List<JsonNode> reports = cluster.statusReports(onlyKey());
        assertThat(statuses(reports)).first().isEqualTo("running");
        assertThat(statuses(reports)).last().isEqualTo("complete");
        assertThat(runningPercents(reports)).hasSizeGreaterThanOrEqualTo(3).isSorted().doesNotHaveDuplicates();
        assertThat(cluster.dataRequests).containsExactly("PUT " + onlyKey() + " " + data.length);
        assertThat(source).exists(); // the source is never touched
    }

    @Test
    void aWriteTheNodeRefusesReportsFailedWithTheNodesAnswerAndTouchesNothingBesideTheSource() throws Exception {
        Path source = Files.write(dir.resolve("restore.raw"), volume());
        Path besides = Files.writeString(BulkVolumeDataRun.partOf(source), "the operator's own file");
        cluster.dataFaults.add(new mockwebserver3.MockResponse.Builder().code(507).addHeader("Content-Type", "text/plain")
                .body("volume is full").build());
        RecordingTransferContext ctx = new RecordingTransferContext(transfer(Direction.UPLOAD, options(36, source)));

        assertThatThrownBy(() -> provider.run(ctx)).isInstanceOfSatisfying(TransferException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.fromHttpStatus(507));
            assertThat(e.getMessage()).contains("HTTP 507").contains("volume is full");
        });
        JsonNode last = cluster.statusReports(onlyKey()).getLast();
        assertThat(last.path("status").asText()).isEqualTo("failed");
        assertThat(last.path("message").asText()).contains("HTTP 507").contains("volume is full");
        assertThat(Files.readString(besides)).isEqualTo("the operator's own file");
        assertThat(source).exists();
    }

    @Test
    void theClustersJobListFollowsTheReportsOfAJobWithoutAScript() throws Exception {
        StartedBulkVolumeJob s = client.startBulkVolumeWrite(new BulkVolumeRequest(5, "native", -1, "", "", ""));
        assertThat(client.listBulkVolumeJobs()).singleElement().satisfies(j -> assertThat(j.status()).isEqualTo("preparing"));
        client.updateBulkVolumeStatus(s.key(), "running", "40", null, null);
        assertThat(client.listBulkVolumeJobs()).singleElement().satisfies(j -> {
            assertThat(j.status()).isEqualTo("running");
            assertThat(j.percentComplete()).isEqualTo(40.0);
        });
        assertThat(client.listBulkVolumeJobs()).singleElement().satisfies(j -> assertThat(j.percentComplete()).isEqualTo(40.0));
        client.updateBulkVolumeStatus(s.key(), "complete", "100", "done", null);
        assertThat(client.listBulkVolumeJobs()).singleElement().satisfies(j -> assertThat(j.status()).isEqualTo("complete"));
        assertThat(client.listBulkVolumeJobs()).isEmpty();
        assertThat(client.getAsyncResult(s.asyncHandle()).status()).isEqualTo("complete");
        // once over, the session has no URL any more
        assertThat(client.updateBulkVolumeStatus(s.key(), null, null, null, null).url()).isEmpty();
    }

    @Test
    void aBreakMidTransferThatWillNotBeRetriedReportsFailedAndLeavesNoPartialFile() throws Exception {
        byte[] data = volume();
        cluster.volumeData(5, data);
        cluster.dataFaults.add(FakeElementCluster.breaksAfter(data, 1_500_000));
        Path target = dir.resolve("vol5.raw");
        RecordingTransferContext ctx = new RecordingTransferContext(transfer(Direction.DOWNLOAD, options(5, target)));

        assertThatThrownBy(() -> provider.run(ctx)).isInstanceOfSatisfying(TransferException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.UNAVAILABLE));

        assertThat(target).doesNotExist();
        assertThat(BulkVolumeDataRun.partOf(target)).doesNotExist();
        assertThat(ctx.current().bytesDone()).isGreaterThan(0).isLessThan(data.length);
        JsonNode last = cluster.statusReports(onlyKey()).getLast();
        assertThat(last.path("status").asText()).isEqualTo("failed");
        assertThat(last.path("message").asText()).startsWith("UNAVAILABLE: ").contains("after");
        assertThat(ctx.current().option(ElementOptions.REPORTED, "")).isEqualTo("failed");
    }

    @Test
    void aCancelAtACheckpointReportsFailedCancelledByTheOperatorAndRemovesThePartialFile() throws Exception {
        byte[] data = volume();
        cluster.volumeData(5, data);
        Path target = dir.resolve("vol5.raw");
        RecordingTransferContext ctx = new RecordingTransferContext(transfer(Direction.DOWNLOAD, options(5, target)));
        ctx.stopAfter(2, TransferStopped.Why.CANCEL);

        assertThatThrownBy(() -> provider.run(ctx)).isInstanceOfSatisfying(TransferStopped.class,
                s -> assertThat(s.why()).isEqualTo(TransferStopped.Why.CANCEL));

        assertThat(target).doesNotExist();
        assertThat(BulkVolumeDataRun.partOf(target)).doesNotExist();
        JsonNode last = cluster.statusReports(onlyKey()).getLast();
        assertThat(last.path("status").asText()).isEqualTo("failed");
        assertThat(last.path("message").asText()).isEqualTo("cancelled by the operator");
        // the engine's cleanup afterwards does not report twice
        provider.cleanup(ctx.current());
        assertThat(statuses(cluster.statusReports(onlyKey()))).filteredOn("failed"::equals).hasSize(1);
    }

    @Test
    void anExistingTargetOrAScriptTogetherWithAFileAreRefusedBeforeAnyJobIsStarted() throws Exception {
        Path target = Files.writeString(dir.resolve("exists.raw"), "keep me");
        RecordingTransferContext ctx = new RecordingTransferContext(transfer(Direction.DOWNLOAD, options(5, target)));
        assertThatThrownBy(() -> provider.run(ctx)).isInstanceOfSatisfying(TransferException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.ALREADY_EXISTS);
            assertThat(e.getMessage()).contains("already exists");
        });
        Map<String, String> o = options(5, dir.resolve("new.raw"));
        o.put(ElementOptions.SCRIPT, "bv_internal.py");
        assertThatThrownBy(() -> provider.run(new RecordingTransferContext(transfer(Direction.DOWNLOAD, o))))
                .isInstanceOfSatisfying(TransferException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT));
        assertThat(cluster.calls("StartBulkVolumeRead")).isEmpty();
        assertThat(Files.readString(target)).isEqualTo("keep me");
    }

    // ---- through the real engine: retries by its policy, the breakdown, the operator's cancel ----

    /** Collects events; waits on them with a generous timeout (no sleeps as synchronization). */
    static final class Events implements TransferListener {
        final List<TransferEvent> all = new CopyOnWriteArrayList<>();

        @Override
        public synchronized void onEvent(TransferEvent e) {
            all.add(e);
            notifyAll();
        }

        synchronized Transfer await(Predicate<Transfer> p, String what) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (true) {
                for (TransferEvent e : all) {
                    if (p.test(e.transfer())) {
                        return e.transfer();
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("timed out waiting for " + what + "; last: " + (all.isEmpty() ? "none" : all.getLast()));
                }
                wait(TimeUnit.NANOSECONDS.toMillis(left) + 1);
            }
        }
    }

    TransferEngine engine(int maxAttempts, Events events) {
        TransferEngine e = new TransferEngine(ProviderRegistry.of(provider), new MemoryJournal(), EngineSettings.defaults()
                .withRetry(new RetryPolicy(Duration.ofMillis(20), 2.0, Duration.ofMillis(100), maxAttempts, 0)));
        e.subscribe(events);
        return e;
    }

    @Test
    void throughTheEngineABreakIsRetriedAndTheLastFailureIsReportedWithTheBreakdown() throws Exception {
        byte[] data = volume();
        cluster.volumeData(5, data);
        cluster.dataFaults.add(FakeElementCluster.breaksAfter(data, 1_200_000));
        cluster.dataFaults.add(FakeElementCluster.breaksAfter(data, 2_200_000));
        Path target = dir.resolve("vol5.raw");
        Events events = new Events();
        try (TransferEngine engine = engine(2, events)) {
            Transfer t = engine.submit(new TransferRequest("element", Direction.DOWNLOAD, "volume 5", "volume 5",
                    target.toString(), options(5, target)));
            Transfer end = events.await(x -> x.id().equals(t.id()) && x.phase() == TransferPhase.FINISHED_FAILURE, "finished_failure");

            assertThat(end.errors().count(ErrorCode.UNAVAILABLE)).isEqualTo(2);
            assertThat(end.errors().get(ErrorCode.UNAVAILABLE).orElseThrow().errorLogEntries().getFirst().errorDetails().getFirst())
                    .contains("after");
            assertThat(target).doesNotExist();
            assertThat(BulkVolumeDataRun.partOf(target)).doesNotExist();
            List<JsonNode> reports = cluster.statusReports(onlyKey());
            // attempt 1 leaves the job running (a retry follows), attempt 2 is the last: failed
            assertThat(reports).filteredOn(r -> r.path("message").asText().startsWith("interrupted, Ferry retries"))
                    .singleElement().satisfies(r -> assertThat(r.path("status").asText()).isEqualTo("running"));
            assertThat(reports.getLast().path("status").asText()).isEqualTo("failed");
            assertThat(reports.getLast().path("message").asText()).startsWith("UNAVAILABLE");
            assertThat(cluster.calls("StartBulkVolumeRead")).hasSize(1);
            assertThat(cluster.dataRequests).hasSize(2);
        }
    }

    @Test
    void throughTheEngineOneBreakIsRetriedAndTheSecondAttemptCompletes() throws Exception {
        byte[] data = volume();
        cluster.volumeData(5, data);
        cluster.dataFaults.add(FakeElementCluster.breaksAfter(data, 1_200_000));
        Path target = dir.resolve("vol5.raw");
        Events events = new Events();
        try (TransferEngine engine = engine(3, events)) {
            Transfer t = engine.submit(new TransferRequest("element", Direction.DOWNLOAD, "volume 5", "volume 5",
                    target.toString(), options(5, target)));
            Transfer end = events.await(x -> x.id().equals(t.id()) && x.phase().isFinal(), "a final phase");

            assertThat(end.phase()).as(end.phaseReason()).isEqualTo(TransferPhase.FINISHED_SUCCESS);
            assertThat(Files.readAllBytes(target)).isEqualTo(data);
            assertThat(end.errors().count(ErrorCode.UNAVAILABLE)).isEqualTo(1);
            assertThat(statuses(cluster.statusReports(onlyKey()))).last().isEqualTo("complete");
            assertThat(end.progressPercent()).isEqualTo(100.0);
        }
    }

    @Test
    void throughTheEngineTheOperatorsCancelStopsTheDownloadReportsFailedAndRemovesThePartialFile() throws Exception {
        byte[] data = volume();
        cluster.volumeData(5, data);
        cluster.throttleData(400_000);
        Path target = dir.resolve("vol5.raw");
        Events events = new Events();
        try (TransferEngine engine = engine(3, events)) {
            Transfer t = engine.submit(new TransferRequest("element", Direction.DOWNLOAD, "volume 5", "volume 5",
                    target.toString(), options(5, target)));
            events.await(x -> x.id().equals(t.id()) && x.phase() == TransferPhase.TRANSFERRING && x.bytesDone() > 0,
                    "data moving");

            engine.act(t.id(), PhaseAction.CANCEL);

            Transfer end = events.await(x -> x.id().equals(t.id()) && x.phase() == TransferPhase.FINISHED_CLEANUP, "finished_cleanup");
            assertThat(end.bytesDone()).isLessThan(data.length);
            assertThat(target).doesNotExist();
            assertThat(BulkVolumeDataRun.partOf(target)).doesNotExist();
            List<JsonNode> reports = cluster.statusReports(onlyKey());
            assertThat(reports).filteredOn(r -> r.path("status").asText().equals("failed")).singleElement()
                    .satisfies(r -> assertThat(r.path("message").asText()).isEqualTo("cancelled by the operator"));
            List<String> phases = new ArrayList<>();
            end.history().forEach(h -> phases.add(h.phase().apiName()));
            assertThat(phases).containsSubsequence("transferring", "cancelled_user", "finalizing_cleanup", "finished_cleanup");
        }
    }
}
