package io.ferry.provider.gcs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ferry.domain.Counter;
import io.ferry.domain.Direction;
import io.ferry.domain.ErrorCode;
import io.ferry.domain.PhaseAction;
import io.ferry.domain.PhaseChange;
import io.ferry.domain.Transfer;
import io.ferry.domain.TransferPhase;
import io.ferry.provider.Provider;
import io.ferry.provider.TransferException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * GcsProvider watching operations of the in-repo Storage Transfer server over real HTTP, with a service-account
 * key and the local token endpoint; the test context plays the engine and, at chosen polls, the operator.
 */
class GcsProviderAgainstInRepoServerTest {
    @TempDir
    Path dir;

    FakeStorageTransferServer sts;
    GcsProvider provider;
    Map<String, String> options;

    @BeforeEach
    void start() throws Exception {
        sts = new FakeStorageTransferServer();
        provider = new GcsProvider();
        options = new HashMap<>(Map.of(
                GcsOptions.ENDPOINT, sts.endpoint().toString(),
                GcsOptions.CREDENTIALS, sts.writeServiceAccountKey(dir, "proj").toString(),
                GcsOptions.PROJECT, "proj",
                GcsOptions.POLL_INTERVAL, "2"));
    }

    @AfterEach
    void stop() {
        sts.close();
    }

    Transfer watch(String source) {
        return Transfer.create("t1", "gcs", Direction.WATCH, source, source, "", options, Instant.parse("2026-11-23T12:00:00Z"));
    }

    static Map<String, String> counters(long bytesCopied, long bytesFound, long objectsCopied, long objectsFound) {
        return Map.of("bytesCopiedToSink", Long.toString(bytesCopied), "bytesFoundFromSource", Long.toString(bytesFound),
                "objectsCopiedToSink", Long.toString(objectsCopied), "objectsFoundFromSource", Long.toString(objectsFound));
    }

    @Test
    void fullLifeCycleQueuedProgressPausedResumedSuccess() throws Exception {
        long found = 9_007_199_254_740_993L; // 2^53 + 1 bytes: stays exact all the way
        var op = sts.addOperation("100", "proj", List.of(
                counters(1_000, found, 1, 40),
                counters(4_000_000_000L, found, 10, 40),
                counters(8_000_000_000L, found, 20, 40),
                counters(found, found, 40, 40)));
        var ctx = new RecordingContext(watch(op.name()));
        List<Long> bytesSeen = new java.util.ArrayList<>();
        ctx.onSleep((i, d) -> {
            Transfer t = ctx.current();
            bytesSeen.add(t.bytesDone());
            if (i == 3) { // after QUEUED and two IN_PROGRESS polls: the operator pauses
                assertThat(provider.act(t, PhaseAction.PAUSE)).isEqualTo(Provider.ActionResult.REMOTE);
            }
            if (t.nativeStatus().equals("PAUSED")) {
                assertThatThrownBy(() -> provider.act(t, PhaseAction.PAUSE)).isInstanceOfSatisfying(TransferException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.FAILED_PRECONDITION));
                assertThat(provider.act(t, PhaseAction.RESUME)).isEqualTo(Provider.ActionResult.REMOTE);
            }
        });

        provider.run(ctx);

        assertThat(ctx.nativeStatuses()).containsExactly("QUEUED", "IN_PROGRESS", "SUSPENDING", "PAUSED", "IN_PROGRESS", "SUCCESS");
        Transfer t = ctx.current();
        assertThat(t.history()).extracting(PhaseChange::phase).containsExactly(
                TransferPhase.INITIALIZING, TransferPhase.TRANSFERRING, TransferPhase.PAUSED_USER, TransferPhase.TRANSFERRING,
                TransferPhase.FINISHED_SUCCESS);
        assertThat(bytesSeen).isSorted();
        assertThat(bytesSeen).contains(1_000L, 4_000_000_000L);
        assertThat(t.bytesDone()).isEqualTo(found);
        assertThat(t.bytesTotal()).isEqualTo(found);
        assertThat(t.counters().get(Counter.BYTES_FOUND_FROM_SOURCE)).isEqualTo(found);
        assertThat(t.objectsDone()).isEqualTo(40);
        assertThat(t.objectsTotal()).isEqualTo(40);
        assertThat(t.progressPercent()).isEqualTo(100.0);
        assertThat(t.errors().isEmpty()).isTrue();
        assertThat(t.started()).isEqualTo(Instant.parse("2026-11-23T09:30:00.137253075Z"));
        assertThat(t.ended()).isEqualTo(Instant.parse("2026-11-23T09:40:21.712774025Z"));
        assertThat(t.attributes())
                .containsEntry("transferJobName", "transferJobs/100")
                .containsEntry("projectId", "proj")
                .containsEntry("operationName", op.name())
                .containsEntry("source", "s3://src-bucket/")
                .containsEntry("sink", "gs://dst-bucket/")
                .containsEntry("consoleUrl", "https://console.cloud.google.com/transfer/cloud/jobs?project=proj");
        assertThat(ctx.sleeps()).allMatch(d -> d.equals(Duration.ofSeconds(2)));
        assertThat(sts.apiRequests()).extracting(r -> r.getMethod() + " " + r.getUrl().encodedPath())
                .contains("POST /v1/" + op.name() + ":pause", "POST /v1/" + op.name() + ":resume");
        assertThat(sts.tokensIssued()).isEqualTo(1);
    }

    @Test
    void aFailedRunEndsFinishedFailureWithItsErrorBreakdown() throws Exception {
        var op = sts.addOperation("200", "proj", List.of(counters(10, 30, 1, 3)))
                .failsWith("NOT_FOUND", "2", "https://example.com/gone.flac", "[TRANSIENT FAILURE]: HTTP/1.1 410 Gone");
        var ctx = new RecordingContext(watch(op.name()));

        provider.run(ctx);

        Transfer t = ctx.current();
        assertThat(t.phase()).isEqualTo(TransferPhase.FINISHED_FAILURE);
        assertThat(t.nativeStatus()).isEqualTo("FAILED");
        assertThat(t.phaseReason()).contains("unrecoverable").contains("2 error(s)");
        assertThat(t.errors().count(ErrorCode.NOT_FOUND)).isEqualTo(2);
        assertThat(t.errors().get(ErrorCode.NOT_FOUND).orElseThrow().errorLogEntries()).singleElement().satisfies(e -> {
            assertThat(e.url()).isEqualTo("https://example.com/gone.flac");
            assertThat(e.errorDetails()).containsExactly("[TRANSIENT FAILURE]: HTTP/1.1 410 Gone");
        });
        assertThat(t.bytesDone()).isEqualTo(10);
        assertThat(t.progressPercent()).isCloseTo(33.3, org.assertj.core.data.Offset.offset(0.1));
        assertThat(t.ended()).isNotNull();
    }

    @Test
    void theServicesBreakdownIsReplacedEachPollWhileFerrysOwnErrorsStay() throws Exception {
        var op = sts.addOperation("210", "proj", List.of(counters(1, 9, 1, 9), counters(2, 9, 2, 9), counters(3, 9, 3, 9)))
                .failsWith("NOT_FOUND", "2", "https://example.com/a", "410 Gone");
        var ctx = new RecordingContext(watch(op.name()));
        ctx.onSleep((i, d) -> {
            if (i == 2) { // e.g. an operator action the service refused, recorded by the engine
                ctx.recordError(ErrorCode.FAILED_PRECONDITION, io.ferry.domain.ErrorLogEntry.of("https://api/x:pause", "refused"));
            }
        });

        provider.run(ctx);

        Transfer t = ctx.current();
        assertThat(ctx.observations().stream().filter(o -> o.after().errors().count(ErrorCode.NOT_FOUND) == 2)).hasSizeGreaterThan(2);
        assertThat(t.errors().count(ErrorCode.NOT_FOUND)).isEqualTo(2); // not 2 per poll
        assertThat(t.errors().get(ErrorCode.NOT_FOUND).orElseThrow().errorLogEntries()).hasSize(1);
        assertThat(t.errors().count(ErrorCode.FAILED_PRECONDITION)).isEqualTo(1);
        assertThat(t.errors().totalCount()).isEqualTo(3);

        // a restarted watcher (same transfer, as the journal holds it) keeps both apart as well
        var again = new RecordingContext(t);
        provider.run(again);
        assertThat(again.current().errors()).isEqualTo(t.errors());
    }

    @Test
    void anUnknownStatusIsShownAsUnknownWithTheRawTextAndPollingGoesOn() throws Exception {
        var op = sts.addOperation("300", "proj", List.of(counters(1, 2, 1, 2), counters(2, 2, 2, 2)));
        var ctx = new RecordingContext(watch(op.name()));
        ctx.onSleep((i, d) -> {
            if (i == 2) {
                sts.operation(op.name()).reportOnce("HIBERNATING");
            }
        });

        provider.run(ctx);

        assertThat(ctx.observations()).anySatisfy(o -> {
            assertThat(o.phase()).isEqualTo(TransferPhase.UNKNOWN);
            assertThat(o.nativeStatus()).isEqualTo("HIBERNATING");
            assertThat(o.reason()).contains("unrecognised").contains("HIBERNATING");
        });
        assertThat(ctx.current().phase()).isEqualTo(TransferPhase.FINISHED_SUCCESS);
    }

    @Test
    void malformedJsonAndAnHtmlPageAreBreakdownEntriesWithBackoffThenPollingRecovers() throws Exception {
        var op = sts.addOperation("400", "proj", List.of(counters(1, 2, 1, 2), counters(2, 2, 2, 2)));
        var ctx = new RecordingContext(watch(op.name()));
        ctx.onSleep((i, d) -> {
            if (i == 1) {
                sts.inject(FakeStorageTransferServer.json(200, "{\"name\": \"transferOperations/x\", \"metadata\": {"));
                sts.inject(new MockResponse.Builder().code(502).setHeader("Content-Type", "text/html")
                        .body("<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>").build());
            }
        });

        provider.run(ctx);

        Transfer t = ctx.current();
        assertThat(t.phase()).isEqualTo(TransferPhase.FINISHED_SUCCESS);
        String url = sts.endpoint() + "v1/" + op.name();
        assertThat(t.errors().get(ErrorCode.UNKNOWN).orElseThrow().errorLogEntries()).singleElement().satisfies(e -> {
            assertThat(e.url()).isEqualTo(url);
            assertThat(e.errorDetails().getFirst()).startsWith("malformed JSON");
        });
        assertThat(t.errors().get(ErrorCode.UNAVAILABLE).orElseThrow().errorLogEntries()).singleElement().satisfies(e -> {
            assertThat(e.url()).isEqualTo(url);
            assertThat(e.errorDetails().getFirst()).contains("HTTP 502").contains("502 Bad Gateway");
        });
        // interval 2 s, then backoff 4 s, 8 s while failing, back to 2 s after
        assertThat(ctx.sleeps()).containsSubsequence(Duration.ofSeconds(2), Duration.ofSeconds(4), Duration.ofSeconds(8), Duration.ofSeconds(2));
    }

    @Test
    void aTimeoutIsADeadlineExceededEntryAndPollingGoesOn() throws Exception {
        var op = sts.addOperation("402", "proj", List.of(counters(1, 2, 1, 2)));
        options.put(GcsOptions.TIMEOUT, "0.3");
        var ctx = new RecordingContext(watch(op.name()));
        sts.inject(new MockResponse.Builder().code(200).body("{}").headersDelay(1, java.util.concurrent.TimeUnit.SECONDS).build());

        provider.run(ctx);

        Transfer t = ctx.current();
        assertThat(t.phase()).isEqualTo(TransferPhase.FINISHED_SUCCESS);
        assertThat(t.errors().get(ErrorCode.DEADLINE_EXCEEDED).orElseThrow().errorLogEntries()).singleElement().satisfies(e -> {
            assertThat(e.url()).isEqualTo(sts.endpoint() + "v1/" + op.name());
            assertThat(e.errorDetails().getFirst()).contains("no answer").contains("300 ms");
        });
        assertThat(ctx.sleeps().getFirst()).isEqualTo(Duration.ofSeconds(4));
    }

    @Test
    void persistentFailuresGiveUpWithTheLastErrorAfterTheLimit() {
        var op = sts.addOperation("401", "proj", List.of(counters(1, 2, 1, 2)));
        options.put(GcsOptions.MAX_FAILED_POLLS, "3");
        var ctx = new RecordingContext(watch(op.name()));
        for (int i = 0; i < 5; i++) {
            sts.inject(FakeStorageTransferServer.error(503, "UNAVAILABLE", "The service is currently unavailable."));
        }
        assertThatThrownBy(() -> provider.run(ctx)).isInstanceOfSatisfying(TransferException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.UNAVAILABLE);
            assertThat(e.sample().errorDetails().getFirst()).contains("currently unavailable");
        });
        assertThat(ctx.current().errors().count(ErrorCode.UNAVAILABLE)).isEqualTo(2);
        assertThat(ctx.sleeps()).containsExactly(Duration.ofSeconds(4), Duration.ofSeconds(8));
    }

    @Test
    void permissionDeniedStopsAtOnceWithoutRetrying() {
        var ctx = new RecordingContext(watch("transferOperations/x"));
        sts.inject(FakeStorageTransferServer.error(403, "PERMISSION_DENIED", "The caller does not have permission"));
        assertThatThrownBy(() -> provider.run(ctx)).isInstanceOfSatisfying(TransferException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.PERMISSION_DENIED));
        assertThat(ctx.sleeps()).isEmpty();
    }

    @Test
    void runningAJobFollowsTheNewOperationEvenWhenItIsListedLate() throws Exception {
        sts.addJob("500", "proj");
        sts.hideNewOperationsFor(2);
        options.put(GcsOptions.RUN_JOB, "true");
        var ctx = new RecordingContext(watch("transferJobs/500"));

        provider.run(ctx);

        Transfer t = ctx.current();
        assertThat(sts.runs()).isEqualTo(1);
        assertThat(t.option(GcsOptions.OPERATION, "")).startsWith("transferOperations/transferJobs-500-");
        assertThat(ctx.observations()).first().satisfies(o -> {
            assertThat(o.phase()).isEqualTo(TransferPhase.INITIALIZING);
            assertThat(o.reason()).contains("not listed");
        });
        assertThat(t.phase()).isEqualTo(TransferPhase.FINISHED_SUCCESS);
        assertThat(t.bytesDone()).isEqualTo(3000);

        // a restart follows the remembered operation and never runs the job again
        var again = new RecordingContext(t);
        provider.run(again);
        assertThat(sts.runs()).isEqualTo(1);
    }

    @Test
    void watchingAJobFollowsItsLatestOperation() throws Exception {
        sts.addJob("600", "proj");
        GcsOperation run = new StorageTransferClient(sts.endpoint(), GcsAuth.fixedToken(sts.acceptToken("t")), Duration.ofSeconds(5))
                .runJob("600", "proj");
        var ctx = new RecordingContext(watch("transferJobs/600"));
        provider.run(ctx);
        assertThat(ctx.current().option(GcsOptions.OPERATION, "")).isEqualTo(run.name());
        assertThat(sts.runs()).isEqualTo(1);
    }

    @Test
    void cancelIsForwardedAndTheWatcherEndsCancelledUser() throws Exception {
        var op = sts.addOperation("700", "proj", List.of(counters(1, 9, 1, 9), counters(2, 9, 2, 9), counters(3, 9, 3, 9)));
        var ctx = new RecordingContext(watch(op.name()));
        ctx.onSleep((i, d) -> {
            if (i == 2) {
                assertThat(provider.act(ctx.current(), PhaseAction.CANCEL)).isEqualTo(Provider.ActionResult.REMOTE);
            }
        });
        provider.run(ctx);
        assertThat(ctx.current().phase()).isEqualTo(TransferPhase.CANCELLED_USER);
        assertThat(ctx.current().nativeStatus()).isEqualTo("ABORTED");
        assertThatThrownBy(() -> provider.act(ctx.current(), PhaseAction.CANCEL))
                .isInstanceOfSatisfying(TransferException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.FAILED_PRECONDITION);
                    assertThat(e.getMessage()).contains("already ended");
                });
    }

    @Test
    void finalizeAndExtendDoNotExistAndResumeNeedsPaused() {
        Transfer t = watch("transferOperations/x").withNativeStatus("IN_PROGRESS");
        assertThatThrownBy(() -> provider.act(t, PhaseAction.FINALIZE)).hasMessageContaining("no finalize action");
        assertThatThrownBy(() -> provider.act(t, PhaseAction.EXTEND)).hasMessageContaining("no extend action");
        assertThatThrownBy(() -> provider.act(t, PhaseAction.RESUME)).hasMessageContaining("only while the operation is PAUSED")
                .hasMessageContaining("IN_PROGRESS");
        assertThat(sts.apiRequests()).isEmpty();
    }

    @Test
    void aBadPollIntervalOptionIsAClearMessage() {
        options.put(GcsOptions.POLL_INTERVAL, "often");
        var ctx = new RecordingContext(watch("transferOperations/x"));
        assertThatThrownBy(() -> provider.run(ctx)).isInstanceOfSatisfying(TransferException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
            assertThat(e.getMessage()).contains("gcs.pollInterval").contains("often");
        });
        assertThat(sts.apiRequests()).isEmpty();
    }

    @Test
    void recentOperationsForTheWatchPickerAreNewestFirst() throws Exception {
        var older = sts.addOperation("801", "proj", List.of());
        var newer = sts.addOperation("802", "proj", List.of());
        assertThat(provider.recentOperations(options, 10)).extracting(GcsOperation::name).containsExactly(newer.name(), older.name());
        options.remove(GcsOptions.PROJECT);
        assertThatThrownBy(() -> provider.recentOperations(options, 10)).isInstanceOfSatisfying(TransferException.class,
                e -> assertThat(e.getMessage()).contains("project id is required"));
    }
}
