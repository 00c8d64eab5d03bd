package io.ferry.provider.element;

import static io.ferry.provider.element.FakeElementCluster.frames;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ferry.domain.Direction;
import io.ferry.domain.ErrorCode;
import io.ferry.domain.PhaseAction;
import io.ferry.domain.Transfer;
import io.ferry.domain.TransferPhase;
import io.ferry.provider.Provider;
import io.ferry.provider.TransferException;
import io.ferry.provider.TransferStopped;
import io.ferry.provider.element.FakeElementCluster.Frame;
import io.ferry.provider.remote.RecordingTransferContext;
import io.ferry.provider.remote.TestCertificates;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The element provider against the in-repo Element cluster ({@link FakeElementCluster}, following the documented
 * JSON-RPC API) over real TLS on 127.0.0.1 with the test certificate pinned by fingerprint.
 */
class ElementProviderAgainstInRepoClusterTest {
    static TestCertificates certs;
    MockWebServer server;
    FakeElementCluster cluster;
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
        ElementProfile profile = new ElementProfile("https://127.0.0.1:" + server.getPort(), "12.3", "admin", "s3cret",
                PinnedCertificateTrust.fingerprint(certs.certificate), Duration.ofSeconds(5));
        ElementClient client = new ElementClient(profile);
        provider = new ElementProvider(t -> client, Duration.ofSeconds(2));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    static Transfer transfer(Direction d, Map<String, String> options) {
        return Transfer.create("t-1", "element", d, "volume 5", "volume 5", "s3://backups", options,
                Instant.parse("2026-11-23T12:00:00Z"));
    }

    static Map<String, String> readOptions() {
        Map<String, String> o = new LinkedHashMap<>();
        o.put(ElementOptions.VOLUME_ID, "5");
        o.put(ElementOptions.FORMAT, "native");
        o.put(ElementOptions.SCRIPT, "bv_internal.py");
        o.put(ElementOptions.SCRIPT_PARAMETERS, "{\"write\": {\"awsSecretAccessKey\": \"hunter2\", \"bucket\": \"b\"}}");
        return o;
    }

    @Test
    void aReadFerryStartsGoesFromPreparingThroughRisingPercentToComplete() throws Exception {
        cluster.scriptNextJob(frames(new Frame("preparing", 0, 0, 600), new Frame("running", 10, 60, 540),
                new Frame("active", 55, 330, 270), new Frame("running", 90, 540, 60)), FakeElementCluster.success());
        RecordingTransferContext ctx = new RecordingTransferContext(transfer(Direction.DOWNLOAD, readOptions()));

        provider.run(ctx);

        assertThat(ctx.phases()).containsExactly(TransferPhase.INITIALIZING, TransferPhase.TRANSFERRING,
                TransferPhase.TRANSFERRING, TransferPhase.TRANSFERRING, TransferPhase.FINISHED_SUCCESS);
        assertThat(ctx.percents()).containsExactly(0.0, 10.0, 55.0, 90.0, 100.0);
        assertThat(ctx.observations).extracting(RecordingTransferContext.Observation::nativeStatus)
                .containsExactly("preparing", "running", "active", "running", "complete");
        Transfer t = ctx.current();
        assertThat(t.phase()).isEqualTo(TransferPhase.FINISHED_SUCCESS);
        assertThat(t.message()).isEqualTo("Bulk volume job succeeded");
        assertThat(t.attributes()).containsKeys("key", "url", "asyncHandle").containsEntry("type", "read")
                .containsEntry("remainingTime", "60");
        assertThat(t.errors().isEmpty()).isTrue();
        // the job is remembered (a restart follows it, never starts a second one) and the S3 secret is not kept
        assertThat(t.option(ElementOptions.KEY, "")).isNotEmpty();
        assertThat(t.options().get(ElementOptions.SCRIPT_PARAMETERS)).doesNotContain("hunter2");
        assertThat(cluster.calls("StartBulkVolumeRead")).hasSize(1);
        assertThat(cluster.calls("StartBulkVolumeRead").getFirst().path("params").path("scriptParameters")
                .path("write").path("awsSecretAccessKey").asText()).isEqualTo("hunter2");
        // polled at the default interval, and GetAsyncResult never destroyed the result
        assertThat(ctx.sleeps).containsOnly(Duration.ofSeconds(2));
        assertThat(cluster.calls("GetAsyncResult")).isNotEmpty()
                .allSatisfy(c -> assertThat(c.path("params").path("keepResult").asBoolean(false)).isTrue());
    }

    @Test
    void aRestartedTransferFollowsTheJobItAlreadyStarted() throws Exception {
        cluster.scriptNextJob(frames(new Frame("running", 40, 1, 1)), FakeElementCluster.success());
        RecordingTransferContext first = new RecordingTransferContext(transfer(Direction.DOWNLOAD, readOptions()));
        first.stopAfter(0);
        assertThatThrownBy(() -> provider.run(first)).isInstanceOf(TransferStopped.class);
        RecordingTransferContext again = new RecordingTransferContext(first.current());
        provider.run(again);
        assertThat(cluster.calls("StartBulkVolumeRead")).hasSize(1);
        assertThat(again.current().phase()).isEqualTo(TransferPhase.FINISHED_SUCCESS);
    }

    @Test
    void aFailedWriteEndsInFinishedFailureWithTheClustersErrorInTheBreakdown() throws Exception {
        cluster.scriptNextJob(frames(new Frame("preparing", 0, 0, 0), new Frame("running", 20, 5, 20)),
                FakeElementCluster.failure("xBulkVolumeScriptFailure", "Bulk volume job failed"));
        Map<String, String> o = readOptions();
        o.put(ElementOptions.VOLUME_ID, "36");
        RecordingTransferContext ctx = new RecordingTransferContext(transfer(Direction.UPLOAD, o));

        provider.run(ctx);

        assertThat(cluster.calls("StartBulkVolumeWrite")).hasSize(1);
        assertThat(ctx.phases()).containsExactly(TransferPhase.INITIALIZING, TransferPhase.TRANSFERRING,
                TransferPhase.FINISHED_FAILURE);
        Transfer t = ctx.current();
        assertThat(t.message()).isEqualTo("Bulk volume job failed");
        assertThat(t.errors().count(ErrorCode.ABORTED)).isEqualTo(1);
        assertThat(t.errors().get(ErrorCode.ABORTED).orElseThrow().errorLogEntries().getFirst().errorDetails())
                .contains("Bulk volume job failed", "name: xBulkVolumeScriptFailure");
        assertThat(t.phaseReason()).contains("xBulkVolumeScriptFailure");
    }

    @Test
    void startingOnAVolumeThatDoesNotExistFailsWithNotFoundAndTheClustersMessage() {
        Map<String, String> o = readOptions();
        o.put(ElementOptions.VOLUME_ID, "77");
        RecordingTransferContext ctx = new RecordingTransferContext(transfer(Direction.DOWNLOAD, o));
        assertThatThrownBy(() -> provider.run(ctx)).isInstanceOfSatisfying(ElementRpcException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND);
            assertThat(e.name()).isEqualTo("xVolumeIDDoesNotExist");
            assertThat(e.sample().errorDetails().getFirst()).isEqualTo("VolumeID 77 does not exist.");
        });
    }

    @Test
    void aWatchedJobListedAsFailedEndsInFailureWithoutAnAsyncHandle() throws Exception {
        cluster.addJob("feedface", "read", 5, frames(new Frame("running", 30, 1, 1), new Frame("failed", 30, 2, 0)),
                FakeElementCluster.failure("xBulkVolumeScriptFailure", "S3 refused"));
        RecordingTransferContext ctx = new RecordingTransferContext(transfer(Direction.WATCH, Map.of(ElementOptions.KEY, "feedface")));
        provider.run(ctx);
        assertThat(ctx.phases()).containsExactly(TransferPhase.TRANSFERRING, TransferPhase.FINISHED_FAILURE);
        assertThat(ctx.current().nativeStatus()).isEqualTo("failed");
        assertThat(ctx.current().errors().totalCount()).isEqualTo(1);
    }

    @Test
    void aJobListedAsFailedTakesTheClustersErrorFromGetAsyncResultWhenTheHandleIsKnown() throws Exception {
        FakeElementCluster.Job j = cluster.addJob("beef", "read", 5, frames(new Frame("failed", 30, 2, 0)),
                FakeElementCluster.failure("xBulkVolumeScriptFailure", "S3 endpoint refused the upload"));
        RecordingTransferContext ctx = new RecordingTransferContext(transfer(Direction.WATCH,
                Map.of(ElementOptions.KEY, "beef", ElementOptions.ASYNC_HANDLE, Long.toString(j.handle))));
        provider.run(ctx);
        Transfer t = ctx.current();
        assertThat(t.phase()).isEqualTo(TransferPhase.FINISHED_FAILURE);
        assertThat(t.nativeStatus()).isEqualTo("failed");
        assertThat(t.message()).isEqualTo("S3 endpoint refused the upload");
        assertThat(t.errors().get(ErrorCode.ABORTED).orElseThrow().errorLogEntries().getFirst().errorDetails())
                .containsExactly("S3 endpoint refused the upload", "name: xBulkVolumeScriptFailure", "asyncHandle: " + j.handle);
    }

    @Test
    void anUnknownStatusIsShownAsUnknownWithTheRawTextAndPollingContinues() throws Exception {
        cluster.addJob("c0ffee", "write", 5, frames(new Frame("throttled", 12, 1, 1), new Frame("done", 100, 2, 0)),
                FakeElementCluster.success());
        RecordingTransferContext ctx = new RecordingTransferContext(transfer(Direction.WATCH, Map.of(ElementOptions.KEY, "c0ffee")));
        provider.run(ctx);
        assertThat(ctx.observations.getFirst().phase()).isEqualTo(TransferPhase.UNKNOWN);
        assertThat(ctx.observations.getFirst().nativeStatus()).isEqualTo("throttled");
        assertThat(ctx.observations.getFirst().reason()).contains("unrecognised").contains("throttled");
        assertThat(ctx.phases().getLast()).isEqualTo(TransferPhase.FINISHED_SUCCESS);
    }

    @Test
    void aJobGoneFromTheListWhoseHandleTheClusterForgotIsUnknownNotSuccess() throws Exception {
        RecordingTransferContext ctx = new RecordingTransferContext(transfer(Direction.WATCH,
                Map.of(ElementOptions.KEY, "nope", ElementOptions.ASYNC_HANDLE, "9999")));
        provider.run(ctx);
        assertThat(ctx.current().phase()).isEqualTo(TransferPhase.UNKNOWN);
        assertThat(ctx.current().phaseReason()).contains("no longer tracked by the cluster");
        assertThat(ctx.current().errors().count(ErrorCode.NOT_FOUND)).isEqualTo(1);
    }

    @Test
    void transientFailuresAreRecordedAndBackedOffThenPollingRecovers() throws Exception {
        cluster.addJob("abc", "read", 5, frames(new Frame("running", 50, 1, 1), new Frame("done", 100, 2, 0)),
                FakeElementCluster.success());
        cluster.faults.add(new MockResponse.Builder().code(503).addHeader("Content-Type", "text/html")
                .body("<html><title>503 Service Unavailable</title></html>").build());
        cluster.faults.add(FakeElementCluster.json(200, "{\"id\": 1, \"result\": {\"bulkVolumeJobs\": [ {\"key\": "));
        RecordingTransferContext ctx = new RecordingTransferContext(transfer(Direction.WATCH,
                Map.of(ElementOptions.KEY, "abc", "pollInterval", "1")));
        provider.run(ctx);
        Transfer t = ctx.current();
        assertThat(t.phase()).isEqualTo(TransferPhase.FINISHED_SUCCESS);
        assertThat(t.errors().count(ErrorCode.UNAVAILABLE)).isEqualTo(1);
        assertThat(t.errors().count(ErrorCode.UNKNOWN)).isEqualTo(1);
        assertThat(t.errors().get(ErrorCode.UNAVAILABLE).orElseThrow().errorLogEntries().getFirst().errorDetails().getFirst())
                .contains("HTML page").contains("503 Service Unavailable");
        assertThat(t.errors().get(ErrorCode.UNKNOWN).orElseThrow().errorLogEntries().getFirst().errorDetails().getFirst())
                .contains("malformed JSON");
        assertThat(ctx.sleeps.subList(0, 2)).containsExactly(Duration.ofSeconds(2), Duration.ofSeconds(4));
    }

    @Test
    void badCredentialsStopAtOnceWithUnauthenticated() {
        ElementClient wrong = new ElementClient(new ElementProfile("https://127.0.0.1:" + server.getPort(), "12.3",
                "admin", "wrong", PinnedCertificateTrust.fingerprint(certs.certificate), Duration.ofSeconds(5)));
        Provider p = new ElementProvider(t -> wrong, Duration.ofSeconds(1));
        RecordingTransferContext ctx = new RecordingTransferContext(transfer(Direction.WATCH, Map.of(ElementOptions.KEY, "k")));
        assertThatThrownBy(() -> p.run(ctx)).isInstanceOfSatisfying(TransferException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.UNAUTHENTICATED));
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void cancelMarksTheJobFailedOnTheClusterAndPauseIsRefusedWithTheReason() throws Exception {
        cluster.addJob("k1", "read", 5, frames(new Frame("running", 10, 1, 1), new Frame("running", 20, 1, 1)),
                FakeElementCluster.success());
        Transfer t = transfer(Direction.WATCH, Map.of(ElementOptions.KEY, "k1"));
        assertThatThrownBy(() -> provider.act(t, PhaseAction.PAUSE)).isInstanceOfSatisfying(TransferException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.FAILED_PRECONDITION);
            assertThat(e.getMessage()).contains("cannot be paused");
        });
        assertThat(provider.act(t, PhaseAction.CANCEL)).isEqualTo(Provider.ActionResult.REMOTE);
        assertThat(cluster.calls("UpdateBulkVolumeStatus")).singleElement()
                .satisfies(c -> assertThat(c.path("params").path("status").asText()).isEqualTo("failed"));
        RecordingTransferContext ctx = new RecordingTransferContext(t);
        provider.run(ctx);
        assertThat(ctx.current().phase()).isEqualTo(TransferPhase.FINISHED_FAILURE);
    }

    @Test
    void watchingWithoutKeyOrHandleIsABadRequestNamingTheOptions() {
        RecordingTransferContext ctx = new RecordingTransferContext(transfer(Direction.WATCH, Map.of()));
        assertThatThrownBy(() -> provider.run(ctx)).isInstanceOfSatisfying(TransferException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
            assertThat(e.getMessage()).contains(ElementOptions.KEY);
        });
    }
}
