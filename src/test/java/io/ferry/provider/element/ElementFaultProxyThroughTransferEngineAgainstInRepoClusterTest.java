package io.ferry.provider.element;

import static io.ferry.provider.element.FakeElementCluster.frames;
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
import io.ferry.provider.element.FakeElementCluster.Frame;
import io.ferry.provider.remote.PollLoop;
import io.ferry.provider.remote.TestCertificates;
import io.ferry.testing.EngineEvents;
import io.ferry.testing.FaultProxy;
import java.net.InetAddress;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 7 §2 for Element: the element provider run by the real TransferEngine (short retry policy: 3 attempts)
 * reaches the in-repo cluster ({@link FakeElementCluster}) through {@link FaultProxy}, which terminates TLS with
 * the pinned test certificate (the client still checks its pin) and relays plain HTTP to the cluster. One test per
 * fault kind: a watched job ends in its true final state or in finished_failure with the right code in the
 * breakdown; a start whose answer never came is not sent again.
 */
class ElementFaultProxyThroughTransferEngineAgainstInRepoClusterTest {
    private static final RetryPolicy SHORT = new RetryPolicy(Duration.ofMillis(20), 2.0, Duration.ofMillis(200), 3, 0);
    /** Every JSON-RPC call is a POST to /json-rpc/VERSION; which method is in the body. */
    private static final Predicate<FaultProxy.Request> RPC = r -> r.method().equals("POST") && r.target().startsWith("/json-rpc/");
    private static final String LB_503 = "<html><head><title>503 Service Temporarily Unavailable</title></head><body></body></html>";

    static TestCertificates certs;

    MockWebServer server;
    FakeElementCluster cluster;
    FaultProxy proxy;
    TransferEngine engine;
    ElementClient client;
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
        client = new ElementClient(new ElementProfile("https://127.0.0.1:" + proxy.port(), "12.3", "admin", "s3cret",
                PinnedCertificateTrust.fingerprint(certs.certificate), Duration.ofSeconds(1)));
        engine = new TransferEngine(ProviderRegistry.of(new ElementProvider(t -> client, Duration.ofMillis(20))),
                new MemoryJournal(), EngineSettings.defaults().withRetry(SHORT));
        engine.subscribe(events);
    }

    @AfterEach
    void stop() {
        engine.close();
        proxy.close();
        server.close();
    }

    private static Map<String, String> polling() {
        Map<String, String> o = new HashMap<>();
        o.put(PollLoop.OPTION_INTERVAL, "0.02");
        o.put(PollLoop.OPTION_MAX_FAILURES, "3");
        return o;
    }

    /** Watches a job already running on the cluster: every request is a poll. */
    private Transfer watch(String key) {
        FakeElementCluster.Job j = cluster.addJob(key, "read", 5, frames(new Frame("running", 10, 1, 9),
                new Frame("running", 60, 6, 4), new Frame("running", 90, 9, 1)), FakeElementCluster.success());
        Map<String, String> o = polling();
        o.put(ElementOptions.KEY, key);
        o.put(ElementOptions.ASYNC_HANDLE, Long.toString(j.handle));
        Transfer t = engine.submit(new TransferRequest("element", Direction.WATCH, "volume 5", "volume 5", "s3://b", o));
        return events.awaitFinal(t.id());
    }

    private Transfer read() {
        cluster.scriptNextJob(frames(new Frame("running", 50, 1, 1)), FakeElementCluster.success());
        Map<String, String> o = polling();
        o.put(ElementOptions.VOLUME_ID, "5");
        o.put(ElementOptions.FORMAT, "native");
        o.put(ElementOptions.SCRIPT, "bv_internal.py");
        Transfer t = engine.submit(new TransferRequest("element", Direction.DOWNLOAD, "volume 5", "volume 5", "s3://b", o));
        return events.awaitFinal(t.id());
    }

    private static void succeeded(Transfer done) {
        assertThat(done.phase()).as(done.message() + " " + done.errors()).isEqualTo(TransferPhase.FINISHED_SUCCESS);
        assertThat(done.message()).isEqualTo("Bulk volume job succeeded");
    }

    private long rpcs() {
        return proxy.seen().stream().filter(s -> RPC.test(s.request())).count();
    }

    private static String firstSample(Transfer t, ErrorCode code) {
        return String.join(" ", t.errors().get(code).orElseThrow().errorLogEntries().getFirst().errorDetails());
    }

    @Test
    void connectionResetsAreRecordedAndRetriedToTheTrueEnd() {
        proxy.inject(FaultProxy.reset(), 2, RPC);

        Transfer done = watch("a1");

        assertThat(proxy.injected(FaultProxy.Reset.class)).isEqualTo(2);
        succeeded(done);
        assertThat(done.errors().count(ErrorCode.UNAVAILABLE)).isEqualTo(2);
    }

    @Test
    void aBurstOf503PagesIsUnavailableRetriedWithBackoff() {
        proxy.inject(FaultProxy.status(503, "text/html", LB_503), 2, RPC);

        Transfer done = watch("a2");

        succeeded(done);
        assertThat(done.errors().count(ErrorCode.UNAVAILABLE)).isEqualTo(2);
        assertThat(firstSample(done, ErrorCode.UNAVAILABLE)).contains("HTML page", "503 Service Temporarily Unavailable");
    }

    @Test
    void the503sAreWaitedOutWithExponentialBackoffBetweenPolls() throws Exception {
        FakeElementCluster.Job j = cluster.addJob("b1", "read", 5, frames(new Frame("running", 50, 1, 1)), FakeElementCluster.success());
        proxy.inject(FaultProxy.status(503, "text/html", LB_503), 3, RPC);
        Map<String, String> o = polling();
        o.put(ElementOptions.KEY, "b1");
        o.put(ElementOptions.ASYNC_HANDLE, Long.toString(j.handle));
        o.put(PollLoop.OPTION_INTERVAL, "1");
        o.put(PollLoop.OPTION_MAX_FAILURES, "5");
        var ctx = new io.ferry.provider.remote.RecordingTransferContext(
                Transfer.create("t-b", "element", Direction.WATCH, "volume 5", "volume 5", "", o, java.time.Instant.now()));

        new ElementProvider(t -> client, Duration.ofSeconds(1)).run(ctx); // the context's sleeps return at once

        assertThat(ctx.sleeps).startsWith(Duration.ofSeconds(2), Duration.ofSeconds(4), Duration.ofSeconds(8), Duration.ofSeconds(1));
        assertThat(ctx.current().errors().count(ErrorCode.UNAVAILABLE)).isEqualTo(3);
        assertThat(ctx.current().phase()).isEqualTo(TransferPhase.FINISHED_SUCCESS);
    }

    @Test
    void a503ThatNeverEndsFailsAfterThePollLimitTimesTheEnginesAttempts() {
        proxy.inject(FaultProxy.status(503, "text/html", LB_503), 10_000, RPC);

        Transfer done = watch("a3");

        assertThat(done.phase()).isEqualTo(TransferPhase.FINISHED_FAILURE);
        assertThat(done.errors().count(ErrorCode.UNAVAILABLE)).isPositive();
        assertThat(rpcs()).as("3 failed polls per run, 3 runs").isEqualTo(3L * SHORT.maxAttempts());
        assertThat(done.history()).extracting(PhaseChange::phase).doesNotContain(TransferPhase.FINISHED_SUCCESS);
    }

    @Test
    void truncatedRepliesAreRetriedNeverTakenAsAStatus() {
        proxy.inject(FaultProxy.truncate(), 2, RPC);

        Transfer done = watch("a4");

        assertThat(proxy.injected(FaultProxy.Truncate.class)).isEqualTo(2);
        succeeded(done);
        assertThat(done.errors().count(ErrorCode.UNAVAILABLE)).isEqualTo(2);
        assertThat(done.history()).extracting(PhaseChange::phase).doesNotContain(TransferPhase.UNKNOWN);
    }

    @Test
    void aStalledCallIsDeadlineExceededAndRetried() {
        proxy.inject(FaultProxy.stall(Duration.ofSeconds(20)), 1, RPC);

        Transfer done = watch("a5");

        assertThat(proxy.injected(FaultProxy.Stall.class)).isEqualTo(1);
        succeeded(done);
        assertThat(done.errors().count(ErrorCode.DEADLINE_EXCEEDED)).isEqualTo(1);
    }

    @Test
    void latencyOnEveryReplyOnlySlowsTheWatch() {
        proxy.inject(FaultProxy.latency(Duration.ofMillis(100)), 10_000, RPC);

        Transfer done = watch("a6");

        assertThat(proxy.injected(FaultProxy.Latency.class)).isGreaterThanOrEqualTo(4);
        succeeded(done);
        assertThat(done.errors().isEmpty()).isTrue();
    }

    @Test
    void rejectedCredentialsAreNotRetried() {
        proxy.inject(FaultProxy.status(401, "text/plain", ""), 10_000, RPC);

        Transfer done = watch("a7");

        assertThat(done.phase()).isEqualTo(TransferPhase.FINISHED_FAILURE);
        assertThat(done.errors().count(ErrorCode.UNAUTHENTICATED)).isEqualTo(1);
        assertThat(rpcs()).as("one call: neither the poll loop nor the engine asks again").isEqualTo(1);
    }

    @Test
    void aStartAnsweredWith503IsRetriedAndStartsOneJob() {
        proxy.inject(FaultProxy.status(503, "text/html", LB_503), 1, RPC);

        Transfer done = read();

        succeeded(done);
        assertThat(cluster.calls("StartBulkVolumeRead")).hasSize(1);
        assertThat(done.errors().count(ErrorCode.UNAVAILABLE)).isEqualTo(1);
    }

    @Test
    void aStartWhoseAnswerNeverComesIsNotSentAgainButFoundByItsMarker() {
        proxy.inject(FaultProxy.stall(Duration.ofSeconds(20)), 1, RPC);

        Transfer done = read();

        assertThat(cluster.calls("StartBulkVolumeRead")).as("no second bulk volume job").hasSize(1);
        assertThat(cluster.jobCount()).isEqualTo(1);
        // ElementLostStartAnswerThroughTransferEngineAgainstInRepoClusterTest covers the lookup in detail
        assertThat(done.phase()).as(done.errors().toString()).isEqualTo(TransferPhase.FINISHED_SUCCESS);
        assertThat(firstSample(done, ErrorCode.DEADLINE_EXCEEDED)).contains("StartBulkVolumeRead for volume 5 got no answer",
                "found its job");
    }
}
