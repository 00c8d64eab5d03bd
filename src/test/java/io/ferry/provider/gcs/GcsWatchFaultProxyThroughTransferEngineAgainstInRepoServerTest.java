package io.ferry.provider.gcs;

import static org.assertj.core.api.Assertions.assertThat;

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
import io.ferry.testing.FaultProxy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Storage Transfer watch (GcsProvider run by the real TransferEngine with a short retry policy) through
 * {@link FaultProxy} to the in-repo Storage Transfer server, one test per fault kind. A watch that ends
 * finished_success reports the operation's real final counters; one that fails names the right code.
 */
class GcsWatchFaultProxyThroughTransferEngineAgainstInRepoServerTest {
    private static final RetryPolicy SHORT = new RetryPolicy(Duration.ofMillis(20), 2.0, Duration.ofMillis(200), 3, 0);
    private static final Predicate<FaultProxy.Request> POLL = r -> r.method().equals("GET")
            && r.target().contains("/v1/transferOperations/");
    private static final String UNAVAILABLE_BODY = """
            {"error": {"code": 503, "message": "The service is currently unavailable.", "status": "UNAVAILABLE"}}""";
    private static final String DENIED_BODY = """
            {"error": {"code": 403, "message": "The caller does not have permission", "status": "PERMISSION_DENIED"}}""";

    @TempDir
    Path dir;

    FakeStorageTransferServer sts;
    FaultProxy proxy;
    TransferEngine engine;
    final GcsProviderThroughTransferEngineAgainstInRepoServerTest.Events events =
            new GcsProviderThroughTransferEngineAgainstInRepoServerTest.Events();
    Map<String, String> options;

    @BeforeEach
    void start() throws Exception {
        sts = new FakeStorageTransferServer();
        proxy = new FaultProxy(sts.endpoint().port());
        options = new HashMap<>(Map.of(
                GcsOptions.ENDPOINT, sts.endpoint().newBuilder().port(proxy.port()).build().toString(),
                GcsOptions.CREDENTIALS, sts.writeServiceAccountKey(dir, "proj").toString(),
                GcsOptions.PROJECT, "proj",
                GcsOptions.POLL_INTERVAL, "0.02",
                GcsOptions.MAX_BACKOFF, "0.1",
                GcsOptions.MAX_FAILED_POLLS, "3",
                GcsOptions.TIMEOUT, "1"));
        engine = new TransferEngine(ProviderRegistry.of(new GcsProvider()), new MemoryJournal(),
                EngineSettings.defaults().withRetry(SHORT));
        engine.subscribe(events);
    }

    @AfterEach
    void stop() {
        engine.close();
        proxy.close();
        sts.close();
    }

    private Transfer watch(String jobId) {
        var op = sts.addOperation(jobId, "proj", List.of(
                GcsProviderThroughTransferEngineAgainstInRepoServerTest.counters(100, 1000),
                GcsProviderThroughTransferEngineAgainstInRepoServerTest.counters(600, 1000),
                GcsProviderThroughTransferEngineAgainstInRepoServerTest.counters(1000, 1000)));
        Transfer t = engine.submit(new TransferRequest("gcs", Direction.WATCH, "mirror", op.name(), "", options));
        return events.await(e -> e.transfer().id().equals(t.id()) && e.transfer().phase().isFinal(), "a final phase");
    }

    private static void succeededWithTheRealCounters(Transfer done) {
        assertThat(done.phase()).as(done.message() + done.errors()).isEqualTo(TransferPhase.FINISHED_SUCCESS);
        assertThat(done.nativeStatus()).isEqualTo("SUCCESS");
        assertThat(done.bytesDone()).isEqualTo(1000);
        assertThat(done.bytesTotal()).isEqualTo(1000);
    }

    private long polls() {
        return proxy.seen().stream().filter(s -> POLL.test(s.request())).count();
    }

    @Test
    void connectionResetsOnPollsAreRetriedAndTheWatchEndsWithTheRealCounters() {
        proxy.inject(FaultProxy.reset(), 2, POLL);

        Transfer done = watch("701");

        assertThat(proxy.injected(FaultProxy.Reset.class)).isEqualTo(2);
        succeededWithTheRealCounters(done);
    }

    @Test
    void aBurstOf503sIsRetriedWithBackoffAndRecordedAsUnavailable() {
        proxy.inject(FaultProxy.status(503, "application/json", UNAVAILABLE_BODY), 2, POLL);

        Transfer done = watch("702");

        succeededWithTheRealCounters(done);
        assertThat(done.errors().count(ErrorCode.UNAVAILABLE)).isEqualTo(2);
    }

    @Test
    void an503ThatNeverEndsFailsWithUnavailableAfterTheWatchersAndTheEnginesRetries() {
        proxy.inject(FaultProxy.status(503, "application/json", UNAVAILABLE_BODY), 10_000, POLL);

        Transfer done = watch("703");

        assertThat(done.phase()).isEqualTo(TransferPhase.FINISHED_FAILURE);
        assertThat(done.errors().count(ErrorCode.UNAVAILABLE)).isPositive();
        // 3 failed polls per watcher run, 3 runs by the engine's policy
        assertThat(polls()).isEqualTo(3L * SHORT.maxAttempts());
        assertThat(done.history()).extracting(PhaseChange::phase).doesNotContain(TransferPhase.FINISHED_SUCCESS);
    }

    @Test
    void aPermissionErrorIsNotRetried() {
        proxy.inject(FaultProxy.status(403, "application/json", DENIED_BODY), 10_000, POLL);

        Transfer done = watch("704");

        assertThat(done.phase()).isEqualTo(TransferPhase.FINISHED_FAILURE);
        assertThat(done.errors().count(ErrorCode.PERMISSION_DENIED)).isEqualTo(1);
        assertThat(polls()).as("neither the watcher nor the engine asks again").isEqualTo(1);
    }

    @Test
    void latencyOnEveryPollOnlySlowsTheWatch() {
        proxy.inject(FaultProxy.latency(Duration.ofMillis(100)), 10_000, POLL);

        Transfer done = watch("705");

        assertThat(proxy.injected(FaultProxy.Latency.class)).isGreaterThanOrEqualTo(3);
        succeededWithTheRealCounters(done);
        assertThat(done.errors().isEmpty()).isTrue();
    }

    @Test
    void truncatedJsonRepliesAreRetriedNeverTakenAsAStatus() {
        proxy.inject(FaultProxy.truncate(), 2, POLL);

        Transfer done = watch("706");

        assertThat(proxy.injected(FaultProxy.Truncate.class)).isEqualTo(2);
        succeededWithTheRealCounters(done);
        assertThat(done.errors().count(ErrorCode.UNAVAILABLE)).isEqualTo(2);
    }

    @Test
    void aStalledPollTimesOutAsDeadlineExceededAndIsRetried() {
        proxy.inject(FaultProxy.stall(Duration.ofSeconds(20)), 1, POLL);

        Transfer done = watch("707");

        assertThat(proxy.injected(FaultProxy.Stall.class)).isEqualTo(1);
        succeededWithTheRealCounters(done);
        assertThat(done.errors().count(ErrorCode.DEADLINE_EXCEEDED)).isEqualTo(1);
    }
}
