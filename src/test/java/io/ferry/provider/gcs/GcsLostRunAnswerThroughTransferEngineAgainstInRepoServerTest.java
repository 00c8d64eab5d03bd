package io.ferry.provider.gcs;

import static org.assertj.core.api.Assertions.assertThat;

import io.ferry.domain.Direction;
import io.ferry.domain.ErrorCode;
import io.ferry.domain.Transfer;
import io.ferry.domain.TransferPhase;
import io.ferry.engine.EngineSettings;
import io.ferry.engine.MemoryJournal;
import io.ferry.engine.ProviderRegistry;
import io.ferry.engine.RetryPolicy;
import io.ferry.engine.TransferEngine;
import io.ferry.engine.TransferRequest;
import io.ferry.provider.TransferException;
import io.ferry.testing.FaultProxy;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 7 §2 follow-up for Storage Transfer: a transferJobs.run whose answer is lost is resolved by Ferry. Before the
 * run is sent, the job's latestOperationName is kept in the store (gcs.runAfter); after a lost answer or a restart,
 * transferJobs.get tells whether the run started (a new latestOperationName: followed) or not (the same: run again
 * by the engine's retry policy). GcsProvider in the real TransferEngine (3 attempts), through {@link FaultProxy} to
 * the in-repo Storage Transfer server; the server's run count shows that no job is ever run twice.
 */
class GcsLostRunAnswerThroughTransferEngineAgainstInRepoServerTest {
    private static final RetryPolicy SHORT = new RetryPolicy(Duration.ofMillis(20), 2.0, Duration.ofMillis(200), 3, 0);
    private static final Predicate<FaultProxy.Request> RUN = r -> r.method().equals("POST") && r.target().endsWith(":run");

    @TempDir
    Path dir;

    FakeStorageTransferServer sts;
    FaultProxy proxy;
    MemoryJournal journal;
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
                GcsOptions.RUN_JOB, "true",
                GcsOptions.POLL_INTERVAL, "0.02",
                GcsOptions.MAX_BACKOFF, "0.1",
                GcsOptions.MAX_FAILED_POLLS, "3",
                GcsOptions.TIMEOUT, "1"));
        journal = new MemoryJournal();
    }

    private TransferEngine engine() {
        engine = new TransferEngine(ProviderRegistry.of(new GcsProvider()), journal, EngineSettings.defaults().withRetry(SHORT));
        engine.subscribe(events);
        return engine;
    }

    @AfterEach
    void stop() {
        if (engine != null) {
            engine.close();
        }
        proxy.close();
        sts.close();
    }

    private Transfer runJob(String jobId) {
        Transfer t = engine().submit(new TransferRequest("gcs", Direction.WATCH, "", "transferJobs/" + jobId, "", options));
        return awaitFinal(t.id());
    }

    private Transfer awaitFinal(String id) {
        return events.await(e -> e.transfer().id().equals(id) && e.transfer().phase().isFinal(), "a final phase");
    }

    /** A client straight to the server (not through the proxy): what another tool, or an earlier Ferry, did. */
    private StorageTransferClient direct() {
        return new StorageTransferClient(sts.endpoint(), GcsAuth.fixedToken(sts.acceptToken("direct")), Duration.ofSeconds(5));
    }

    /** Runs the job directly and polls its operation until it has ended. */
    private GcsOperation runToTheEnd(String jobId) throws TransferException {
        GcsOperation op = direct().runJob(jobId, "proj");
        for (int i = 0; i < 20 && !op.phase().isFinal(); i++) {
            op = direct().getOperation(op.name());
        }
        assertThat(op.phase()).isEqualTo(TransferPhase.FINISHED_SUCCESS);
        return op;
    }

    private static void succeeded(Transfer done) {
        assertThat(done.phase()).as(done.phaseReason() + " " + done.errors()).isEqualTo(TransferPhase.FINISHED_SUCCESS);
        assertThat(done.nativeStatus()).isEqualTo("SUCCESS");
        assertThat(done.bytesDone()).isEqualTo(3000);
    }

    private static String samples(Transfer t, ErrorCode code) {
        return String.join(" | ", t.errors().get(code).orElseThrow().errorLogEntries().stream()
                .flatMap(e -> e.errorDetails().stream()).toList());
    }

    @Test
    void aRunWhoseAnswerNeverComesIsFoundAsTheJobsLatestOperationAndFollowedToItsEnd() {
        sts.addJob("950", "proj");
        proxy.inject(FaultProxy.stall(Duration.ofSeconds(20)), 1, RUN);

        Transfer done = runJob("950");

        assertThat(proxy.injected(FaultProxy.Stall.class)).isEqualTo(1);
        assertThat(sts.runs()).as("one run on the service").isEqualTo(1);
        succeeded(done);
        assertThat(done.option(GcsOptions.OPERATION, "")).startsWith("transferOperations/transferJobs-950-");
        assertThat(done.option(GcsOptions.RUN_AFTER, "(not set)")).as("the job had never run").isEmpty();
        assertThat(done.attributes().get("foundBy")).contains("latestOperationName", "no answer");
        assertThat(done.errors().count(ErrorCode.DEADLINE_EXCEEDED)).isEqualTo(1);
        assertThat(samples(done, ErrorCode.DEADLINE_EXCEEDED)).contains("transferJobs.run got no answer",
                "found the run's operation " + done.option(GcsOptions.OPERATION, ""));
    }

    @Test
    void aRunResetBeforeItReachedTheServiceIsRunOnceByTheRetry() throws Exception {
        sts.addJob("951", "proj");
        GcsOperation earlier = runToTheEnd("951"); // the job ran yesterday: its latestOperationName is that run
        proxy.inject(FaultProxy.reset(), 1, RUN); // reset at the request head: the run never reaches the service

        Transfer done = runJob("951");

        assertThat(proxy.injected(FaultProxy.Reset.class)).isEqualTo(1);
        assertThat(sts.runs()).as("yesterday's run and exactly one more").isEqualTo(2);
        succeeded(done);
        assertThat(done.option(GcsOptions.RUN_AFTER, "")).isEqualTo(earlier.name());
        assertThat(done.option(GcsOptions.OPERATION, "")).startsWith("transferOperations/transferJobs-951-").isNotEqualTo(earlier.name());
        assertThat(done.attributes()).doesNotContainKey("foundBy");
        assertThat(samples(done, ErrorCode.UNAVAILABLE)).contains("latestOperationName is still " + earlier.name(), "did not start");
    }

    @Test
    void aRestartAfterACrashBetweenSendingTheRunAndStoringItsAnswerFollowsThatRunEvenWhenItHasAlreadyEnded()
            throws Exception {
        sts.addJob("952", "proj");
        // What a Ferry killed while the run was on the wire leaves: the transfer with gcs.runAfter (the job had never
        // run) and no operation in the store; the run it sent started and has ended since, so a new :run would not
        // be refused as ALREADY_EXISTS — it would copy everything again.
        GcsOperation ran = runToTheEnd("952");
        Map<String, String> o = new HashMap<>(options);
        o.put(GcsOptions.RUN_AFTER, "");
        journal.save(Transfer.create("t-crashed", "gcs", Direction.WATCH, "", "transferJobs/952", "", o, Instant.now()));

        engine(); // restores the transfer and runs it
        Transfer done = awaitFinal("t-crashed");

        assertThat(sts.runs()).as("no second run").isEqualTo(1);
        succeeded(done);
        assertThat(done.option(GcsOptions.OPERATION, "")).isEqualTo(ran.name());
        assertThat(done.attributes().get("foundBy")).contains("earlier run");
    }
}
