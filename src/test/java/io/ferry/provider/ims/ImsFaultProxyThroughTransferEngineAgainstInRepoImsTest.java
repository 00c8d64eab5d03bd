package io.ferry.provider.ims;

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
import io.ferry.provider.remote.PollLoop;
import io.ferry.testing.EngineEvents;
import io.ferry.testing.FaultProxy;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Predicate;
import mockwebserver3.MockWebServer;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 7 §2 for IMS: the ims provider run by the real TransferEngine (short retry policy: 3 attempts) talks to
 * the in-repo IAM + IMS ({@link FakeIms}) through {@link FaultProxy}, one test per fault kind. A job either ends
 * in its true final state (SUCCESS with its image id) or in finished_failure with the right code in the
 * breakdown; transient faults are recorded and retried, authentication failures never loop.
 */
class ImsFaultProxyThroughTransferEngineAgainstInRepoImsTest {
    private static final RetryPolicy SHORT = new RetryPolicy(Duration.ofMillis(20), 2.0, Duration.ofMillis(200), 3, 0);
    private static final Predicate<FaultProxy.Request> POLL = r -> r.method().equals("GET") && r.target().contains("/jobs/");
    private static final Predicate<FaultProxy.Request> TOKEN = r -> r.method().equals("POST") && r.target().endsWith("/v3/auth/tokens");
    private static final Predicate<FaultProxy.Request> IMPORT = r -> r.method().equals("POST") && r.target().equals("/v2/cloudimages/action");
    private static final String GATEWAY_503 = """
            {"error_code": "APIGW.0202", "error_msg": "The API is unavailable.", "request_id": "5f1c"}""";
    private static final String HTML_502 = "<html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1></body></html>";
    private static final String[] FRAMES = {
        "{\"status\": \"INIT\", \"entities\": {}}",
        "{\"status\": \"RUNNING\", \"entities\": {}}",
        "{\"status\": \"SUCCESS\", \"entities\": {\"image_id\": \"431df7fd-a898-4dc0-86b1-22cfefb8a517\", \"image_name\": \"web\"}}"};

    MockWebServer server;
    FakeIms ims;
    FaultProxy proxy;
    TransferEngine engine;
    ImsClient client;
    final EngineEvents events = new EngineEvents();

    @BeforeEach
    void start() throws Exception {
        ims = new FakeIms("domain A", "user A", "pa55");
        server = new MockWebServer();
        server.setDispatcher(ims);
        server.start(InetAddress.getByName("127.0.0.1"), 0);
        proxy = new FaultProxy(server.getPort());
        String base = "http://127.0.0.1:" + proxy.port();
        client = new ImsClient(new ImsProfile("eu-de", "domain A", "user A", "pa55", "eu-de", "", base + "/v3",
                base, Duration.ofSeconds(1)), new OkHttpClient(), Clock.systemUTC());
        engine = new TransferEngine(ProviderRegistry.of(new ImsProvider(t -> client, Duration.ofMillis(20))),
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
        o.put(ImsOptions.JOB_API, "jobs");
        o.put(PollLoop.OPTION_INTERVAL, "0.02");
        o.put(PollLoop.OPTION_MAX_FAILURES, "3");
        return o;
    }

    private Transfer watch(String jobId) {
        ims.addJob(jobId, "imsImportImageJob", FRAMES);
        Map<String, String> o = polling();
        o.put(ImsOptions.JOB_ID, jobId);
        Transfer t = engine.submit(new TransferRequest("ims", Direction.WATCH, "image job", jobId, "", o));
        return events.awaitFinal(t.id());
    }

    private Transfer importImage() {
        ims.scriptNextJob(FRAMES);
        Map<String, String> o = polling();
        o.put(ImsOptions.START, "import");
        o.put(ImsOptions.IMAGE_NAME, "web");
        o.put(ImsOptions.IMAGE_URL, "ims-image:web.qcow2");
        o.put(ImsOptions.MIN_DISK, "40");
        Transfer t = engine.submit(new TransferRequest("ims", Direction.WATCH, "import web", "ims-image:web.qcow2", "image web", o));
        return events.awaitFinal(t.id());
    }

    private static void succeededWithItsImage(Transfer done) {
        assertThat(done.phase()).as(done.message() + " " + done.errors()).isEqualTo(TransferPhase.FINISHED_SUCCESS);
        assertThat(done.nativeStatus()).isEqualTo("SUCCESS");
        assertThat(done.attributes()).containsEntry("image_id", "431df7fd-a898-4dc0-86b1-22cfefb8a517");
    }

    private long seen(Predicate<FaultProxy.Request> p) {
        return proxy.seen().stream().filter(s -> p.test(s.request())).count();
    }

    private static String firstSample(Transfer t, ErrorCode code) {
        return String.join(" ", t.errors().get(code).orElseThrow().errorLogEntries().getFirst().errorDetails());
    }

    @Test
    void connectionResetsOnPollsAreRecordedAndRetriedToTheTrueEnd() {
        proxy.inject(FaultProxy.reset(), 2, POLL);

        Transfer done = watch("job-reset");

        assertThat(proxy.injected(FaultProxy.Reset.class)).isEqualTo(2);
        succeededWithItsImage(done);
        assertThat(done.errors().count(ErrorCode.UNAVAILABLE)).isEqualTo(2);
    }

    @Test
    void aBurstOf503sIsUnavailableRetriedWithBackoff() {
        proxy.inject(FaultProxy.status(503, "application/json", GATEWAY_503), 2, POLL);

        Transfer done = watch("job-503");

        succeededWithItsImage(done);
        assertThat(done.errors().count(ErrorCode.UNAVAILABLE)).isEqualTo(2);
        assertThat(firstSample(done, ErrorCode.UNAVAILABLE)).contains("APIGW.0202", "HTTP 503");
    }

    @Test
    void the503sAreWaitedOutWithExponentialBackoffBetweenPolls() throws Exception {
        ims.addJob("job-backoff", "imsImportImageJob", FRAMES);
        proxy.inject(FaultProxy.status(503, "application/json", GATEWAY_503), 3, POLL);
        Map<String, String> o = polling();
        o.put(ImsOptions.JOB_ID, "job-backoff");
        o.put(PollLoop.OPTION_INTERVAL, "1");
        o.put(PollLoop.OPTION_MAX_FAILURES, "5");
        var ctx = new io.ferry.provider.remote.RecordingTransferContext(
                Transfer.create("t-b", "ims", Direction.WATCH, "job", "", "", o, java.time.Instant.now()));

        new ImsProvider(t -> client, Duration.ofSeconds(1)).run(ctx); // the context's sleeps return at once

        assertThat(ctx.sleeps).startsWith(Duration.ofSeconds(2), Duration.ofSeconds(4), Duration.ofSeconds(8), Duration.ofSeconds(1));
        assertThat(ctx.current().errors().count(ErrorCode.UNAVAILABLE)).isEqualTo(3);
        assertThat(ctx.current().phase()).isEqualTo(TransferPhase.FINISHED_SUCCESS);
    }

    @Test
    void a503ThatNeverEndsFailsAfterThePollLimitTimesTheEnginesAttempts() {
        proxy.inject(FaultProxy.status(503, "application/json", GATEWAY_503), 10_000, POLL);

        Transfer done = watch("job-503-forever");

        assertThat(done.phase()).isEqualTo(TransferPhase.FINISHED_FAILURE);
        assertThat(done.errors().count(ErrorCode.UNAVAILABLE)).isPositive();
        assertThat(seen(POLL)).as("3 failed polls per run, 3 runs").isEqualTo(3L * SHORT.maxAttempts());
        assertThat(seen(TOKEN)).as("one token serves every run").isEqualTo(1);
        assertThat(done.history()).extracting(PhaseChange::phase).doesNotContain(TransferPhase.FINISHED_SUCCESS);
    }

    @Test
    void aGatewaysHtmlPageIsAClearErrorNamingItsTitleNotAStatus() {
        proxy.inject(FaultProxy.status(502, "text/html", HTML_502), 1, POLL);
        proxy.inject(FaultProxy.status(200, "text/html", "<html><head><title>Sign in to the hotel Wi-Fi</title></head></html>"), 1, POLL);

        Transfer done = watch("job-html");

        succeededWithItsImage(done);
        assertThat(firstSample(done, ErrorCode.UNAVAILABLE)).contains("HTML page", "502 Bad Gateway");
        assertThat(firstSample(done, ErrorCode.UNKNOWN)).contains("HTML page", "hotel Wi-Fi");
        assertThat(done.history()).extracting(PhaseChange::phase).doesNotContain(TransferPhase.UNKNOWN);
    }

    @Test
    void truncatedRepliesAreRetriedNeverTakenAsAStatus() {
        proxy.inject(FaultProxy.truncate(), 2, POLL);

        Transfer done = watch("job-truncated");

        assertThat(proxy.injected(FaultProxy.Truncate.class)).isEqualTo(2);
        succeededWithItsImage(done);
        assertThat(done.errors().count(ErrorCode.UNAVAILABLE)).isEqualTo(2);
        assertThat(done.history()).extracting(PhaseChange::phase).doesNotContain(TransferPhase.UNKNOWN);
    }

    @Test
    void aStalledPollIsDeadlineExceededAndRetried() {
        proxy.inject(FaultProxy.stall(Duration.ofSeconds(20)), 1, POLL);

        Transfer done = watch("job-stall");

        assertThat(proxy.injected(FaultProxy.Stall.class)).isEqualTo(1);
        succeededWithItsImage(done);
        assertThat(done.errors().count(ErrorCode.DEADLINE_EXCEEDED)).isEqualTo(1);
    }

    @Test
    void latencyOnEveryReplyOnlySlowsTheWatch() {
        proxy.inject(FaultProxy.latency(Duration.ofMillis(100)), 10_000, r -> true);

        Transfer done = watch("job-slow");

        assertThat(proxy.injected(FaultProxy.Latency.class)).isGreaterThanOrEqualTo(4);
        succeededWithItsImage(done);
        assertThat(done.errors().isEmpty()).isTrue();
    }

    @Test
    void iamRefusingThePasswordIsAskedOnceNeverInALoop() {
        proxy.inject(FaultProxy.status(401, "application/json",
                "{\"error\": {\"code\": 401, \"message\": \"The username or password is wrong.\", \"title\": \"Unauthorized\"}}"),
                10_000, TOKEN);

        Transfer done = watch("job-iam");

        assertThat(done.phase()).isEqualTo(TransferPhase.FINISHED_FAILURE);
        assertThat(done.errors().count(ErrorCode.UNAUTHENTICATED)).isEqualTo(1);
        assertThat(seen(TOKEN)).as("IAM locks users after repeated failures: one attempt only").isEqualTo(1);
        assertThat(seen(POLL)).isZero();
    }

    @Test
    void imsRejectingAFreshTokenRenewsOnceThenStops() {
        proxy.inject(FaultProxy.status(401, "application/json",
                "{\"error_msg\": \"Incorrect IAM authentication information: decrypt token fail\", \"error_code\": \"APIGW.0301\","
                        + " \"request_id\": \"7b1f\"}"), 10_000, POLL);

        Transfer done = watch("job-401");

        assertThat(done.phase()).isEqualTo(TransferPhase.FINISHED_FAILURE);
        assertThat(done.errors().count(ErrorCode.UNAUTHENTICATED)).isEqualTo(1);
        assertThat(seen(TOKEN)).as("the first token and one renewal").isEqualTo(2);
        assertThat(seen(POLL)).as("the poll and its one repeat, no engine retry").isEqualTo(2);
    }

    @Test
    void anImportAnsweredWith503IsRetriedAndCreatesOneJob() {
        proxy.inject(FaultProxy.status(503, "application/json", GATEWAY_503), 1, IMPORT);

        Transfer done = importImage();

        succeededWithItsImage(done);
        assertThat(seen(IMPORT)).isEqualTo(2);
        assertThat(ims.count("POST", "/v2/cloudimages/action")).as("the gateway answered the first: one job").isEqualTo(1);
        assertThat(done.errors().count(ErrorCode.UNAVAILABLE)).isEqualTo(1);
    }

    @Test
    void anImportWhoseAnswerNeverComesIsNotSentAgain() {
        proxy.inject(FaultProxy.stall(Duration.ofSeconds(20)), 1, IMPORT);

        Transfer done = importImage();

        assertThat(ims.count("POST", "/v2/cloudimages/action")).as("no second image import").isEqualTo(1);
        assertThat(done.phase()).isEqualTo(TransferPhase.FINISHED_FAILURE);
        assertThat(done.errors().count(ErrorCode.UNKNOWN)).isEqualTo(1);
        assertThat(firstSample(done, ErrorCode.UNKNOWN)).contains("import image web", "may have started", "DEADLINE_EXCEEDED",
                "IMS console");
    }

    @Test
    void anImportResetOnTheWayIsNotSentAgainEither() {
        // the client cannot tell a reset before the request reached IMS from one after: it never guesses
        proxy.inject(FaultProxy.reset(), 1, IMPORT);

        Transfer done = importImage();

        assertThat(seen(IMPORT)).isEqualTo(1);
        assertThat(done.phase()).isEqualTo(TransferPhase.FINISHED_FAILURE);
        assertThat(firstSample(done, ErrorCode.UNKNOWN)).contains("may have started", "UNAVAILABLE");
    }
}
