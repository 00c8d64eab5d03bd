package io.ferry.provider.element;

import static io.ferry.provider.element.FakeElementCluster.frames;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ferry.domain.Direction;
import io.ferry.domain.ErrorCode;
import io.ferry.domain.PhaseChange;
import io.ferry.domain.Transfer;
import io.ferry.domain.TransferPhase;
import io.ferry.engine.EngineSettings;
import io.ferry.engine.MemoryJournal;
import io.ferry.engine.ProviderRegistry;
import io.ferry.engine.RetryPolicy;
import io.ferry.engine.TransferEngine;
import io.ferry.engine.TransferRequest;
import io.ferry.provider.element.FakeElementCluster.Frame;
import io.ferry.provider.remote.PollLoop;
import io.ferry.provider.remote.TestCertificates;
import io.ferry.testing.EngineEvents;
import io.ferry.testing.FaultProxy;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 7 §2 follow-up for Element: a StartBulkVolumeRead whose answer is lost (stalled, cut, reset) is resolved by
 * Ferry itself. The element provider runs in the real TransferEngine (3 attempts) and reaches the in-repo cluster
 * ({@link FakeElementCluster}) through {@link FaultProxy} (TLS with the pinned test certificate). Ferry keeps a
 * marker in the store before the start is sent and sends it in the job's {@code attributes}; after a lost answer
 * (or a restart) it looks for that marker with ListBulkVolumeJobs: found → the job is followed, not found → the
 * start is sent again with the same marker. Never two jobs on the cluster.
 */
class ElementLostStartAnswerThroughTransferEngineAgainstInRepoClusterTest {
    private static final RetryPolicy SHORT = new RetryPolicy(Duration.ofMillis(20), 2.0, Duration.ofMillis(200), 3, 0);
    private static final Predicate<FaultProxy.Request> RPC = r -> r.method().equals("POST") && r.target().startsWith("/json-rpc/");

    static TestCertificates certs;

    @TempDir
    Path dir;

    MockWebServer server;
    FakeElementCluster cluster;
    FaultProxy proxy;
    ElementClient client;
    MemoryJournal journal;
    TransferEngine engine;
    final EngineEvents events = new EngineEvents();

    @BeforeAll
    static void certificate() throws Exception {
        certs = TestCertificates.shared();
    }

    @BeforeEach
    void start() throws Exception {
        cluster = new FakeElementCluster("12.3", "admin", "s3cret", Set.of(5L));
        server = new MockWebServer();
        server.setDispatcher(cluster);
        server.start(InetAddress.getByName("127.0.0.1"), 0);
        proxy = new FaultProxy(server.getPort(), certs.serverSocketFactory);
        cluster.serveDataAt("https://127.0.0.1:" + proxy.port() + "/bulk/");
        client = new ElementClient(new ElementProfile("https://127.0.0.1:" + proxy.port(), "12.3", "admin", "s3cret",
                PinnedCertificateTrust.fingerprint(certs.certificate), Duration.ofSeconds(1)));
        journal = new MemoryJournal();
    }

    private TransferEngine engine() {
        engine = new TransferEngine(ProviderRegistry.of(new ElementProvider(t -> client, Duration.ofMillis(20))), journal,
                EngineSettings.defaults().withRetry(SHORT));
        engine.subscribe(events);
        return engine;
    }

    @AfterEach
    void stop() {
        if (engine != null) {
            engine.close();
        }
        proxy.close();
        server.close();
    }

    private static Map<String, String> readOptions() {
        Map<String, String> o = new HashMap<>();
        o.put(PollLoop.OPTION_INTERVAL, "0.02");
        o.put(PollLoop.OPTION_MAX_FAILURES, "3");
        o.put(ElementOptions.VOLUME_ID, "5");
        o.put(ElementOptions.FORMAT, "native");
        o.put(ElementOptions.SCRIPT, "bv_internal.py");
        o.put(ElementOptions.ATTRIBUTES, "{\"ticket\":\"CHG-1\"}");
        return o;
    }

    /** A scripted read (backup to S3) started through the engine; what the proxy does to the start is armed first. */
    private Transfer read() {
        cluster.scriptNextJob(frames(new Frame("running", 50, 1, 1)), FakeElementCluster.success());
        Transfer t = engine().submit(new TransferRequest("element", Direction.DOWNLOAD, "volume 5", "volume 5", "s3://b", readOptions()));
        return events.awaitFinal(t.id());
    }

    /** The marker the transfer had in the store when the start reached the cluster. */
    private AtomicReference<String> markerStoredAtStart() {
        AtomicReference<String> stored = new AtomicReference<>("(start never reached the cluster)");
        cluster.onStart = () -> stored.set(journal.loadAll().stream()
                .map(x -> x.options().getOrDefault(ElementOptions.REQUEST, "(none)")).findFirst().orElse("(no transfer stored)"));
        return stored;
    }

    private ObjectNode onlyStart() {
        List<ObjectNode> starts = cluster.calls("StartBulkVolumeRead");
        assertThat(starts).as("one StartBulkVolumeRead reached the cluster").hasSize(1);
        assertThat(cluster.jobCount()).as("one bulk volume job on the cluster").isEqualTo(1);
        return starts.getFirst();
    }

    private static String samples(Transfer t, ErrorCode code) {
        return String.join(" | ", t.errors().get(code).orElseThrow().errorLogEntries().stream()
                .flatMap(e -> e.errorDetails().stream()).toList());
    }

    @Test
    void aStartWhoseAnswerNeverComesIsFoundByItsMarkerAndFollowedToItsEnd() {
        AtomicReference<String> storedAtStart = markerStoredAtStart();
        proxy.inject(FaultProxy.stall(Duration.ofSeconds(20)), 1, RPC);

        Transfer done = read();

        assertThat(proxy.injected(FaultProxy.Stall.class)).isEqualTo(1);
        String marker = done.option(ElementOptions.REQUEST, "");
        assertThat(marker).isNotBlank();
        ObjectNode start = onlyStart();
        assertThat(start.path("params").path("attributes").path(ElementOptions.MARKER_ATTRIBUTE).asText()).isEqualTo(marker);
        assertThat(start.path("params").path("attributes").path("ticket").asText())
                .as("the operator's own attributes are kept beside the marker").isEqualTo("CHG-1");
        assertThat(storedAtStart.get()).as("the marker was in the store before the start left").isEqualTo(marker);
        assertThat(done.phase()).as(done.phaseReason() + " " + done.errors()).isEqualTo(TransferPhase.FINISHED_SUCCESS);
        assertThat(done.option(ElementOptions.KEY, "")).as("the job's key, from ListBulkVolumeJobs").isNotBlank();
        assertThat(done.attributes().get("foundBy")).contains("marker", "no answer");
        assertThat(done.errors().count(ErrorCode.DEADLINE_EXCEEDED)).isEqualTo(1);
        assertThat(samples(done, ErrorCode.DEADLINE_EXCEEDED)).contains("StartBulkVolumeRead for volume 5 got no answer",
                "found its job " + done.option(ElementOptions.KEY, ""));
        assertThat(done.errors().get(ErrorCode.UNKNOWN)).as("no 'may have started' left for the operator").isEmpty();
        assertThat(done.history()).extracting(PhaseChange::phase).doesNotContain(TransferPhase.UNKNOWN);
    }

    @Test
    void aStartWhoseAnswerIsCutOffIsFoundByItsMarker() {
        proxy.inject(FaultProxy.truncate(), 1, RPC);

        Transfer done = read();

        assertThat(proxy.injected(FaultProxy.Truncate.class)).isEqualTo(1);
        onlyStart();
        assertThat(done.phase()).as(done.phaseReason() + " " + done.errors()).isEqualTo(TransferPhase.FINISHED_SUCCESS);
        assertThat(done.attributes().get("foundBy")).contains("marker");
    }

    @Test
    void aStartResetBeforeItReachedTheClusterIsNotFoundAndIsStartedOnceWithTheSameMarker() {
        AtomicReference<String> storedAtStart = markerStoredAtStart();
        proxy.inject(FaultProxy.reset(), 1, RPC); // the proxy resets at the request head: nothing reaches the cluster

        Transfer done = read();

        assertThat(proxy.injected(FaultProxy.Reset.class)).isEqualTo(1);
        ObjectNode start = onlyStart();
        String marker = done.option(ElementOptions.REQUEST, "");
        assertThat(start.path("params").path("attributes").path(ElementOptions.MARKER_ATTRIBUTE).asText())
                .as("the retried start carries the first attempt's marker").isEqualTo(marker);
        assertThat(storedAtStart.get()).isEqualTo(marker);
        assertThat(done.phase()).as(done.phaseReason() + " " + done.errors()).isEqualTo(TransferPhase.FINISHED_SUCCESS);
        assertThat(done.message()).isEqualTo("Bulk volume job succeeded"); // the start answered: the async handle is known
        assertThat(done.attributes()).doesNotContainKey("foundBy");
        assertThat(done.errors().count(ErrorCode.UNAVAILABLE)).isEqualTo(1);
        assertThat(samples(done, ErrorCode.UNAVAILABLE)).contains("no bulk volume job carries Ferry's marker", "did not start");
        // lookups: one after the lost answer, one at the retry before starting again
        assertThat(cluster.calls("ListBulkVolumeJobs").size()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void aLookupThatFailsTooIsRetriedAndTheNextAttemptLooksAgainBeforeStartingAnything() {
        proxy.inject(FaultProxy.stall(Duration.ofSeconds(20)), 1, RPC); // the start: its answer is lost
        proxy.inject(FaultProxy.status(503, "text/html", "<html><head><title>503</title></head></html>"), 1, RPC); // the lookup

        Transfer done = read();

        onlyStart();
        assertThat(done.phase()).as(done.phaseReason() + " " + done.errors()).isEqualTo(TransferPhase.FINISHED_SUCCESS);
        assertThat(samples(done, ErrorCode.UNAVAILABLE)).contains("StartBulkVolumeRead for volume 5 got no answer",
                "looking for its job failed too", "look for marker", "the next attempt does");
        assertThat(done.attributes().get("foundBy")).contains("earlier StartBulkVolumeRead");
    }

    @Test
    void aJobWhoseDataFerryMovesIsFoundAfterALostAnswerAndItsDataMoved() throws Exception {
        byte[] volume = new byte[3 * 1024 * 1024 + 123];
        new Random(7).nextBytes(volume);
        cluster.volumeData(5, volume);
        Path target = dir.resolve("vol5.raw");
        Map<String, String> o = readOptions();
        o.remove(ElementOptions.SCRIPT);
        o.put(ElementOptions.FORMAT, "uncompressed");
        o.put(ElementOptions.FILE, target.toString());
        proxy.inject(FaultProxy.stall(Duration.ofSeconds(20)), 1, RPC);

        Transfer t = engine().submit(new TransferRequest("element", Direction.DOWNLOAD, "volume 5", "volume 5", target.toString(), o));
        Transfer done = events.awaitFinal(t.id());

        onlyStart();
        assertThat(done.phase()).as(done.phaseReason() + " " + done.errors()).isEqualTo(TransferPhase.FINISHED_SUCCESS);
        assertThat(Files.readAllBytes(target)).as("the volume's bytes, through the url the running report gave").isEqualTo(volume);
        assertThat(done.attributes().get("foundBy")).contains("marker");
        assertThat(cluster.statusReports(done.option(ElementOptions.KEY, "")).stream().map(r -> r.path("status").asText()))
                .startsWith("running").contains("complete");
    }

    @Test
    void aRestartAfterACrashBetweenSendingTheStartAndStoringItsAnswerFollowsTheJobItStarted() throws Exception {
        // What a Ferry killed while the start was on the wire leaves: the transfer in initializing with its marker
        // and no key in the store, and on the cluster the job that start created.
        String marker = "4c0f6a55-9a3b-4d0e-8f7e-1d2c3b4a5f60";
        cluster.scriptNextJob(frames(new Frame("running", 40, 1, 2), new Frame("running", 80, 2, 1)), FakeElementCluster.success());
        client.startBulkVolumeRead(new BulkVolumeRequest(5, "native", -1, "bv_internal.py", "",
                "{\"" + ElementOptions.MARKER_ATTRIBUTE + "\":\"" + marker + "\"}"));
        Map<String, String> o = readOptions();
        o.put(ElementOptions.REQUEST, marker);
        journal.save(Transfer.create("t-crashed", "element", Direction.DOWNLOAD, "volume 5", "volume 5", "s3://b", o,
                Instant.now()));

        engine(); // restores the transfer and runs it
        Transfer done = events.awaitFinal("t-crashed");

        onlyStart(); // the one the killed Ferry sent
        assertThat(done.phase()).as(done.phaseReason() + " " + done.errors()).isEqualTo(TransferPhase.FINISHED_SUCCESS);
        assertThat(done.attributes().get("foundBy")).contains("marker", "earlier StartBulkVolumeRead");
        assertThat(done.history()).extracting(PhaseChange::phase).contains(TransferPhase.TRANSFERRING);
    }

    @Test
    void aRestartWhoseStartNeverReachedTheClusterStartsItOnceWithTheStoredMarker() {
        String marker = "0d9e8f7a-6b5c-4d3e-2f1a-0b9c8d7e6f5a";
        cluster.scriptNextJob(frames(new Frame("running", 50, 1, 1)), FakeElementCluster.success());
        Map<String, String> o = readOptions();
        o.put(ElementOptions.REQUEST, marker);
        journal.save(Transfer.create("t-crashed", "element", Direction.DOWNLOAD, "volume 5", "volume 5", "s3://b", o,
                Instant.now()));

        engine();
        Transfer done = events.awaitFinal("t-crashed");

        ObjectNode start = onlyStart();
        assertThat(start.path("params").path("attributes").path(ElementOptions.MARKER_ATTRIBUTE).asText()).isEqualTo(marker);
        assertThat(done.phase()).as(done.phaseReason() + " " + done.errors()).isEqualTo(TransferPhase.FINISHED_SUCCESS);
        assertThat(done.message()).isEqualTo("Bulk volume job succeeded");
    }
}
