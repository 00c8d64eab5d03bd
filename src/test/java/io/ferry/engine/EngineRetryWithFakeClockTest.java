package io.ferry.engine;

import static io.ferry.domain.TransferPhase.FINALIZING_FAILURE;
import static io.ferry.domain.TransferPhase.FINISHED_FAILURE;
import static io.ferry.domain.TransferPhase.FINISHED_SUCCESS;
import static io.ferry.domain.TransferPhase.PAUSED_SYSTEM;
import static io.ferry.domain.TransferPhase.RESUMING;
import static io.ferry.domain.TransferPhase.UNKNOWN;
import static org.assertj.core.api.Assertions.assertThat;

import io.ferry.domain.ErrorCode;
import io.ferry.domain.PhaseChange;
import io.ferry.domain.Transfer;
import io.ferry.domain.TransferPhase;
import io.ferry.provider.TransferException;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class EngineRetryWithFakeClockTest {
    private final FakeTime time = new FakeTime();
    private final MemoryJournal journal = new MemoryJournal();
    private final EventLog log = new EventLog();
    private TransferEngine engine;

    /** A random source that always says "no jitter". */
    private static final RandomGenerator NO_JITTER = () -> 0L;

    private TestProviders.Scripted start(RetryPolicy policy, RandomGenerator random, List<Exception> script) {
        TestProviders.Scripted p = new TestProviders.Scripted(script);
        engine = new TransferEngine(ProviderRegistry.of(p), journal, EngineSettings.defaults().withRetry(policy),
                time, time, random);
        engine.subscribe(log);
        return p;
    }

    @AfterEach
    void close() {
        if (engine != null) {
            engine.close();
        }
    }

    private static List<TransferPhase> history(Transfer t) {
        return t.history().stream().map(PhaseChange::phase).toList();
    }

    @Test
    void unavailableIsRetriedWithGrowingBackoffThenSucceeds() {
        var p = start(new RetryPolicy(Duration.ofSeconds(1), 2.0, Duration.ofMinutes(1), 5, 0.5), NO_JITTER,
                List.of(TestProviders.unavailable("503 one"), TestProviders.unavailable("503 two"),
                        TestProviders.unavailable("503 three")));
        Transfer t = engine.submit(TestProviders.request("scripted", "a", "b"));

        Transfer done = log.awaitPhase(t.id(), FINISHED_SUCCESS);

        assertThat(p.runs).hasValue(4);
        assertThat(time.sleeps()).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4));
        assertThat(done.errors().count(ErrorCode.UNAVAILABLE)).isEqualTo(3);
        assertThat(done.errors().get(ErrorCode.UNAVAILABLE).orElseThrow().errorLogEntries())
                .extracting(e -> e.errorDetails().getFirst())
                .containsExactly("503 one", "503 two", "503 three");
        assertThat(history(done).stream().filter(ph -> ph == PAUSED_SYSTEM)).hasSize(3);
        assertThat(history(done).stream().filter(ph -> ph == RESUMING)).hasSize(3);
        assertThat(done.history().stream().filter(h -> h.phase() == PAUSED_SYSTEM).findFirst().orElseThrow().reason())
                .contains("UNAVAILABLE").contains("503 one").contains("retry 1 of 4");
        // phase changes happen on the fake clock: the backoff shows in the history times
        Duration waited = Duration.between(done.created(), done.ended());
        assertThat(waited).isEqualTo(Duration.ofSeconds(7));
    }

    @Test
    void attemptsAreBoundedAndTheLastErrorFailsTheTransfer() {
        var p = start(new RetryPolicy(Duration.ofSeconds(1), 3.0, Duration.ofSeconds(5), 5, 0.0), NO_JITTER,
                List.of(TestProviders.unavailable("1"), TestProviders.unavailable("2"), TestProviders.unavailable("3"),
                        TestProviders.unavailable("4"), TestProviders.unavailable("5"), TestProviders.unavailable("6")));
        Transfer t = engine.submit(TestProviders.request("scripted", "a", "b"));

        Transfer failed = log.awaitPhase(t.id(), FINISHED_FAILURE);

        assertThat(p.runs).hasValue(5);
        assertThat(time.sleeps()).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(3), Duration.ofSeconds(5),
                Duration.ofSeconds(5));
        assertThat(failed.errors().count(ErrorCode.UNAVAILABLE)).isEqualTo(5);
        assertThat(failed.errors().get(ErrorCode.UNAVAILABLE).orElseThrow().errorLogEntries()).hasSize(5);
        List<TransferPhase> h = history(failed);
        assertThat(h.subList(h.size() - 2, h.size())).containsExactly(FINALIZING_FAILURE, FINISHED_FAILURE);
        assertThat(failed.phaseReason()).contains("gave up after 5 attempts");
        assertThat(journal.find(t.id()).orElseThrow().phase()).isEqualTo(FINISHED_FAILURE);
    }

    @Test
    void jitterStaysWithinItsBoundsAndVaries() {
        RetryPolicy policy = new RetryPolicy(Duration.ofSeconds(2), 2.0, Duration.ofSeconds(30), 6, 0.5);
        var p = start(policy, new Random(7), List.of(TestProviders.unavailable("1"), TestProviders.unavailable("2"),
                TestProviders.unavailable("3"), TestProviders.unavailable("4"), TestProviders.unavailable("5")));
        Transfer t = engine.submit(TestProviders.request("scripted", "a", "b"));
        log.awaitPhase(t.id(), FINISHED_SUCCESS);

        List<Duration> sleeps = time.sleeps();
        assertThat(sleeps).hasSize(5);
        for (int i = 0; i < sleeps.size(); i++) {
            Duration nominal = policy.nominalDelay(i + 1);
            assertThat(sleeps.get(i)).isBetween(nominal.dividedBy(2), nominal);
        }
        assertThat(sleeps).anySatisfy(d -> assertThat(policy.nominalDelay(sleeps.indexOf(d) + 1)).isNotEqualTo(d));
        assertThat(p.runs).hasValue(6);
    }

    @Test
    void failedPreconditionIsNeverRetried() {
        var p = start(RetryPolicy.defaults(), NO_JITTER, List.of(new TransferException(ErrorCode.FAILED_PRECONDITION,
                "/srv/images/disk.qcow2", "disk is locked by another transfer")));
        Transfer t = engine.submit(TestProviders.request("scripted", "a", "b"));

        Transfer failed = log.awaitPhase(t.id(), FINISHED_FAILURE);

        assertThat(p.runs).hasValue(1);
        assertThat(time.sleeps()).isEmpty();
        assertThat(failed.errors().count(ErrorCode.FAILED_PRECONDITION)).isEqualTo(1);
        assertThat(failed.errors().get(ErrorCode.FAILED_PRECONDITION).orElseThrow().errorLogEntries().getFirst().url())
                .isEqualTo("/srv/images/disk.qcow2");
        assertThat(history(failed)).doesNotContain(PAUSED_SYSTEM);
        assertThat(failed.phaseReason()).contains("disk is locked");
    }

    @Test
    void abortedRetriesTheStepAndEveryCodeIsCounted() {
        var p = start(new RetryPolicy(Duration.ofMillis(500), 2.0, Duration.ofSeconds(10), 5, 0.0), NO_JITTER,
                List.of(new TransferException(ErrorCode.ABORTED, "u", "conflict"), TestProviders.unavailable("busy"),
                        new TransferException(ErrorCode.NOT_FOUND, "gs://bucket/x", "no such object")));
        Transfer t = engine.submit(TestProviders.request("scripted", "a", "b"));

        Transfer failed = log.awaitPhase(t.id(), FINISHED_FAILURE);

        assertThat(p.runs).hasValue(3);
        assertThat(time.sleeps()).containsExactly(Duration.ofMillis(500), Duration.ofSeconds(1));
        assertThat(failed.errors().count(ErrorCode.ABORTED)).isEqualTo(1);
        assertThat(failed.errors().count(ErrorCode.UNAVAILABLE)).isEqualTo(1);
        assertThat(failed.errors().count(ErrorCode.NOT_FOUND)).isEqualTo(1);
        assertThat(failed.errors().totalCount()).isEqualTo(3);
    }

    @Test
    void anUnexpectedProviderBugEndsInUnknownWithTheMessageRecorded() {
        start(RetryPolicy.defaults(), NO_JITTER, List.of(new IllegalStateException("index 7 out of bounds")));
        Transfer t = engine.submit(TestProviders.request("scripted", "/data/src.img", "b"));

        Transfer broken = log.awaitPhase(t.id(), UNKNOWN);

        assertThat(broken.errors().count(ErrorCode.INTERNAL)).isEqualTo(1);
        assertThat(broken.errors().get(ErrorCode.INTERNAL).orElseThrow().errorLogEntries().getFirst())
                .satisfies(e -> {
                    assertThat(e.url()).isEqualTo("/data/src.img");
                    assertThat(e.errorDetails().getFirst()).contains("index 7 out of bounds");
                });
        assertThat(broken.phaseReason()).contains("index 7 out of bounds");
        assertThat(broken.phase().canRetry()).isTrue();
    }
}
