package io.ferry.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.ferry.domain.PhaseAction;
import io.ferry.domain.Transfer;
import io.ferry.domain.TransferPhase;
import io.ferry.provider.Provider;
import io.ferry.provider.TransferContext;
import io.ferry.provider.TransferStopped;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A provider inside one long call (a 2 GiB copy_file_range) reports progress from a second thread with
 * {@code checkpointProgress()}: the engine saves it when due even while a pause waits, and the pause is taken at
 * the provider's own next checkpoint, not on the reporting thread.
 */
class EngineProgressDuringALongCallTest {
    private static final long MiB = 1L << 20;

    private final MemoryJournal journal = new MemoryJournal();
    private final CountDownLatch inCall = new CountDownLatch(1);
    private final CountDownLatch pauseAsked = new CountDownLatch(1);
    private final CountDownLatch reported = new CountDownLatch(1);
    private final CountDownLatch callReturns = new CountDownLatch(1);
    private final AtomicReference<Throwable> reporterFailure = new AtomicReference<>();
    private TransferEngine engine;

    @AfterEach
    void close() {
        pauseAsked.countDown();
        callReturns.countDown();
        if (engine != null) {
            engine.close();
        }
    }

    /** Moves 10 MiB, then "sits in one long call" while another thread reports 80 MiB, then checkpoints. */
    private final Provider longCall = new Provider() {
        @Override
        public String id() {
            return "long-call";
        }

        @Override
        public void run(TransferContext ctx) throws TransferStopped, InterruptedException {
            ctx.update(t -> t.withBytes(10 * MiB, 100 * MiB));
            ctx.checkpoint();
            inCall.countDown();
            pauseAsked.await();
            Thread reporter = Thread.ofVirtual().start(() -> {
                try {
                    ctx.update(t -> t.withBytes(80 * MiB, 100 * MiB));
                    ctx.checkpointProgress();
                } catch (Throwable e) {
                    reporterFailure.set(e);
                }
                reported.countDown();
            });
            reporter.join();
            callReturns.await();
            ctx.checkpoint(); // the call returned: the pause is taken here
            ctx.update(t -> t.withBytes(100 * MiB, 100 * MiB));
        }
    };

    @Test
    void progressReportedDuringTheCallIsSavedWhileAPauseWaitsForTheCallToReturn() throws Exception {
        engine = new TransferEngine(ProviderRegistry.of(longCall), journal, EngineSettings.defaults());
        EventLog log = new EventLog();
        engine.subscribe(log);
        Transfer t = engine.submit(TestProviders.request("long-call", "/dev/src", "/tmp/dst"));
        assertThat(inCall.await(10, TimeUnit.SECONDS)).isTrue();

        engine.act(t.id(), PhaseAction.PAUSE);
        pauseAsked.countDown();
        assertThat(reported.await(10, TimeUnit.SECONDS)).isTrue();

        assertThat(reporterFailure.get()).as("the reporting thread is not the one that stops").isNull();
        assertThat(journal.find(t.id()).orElseThrow().bytesDone())
                .as("70 MiB since the last save: due, saved while the call still runs").isEqualTo(80 * MiB);
        assertThat(engine.get(t.id()).orElseThrow().phase()).isEqualTo(TransferPhase.TRANSFERRING);

        callReturns.countDown();
        Transfer paused = log.awaitPhase(t.id(), TransferPhase.PAUSED_USER);
        assertThat(paused.bytesDone()).isEqualTo(80 * MiB);
    }
}
