package io.ferry.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.ferry.domain.Transfer;
import io.ferry.domain.TransferPhase;
import io.ferry.provider.Provider;
import io.ferry.provider.TransferContext;
import io.ferry.provider.TransferStopped;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class EngineEventsTest {
    /**
     * Reports progress every 10 ms of fake time for {@code steps} steps; the bytes done are the fake milliseconds
     * since it started, so each event carries the time it was published.
     */
    static final class Ticking implements Provider {
        final FakeTime time;
        final int steps;
        final boolean paced;

        Ticking(FakeTime time, int steps) {
            this(time, steps, false);
        }

        /** {@code paced}: a real millisecond per step, so a listener keeps up and sees what the engine publishes. */
        Ticking(FakeTime time, int steps, boolean paced) {
            this.time = time;
            this.steps = steps;
            this.paced = paced;
        }

        @Override
        public String id() {
            return "ticking";
        }

        @Override
        public void run(TransferContext ctx) throws TransferStopped, InterruptedException {
            ctx.checkpoint();
            for (int i = 1; i <= steps; i++) {
                if (paced) {
                    Thread.sleep(1);
                }
                time.advance(Duration.ofMillis(10));
                long ms = i * 10L;
                ctx.update(t -> t.withBytes(ms, steps * 10L));
                ctx.checkpoint();
            }
        }
    }

    private final FakeTime time = new FakeTime();
    private final MemoryJournal journal = new MemoryJournal();
    private TransferEngine engine;

    @AfterEach
    void close() {
        if (engine != null) {
            engine.close();
        }
    }

    private void start(Provider p, TransferJournal j) {
        engine = new TransferEngine(ProviderRegistry.of(p), j, EngineSettings.defaults(), time, time, new Random(1));
    }

    @Test
    void progressIsThrottledToTenASecondAndTheFinalPhaseAlwaysArrives() {
        start(new Ticking(time, 300, true), journal); // 3 s of fake time, 300 updates
        EventLog log = new EventLog();
        engine.subscribe(log);

        Transfer t = engine.submit(TestProviders.request("ticking", "a", "b"));
        log.awaitPhase(t.id(), TransferPhase.FINISHED_SUCCESS);

        List<TransferEvent> events = log.of(t.id());
        List<Long> progressAt = events.stream()
                .filter(e -> e.kind() == TransferEvent.Kind.PROGRESS)
                .map(e -> e.transfer().bytesDone())
                .toList();
        for (int i = 1; i < progressAt.size(); i++) {
            assertThat(progressAt.get(i) - progressAt.get(i - 1)).as("ms between progress events").isGreaterThanOrEqualTo(100);
        }
        // ≤ 10 a second over 3 s; a listener that falls behind gets fewer (the latest wins), never more
        assertThat(progressAt.size()).isBetween(5, 31);
        assertThat(events.getFirst().kind()).isEqualTo(TransferEvent.Kind.ADDED);
        assertThat(events.getLast().kind()).isEqualTo(TransferEvent.Kind.PHASE);
        assertThat(events.getLast().transfer().phase()).isEqualTo(TransferPhase.FINISHED_SUCCESS);
        assertThat(events.getLast().transfer().bytesDone()).isEqualTo(3000);
        assertThat(log.phases(t.id())).containsExactly(TransferPhase.TRANSFERRING, TransferPhase.FINALIZING_SUCCESS,
                TransferPhase.FINISHED_SUCCESS);
    }

    @Test
    void aThrowingOrBlockedListenerStallsNeitherTheTransferNorOtherListeners() throws Exception {
        start(new Ticking(time, 200), journal);
        CountDownLatch blocked = new CountDownLatch(1);
        List<TransferEvent> slowSaw = new CopyOnWriteArrayList<>();
        EventLog slowLog = new EventLog();
        engine.subscribe(e -> {
            throw new IllegalStateException("listener bug");
        });
        engine.subscribe(e -> {
            slowSaw.add(e);
            try {
                blocked.await();
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
            }
            slowLog.onEvent(e);
        });
        EventLog fast = new EventLog();
        engine.subscribe(fast);

        Transfer t = engine.submit(TestProviders.request("ticking", "a", "b"));
        Transfer done = fast.awaitPhase(t.id(), TransferPhase.FINISHED_SUCCESS);
        assertThat(done.bytesDone()).isEqualTo(2000);
        assertThat(engine.get(t.id()).orElseThrow().phase()).isEqualTo(TransferPhase.FINISHED_SUCCESS);
        assertThat(slowSaw).hasSize(1); // still stuck on its first event

        blocked.countDown();
        // the slow one catches up: its queued progress was coalesced, its phase events all arrive, in order
        slowLog.awaitPhase(t.id(), TransferPhase.FINISHED_SUCCESS);
        List<TransferPhase> slowPhases = slowSaw.stream()
                .filter(e -> e.kind() == TransferEvent.Kind.PHASE)
                .map(e -> e.transfer().phase())
                .toList();
        assertThat(slowPhases).containsExactly(TransferPhase.TRANSFERRING, TransferPhase.FINALIZING_SUCCESS,
                TransferPhase.FINISHED_SUCCESS);
        assertThat(slowSaw.stream().filter(e -> e.kind() == TransferEvent.Kind.PROGRESS).count()).isLessThanOrEqualTo(2);
    }

    @Test
    void theJournalHoldsEveryPhaseBeforeAnyListenerSeesIt() {
        List<Transfer> saved = new CopyOnWriteArrayList<>();
        TransferJournal recording = new TransferJournal() {
            @Override
            public void save(Transfer transfer) {
                saved.add(transfer);
                journal.save(transfer);
            }

            @Override
            public void delete(String id) {
                journal.delete(id);
            }

            @Override
            public List<Transfer> loadAll() {
                return journal.loadAll();
            }

            @Override
            public List<PendingAction> takePendingActions() {
                return journal.takePendingActions();
            }
        };
        start(new Ticking(time, 250), recording);
        List<String> violations = new CopyOnWriteArrayList<>();
        EventLog log = new EventLog();
        engine.subscribe(e -> {
            if (e.kind() != TransferEvent.Kind.PROGRESS && !saved.contains(e.transfer())) {
                violations.add(e.kind() + " " + e.transfer().phase() + " reported before it was saved");
            }
            log.onEvent(e);
        });

        Transfer t = engine.submit(TestProviders.request("ticking", "a", "b"));
        log.awaitPhase(t.id(), TransferPhase.FINISHED_SUCCESS);

        assertThat(violations).isEmpty();
        // progress checkpoints: at least one a second of the 2.5 s run, each saved with its bytes
        List<Long> checkpointBytes = saved.stream()
                .filter(s -> s.phase() == TransferPhase.TRANSFERRING)
                .map(Transfer::bytesDone)
                .distinct()
                .toList();
        assertThat(checkpointBytes).contains(1000L, 2000L);
        assertThat(journal.find(t.id()).orElseThrow()).isEqualTo(log.of(t.id()).getLast().transfer());
    }

    @Test
    void sixtyFourMebibytesForceACheckpointBeforeASecondHasPassed() {
        List<Long> durableAfterCheckpoint = new CopyOnWriteArrayList<>();
        Provider big = new Provider() {
            @Override
            public String id() {
                return "big";
            }

            @Override
            public void run(TransferContext ctx) throws TransferStopped {
                String id = ctx.current().id();
                ctx.checkpoint();
                for (long mib : new long[] {10, 40, 63, 64, 100, 127, 128}) {
                    ctx.update(t -> t.withBytes(mib << 20, 200L << 20));
                    ctx.checkpoint(); // no fake time passes: only the byte rule can make these durable
                    durableAfterCheckpoint.add(journal.find(id).orElseThrow().bytesDone() >> 20);
                }
            }
        };
        start(big, journal);
        EventLog log = new EventLog();
        engine.subscribe(log);
        Transfer t = engine.submit(TestProviders.request("big", "a", "b"));
        log.awaitPhase(t.id(), TransferPhase.FINISHED_SUCCESS);

        assertThat(durableAfterCheckpoint).containsExactly(0L, 0L, 0L, 64L, 64L, 64L, 128L);
    }
}
