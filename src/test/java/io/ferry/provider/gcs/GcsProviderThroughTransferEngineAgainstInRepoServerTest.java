package io.ferry.provider.gcs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ferry.domain.Counter;
import io.ferry.domain.Direction;
import io.ferry.domain.ErrorCode;
import io.ferry.domain.IllegalTransitionException;
import io.ferry.domain.PhaseAction;
import io.ferry.domain.PhaseChange;
import io.ferry.domain.Transfer;
import io.ferry.domain.TransferPhase;
import io.ferry.engine.EngineSettings;
import io.ferry.engine.MemoryJournal;
import io.ferry.engine.ProviderRegistry;
import io.ferry.engine.TransferEngine;
import io.ferry.engine.TransferEvent;
import io.ferry.engine.TransferListener;
import io.ferry.engine.TransferRequest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * GcsProvider run by the real TransferEngine (virtual-thread workers, journal, listeners, operator actions through
 * {@code engine.act}) against the in-repo Storage Transfer server over HTTP with a service-account key.
 */
class GcsProviderThroughTransferEngineAgainstInRepoServerTest {
    @TempDir
    Path dir;

    FakeStorageTransferServer sts;
    MemoryJournal journal;
    TransferEngine engine;
    final Events events = new Events();
    Map<String, String> options;

    @BeforeEach
    void start() throws Exception {
        sts = new FakeStorageTransferServer();
        journal = new MemoryJournal();
        options = new HashMap<>(Map.of(
                GcsOptions.ENDPOINT, sts.endpoint().toString(),
                GcsOptions.CREDENTIALS, sts.writeServiceAccountKey(dir, "proj").toString(),
                GcsOptions.PROJECT, "proj",
                GcsOptions.POLL_INTERVAL, "0.02"));
        engine = newEngine();
    }

    TransferEngine newEngine() {
        TransferEngine e = new TransferEngine(ProviderRegistry.of(new GcsProvider()), journal, EngineSettings.defaults());
        e.subscribe(events);
        return e;
    }

    @AfterEach
    void stop() {
        if (engine != null) {
            engine.close();
        }
        sts.close();
    }

    static Map<String, String> counters(long copied, long found) {
        return Map.of("bytesCopiedToSink", Long.toString(copied), "bytesFoundFromSource", Long.toString(found),
                "objectsCopiedToSink", Long.toString(copied / 100), "objectsFoundFromSource", Long.toString(found / 100));
    }

    @Test
    void pausedAndResumedThroughTheEngineToSuccess() {
        var op = sts.addOperation("900", "proj", List.of(counters(100, 1000), counters(500, 1000), counters(1000, 1000)))
                .hold(true);
        Transfer t = engine.submit(new TransferRequest("gcs", Direction.WATCH, "nightly mirror", op.name(), "", options));

        events.await(e -> e.transfer().id().equals(t.id()) && e.transfer().nativeStatus().equals("IN_PROGRESS")
                && e.transfer().bytesDone() == 100, "in progress at 100 bytes");
        engine.act(t.id(), PhaseAction.PAUSE);
        Transfer paused = events.await(e -> e.transfer().id().equals(t.id()) && e.transfer().phase() == TransferPhase.PAUSED_USER,
                "paused_user");
        assertThat(paused.nativeStatus()).isEqualTo("PAUSED");
        assertThatThrownBy(() -> engine.act(t.id(), PhaseAction.PAUSE)).isInstanceOf(IllegalTransitionException.class);

        engine.act(t.id(), PhaseAction.RESUME);
        op.hold(false);
        Transfer done = events.await(e -> e.transfer().id().equals(t.id()) && e.transfer().phase().isFinal(), "a final phase");

        assertThat(done.phase()).isEqualTo(TransferPhase.FINISHED_SUCCESS);
        assertThat(done.history()).extracting(PhaseChange::phase).containsExactly(TransferPhase.INITIALIZING,
                TransferPhase.TRANSFERRING, TransferPhase.PAUSED_USER, TransferPhase.TRANSFERRING, TransferPhase.FINISHED_SUCCESS);
        assertThat(op.reportedStatuses()).containsExactly("QUEUED", "IN_PROGRESS", "SUSPENDING", "PAUSED", "IN_PROGRESS", "SUCCESS");
        // progress events are throttled (latest wins), phase changes always arrive
        assertThat(events.nativeStatuses(t.id())).containsSubsequence("IN_PROGRESS", "PAUSED", "IN_PROGRESS", "SUCCESS");
        assertThat(done.bytesDone()).isEqualTo(1000);
        assertThat(done.bytesTotal()).isEqualTo(1000);
        assertThat(done.objectsDone()).isEqualTo(10);
        assertThat(done.counters().get(Counter.BYTES_COPIED_TO_SINK)).isEqualTo(1000);
        assertThat(done.attributes()).containsEntry("transferJobName", "transferJobs/900");
        assertThat(done.errors().isEmpty()).isTrue();
        assertThat(journal.find(t.id()).orElseThrow().phase()).isEqualTo(TransferPhase.FINISHED_SUCCESS);
        assertThat(sts.apiRequests()).extracting(r -> r.getMethod() + " " + r.getUrl().encodedPath())
                .containsOnlyOnce("POST /v1/" + op.name() + ":pause", "POST /v1/" + op.name() + ":resume");
    }

    @Test
    void aFailedRunEndsFinishedFailureWithTheRemoteBreakdown() {
        var op = sts.addOperation("901", "proj", List.of(counters(100, 300)))
                .failsWith("PERMISSION_DENIED", "2", "gs://src/private.bin", "403 Forbidden");
        Transfer t = engine.submit(new TransferRequest("gcs", Direction.WATCH, "", op.name(), "", options));

        Transfer done = events.await(e -> e.transfer().id().equals(t.id()) && e.transfer().phase().isFinal(), "a final phase");

        assertThat(done.phase()).isEqualTo(TransferPhase.FINISHED_FAILURE);
        assertThat(done.nativeStatus()).isEqualTo("FAILED");
        assertThat(done.errors().count(ErrorCode.PERMISSION_DENIED)).isEqualTo(2);
        assertThat(done.errors().get(ErrorCode.PERMISSION_DENIED).orElseThrow().errorLogEntries().getFirst().url())
                .isEqualTo("gs://src/private.bin");
        assertThat(done.history()).extracting(PhaseChange::phase).containsExactly(TransferPhase.INITIALIZING,
                TransferPhase.TRANSFERRING, TransferPhase.FINISHED_FAILURE);
    }

    @Test
    void persistentPollFailuresAreRetriedByTheEngineAndTheirErrorsOutliveLaterPolls() {
        engine.close();
        engine = new TransferEngine(ProviderRegistry.of(new GcsProvider()), journal,
                EngineSettings.defaults().withRetry(new io.ferry.engine.RetryPolicy(
                        java.time.Duration.ofMillis(50), 2, java.time.Duration.ofMillis(200), 3, 0)));
        engine.subscribe(events);
        options.put(GcsOptions.MAX_FAILED_POLLS, "2");
        var op = sts.addOperation("905", "proj", List.of(counters(100, 1000), counters(1000, 1000))).hold(true);
        Transfer t = engine.submit(new TransferRequest("gcs", Direction.WATCH, "", op.name(), "", options));
        events.await(e -> e.transfer().id().equals(t.id()) && e.transfer().nativeStatus().equals("IN_PROGRESS"), "in progress");

        sts.inject(FakeStorageTransferServer.error(503, "UNAVAILABLE", "The service is currently unavailable."));
        sts.inject(FakeStorageTransferServer.error(503, "UNAVAILABLE", "The service is currently unavailable."));
        // the watcher records the first failure and backs off; the second makes it give up; the engine records
        // that one, waits its own backoff and runs the watcher again (a watched job keeps the phase the service
        // reported: no paused_system / resuming of the engine's making)
        events.await(e -> e.transfer().id().equals(t.id()) && e.transfer().errors().count(ErrorCode.UNAVAILABLE) == 2,
                "both failures recorded");
        op.hold(false);
        Transfer done = events.await(e -> e.transfer().id().equals(t.id()) && e.transfer().phase().isFinal(), "a final phase");

        assertThat(done.phase()).isEqualTo(TransferPhase.FINISHED_SUCCESS);
        assertThat(done.history()).extracting(PhaseChange::phase).containsExactly(TransferPhase.INITIALIZING,
                TransferPhase.TRANSFERRING, TransferPhase.FINISHED_SUCCESS);
        assertThat(sts.apiRequests()).filteredOn(r -> r.getMethod().equals("GET")).hasSizeGreaterThan(4);
        // one recorded by the watcher's own backoff, one by the engine when the watcher gave up
        assertThat(done.errors().count(ErrorCode.UNAVAILABLE)).isEqualTo(2);
        assertThat(done.errors().get(ErrorCode.UNAVAILABLE).orElseThrow().errorLogEntries())
                .allSatisfy(e -> assertThat(e.url()).endsWith("/v1/" + op.name()));
    }

    @Test
    void cancelThroughTheEngineEndsCancelledUser() {
        var op = sts.addOperation("902", "proj", List.of(counters(100, 1000), counters(200, 1000))).hold(true);
        Transfer t = engine.submit(new TransferRequest("gcs", Direction.WATCH, "", op.name(), "", options));
        events.await(e -> e.transfer().id().equals(t.id()) && e.transfer().nativeStatus().equals("IN_PROGRESS"), "in progress");

        engine.act(t.id(), PhaseAction.CANCEL);

        Transfer done = events.await(e -> e.transfer().id().equals(t.id()) && e.transfer().phase().isFinal(), "a final phase");
        assertThat(done.phase()).isEqualTo(TransferPhase.CANCELLED_USER);
        assertThat(done.nativeStatus()).isEqualTo("ABORTED");
    }

    @Test
    void aRestartedEngineFollowsTheSameRunWithoutRunningTheJobAgain() {
        sts.addJob("903", "proj");
        options.put(GcsOptions.RUN_JOB, "true");
        Transfer t = engine.submit(new TransferRequest("gcs", Direction.WATCH, "", "transferJobs/903", "", options));
        Transfer running = events.await(e -> e.transfer().id().equals(t.id()) && !e.transfer().nativeStatus().isEmpty(),
                "the run's first status");
        String opName = running.option(GcsOptions.OPERATION, "");
        assertThat(opName).startsWith("transferOperations/transferJobs-903-");
        sts.operation(opName).hold(true);
        engine.close();
        assertThat(journal.find(t.id()).orElseThrow().option(GcsOptions.OPERATION, "")).isEqualTo(opName);

        engine = newEngine();
        sts.operation(opName).hold(false);
        Transfer done = events.await(e -> e.transfer().id().equals(t.id()) && e.transfer().phase().isFinal(), "a final phase");

        assertThat(done.phase()).isEqualTo(TransferPhase.FINISHED_SUCCESS);
        assertThat(done.bytesDone()).isEqualTo(3000);
        assertThat(sts.runs()).isEqualTo(1);
    }

    @Test
    void aRunWhoseNameWasNeverSavedFollowsTheActiveOperationInsteadOfFailing() {
        sts.addJob("904", "proj");
        GcsOperation earlier;
        try {
            earlier = new StorageTransferClient(sts.endpoint(), GcsAuth.fixedToken(sts.acceptToken("t")),
                    java.time.Duration.ofSeconds(5)).runJob("904", "proj");
        } catch (io.ferry.provider.TransferException e) {
            throw new AssertionError(e);
        }
        options.put(GcsOptions.RUN_JOB, "true");
        Transfer t = engine.submit(new TransferRequest("gcs", Direction.WATCH, "", "transferJobs/904", "", options));

        Transfer done = events.await(e -> e.transfer().id().equals(t.id()) && e.transfer().phase().isFinal(), "a final phase");

        assertThat(done.phase()).isEqualTo(TransferPhase.FINISHED_SUCCESS);
        assertThat(done.option(GcsOptions.OPERATION, "")).isEqualTo(earlier.name());
        assertThat(sts.runs()).isEqualTo(1);
    }

    /** Every event, with a wait for the first that matches. */
    static final class Events implements TransferListener {
        private final List<TransferEvent> seen = new ArrayList<>();

        @Override
        public synchronized void onEvent(TransferEvent event) {
            seen.add(event);
            notifyAll();
        }

        synchronized Transfer await(Predicate<TransferEvent> p, String what) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            int from = 0;
            while (true) {
                for (; from < seen.size(); from++) {
                    if (p.test(seen.get(from))) {
                        return seen.get(from).transfer();
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("no event with " + what + " within 30 s; last: "
                            + (seen.isEmpty() ? "none" : seen.getLast()));
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(this, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError("interrupted", e);
                }
            }
        }

        synchronized List<String> nativeStatuses(String id) {
            List<String> out = new ArrayList<>();
            for (TransferEvent e : seen) {
                String s = e.transfer().nativeStatus();
                if (e.transfer().id().equals(id) && !s.isEmpty() && (out.isEmpty() || !out.getLast().equals(s))) {
                    out.add(s);
                }
            }
            return out;
        }
    }
}
