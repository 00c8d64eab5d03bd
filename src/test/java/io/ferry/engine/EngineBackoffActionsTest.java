package io.ferry.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ferry.domain.ErrorCode;
import io.ferry.domain.IllegalTransitionException;
import io.ferry.domain.PhaseAction;
import io.ferry.domain.PhaseChange;
import io.ferry.domain.Transfer;
import io.ferry.domain.TransferPhase;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The operator acts while a transfer waits out its backoff in paused_system (real time; an hour-long backoff). */
class EngineBackoffActionsTest {
    private final EventLog log = new EventLog();
    private TransferEngine engine;

    @AfterEach
    void close() {
        if (engine != null) {
            engine.close();
        }
    }

    private TestProviders.Scripted start() {
        TestProviders.Scripted p = new TestProviders.Scripted(List.of(TestProviders.unavailable("imageio not running")));
        RetryPolicy hour = new RetryPolicy(Duration.ofHours(1), 2.0, Duration.ofHours(2), 5, 0.0);
        engine = new TransferEngine(ProviderRegistry.of(p), new MemoryJournal(),
                EngineSettings.defaults().withRetry(hour).withShutdownTimeout(Duration.ofHours(1)));
        engine.subscribe(log);
        return p;
    }

    @Test
    void resumeEndsTheBackoffAtOnce() {
        TestProviders.Scripted p = start();
        Transfer t = engine.submit(TestProviders.request("scripted", "a", "b"));
        Transfer waiting = log.awaitPhase(t.id(), TransferPhase.PAUSED_SYSTEM);
        assertThat(waiting.phaseReason()).contains("imageio not running").contains("retry 1 of 4 in 3600 s");
        assertThatThrownBy(() -> engine.act(t.id(), PhaseAction.PAUSE)).isInstanceOf(IllegalTransitionException.class);

        engine.act(t.id(), PhaseAction.RESUME);
        Transfer done = log.awaitPhase(t.id(), TransferPhase.FINISHED_SUCCESS);

        assertThat(p.runs).hasValue(2);
        assertThat(done.history()).extracting(PhaseChange::phase).containsSubsequence(TransferPhase.PAUSED_SYSTEM,
                TransferPhase.RESUMING, TransferPhase.TRANSFERRING, TransferPhase.FINISHED_SUCCESS);
        assertThat(done.errors().count(ErrorCode.UNAVAILABLE)).isEqualTo(1);
    }

    @Test
    void cancelEndsTheBackoffAndCleansUp() {
        TestProviders.Scripted p = start();
        Transfer t = engine.submit(TestProviders.request("scripted", "a", "b"));
        log.awaitPhase(t.id(), TransferPhase.PAUSED_SYSTEM);

        engine.act(t.id(), PhaseAction.CANCEL);
        Transfer done = log.awaitPhase(t.id(), TransferPhase.FINISHED_CLEANUP);

        assertThat(p.runs).hasValue(1);
        assertThat(done.history()).extracting(PhaseChange::phase).containsSubsequence(TransferPhase.PAUSED_SYSTEM,
                TransferPhase.CANCELLED_USER, TransferPhase.FINALIZING_CLEANUP, TransferPhase.FINISHED_CLEANUP);
    }

    @Test
    @Timeout(60) // close waits for workers up to an hour here: only a backoff that wakes lets it return
    void closeDuringTheBackoffDoesNotWaitForIt() {
        start();
        Transfer t = engine.submit(TestProviders.request("scripted", "a", "b"));
        log.awaitPhase(t.id(), TransferPhase.PAUSED_SYSTEM);
        engine.close();
        assertThat(engine.get(t.id()).orElseThrow().phase()).isEqualTo(TransferPhase.PAUSED_SYSTEM);
    }
}
