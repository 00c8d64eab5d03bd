package io.ferry.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.ferry.domain.PhaseAction;
import io.ferry.domain.PhaseChange;
import io.ferry.domain.Transfer;
import io.ferry.domain.TransferPhase;
import io.ferry.provider.Provider;
import io.ferry.provider.TransferContext;
import io.ferry.provider.TransferException;
import io.ferry.provider.TransferStopped;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A transfer that waits (a retry's backoff, a provider waiting for an operator's resume on its remote system) gives
 * its slot to a queued transfer and gets one back, at the end of the queue, when it works again. Fake clock; the
 * hour-long backoff lasts until the test ends it.
 */
class EngineSlotWhileWaitingTest {
    private static final Duration HOUR = Duration.ofHours(1);

    /**
     * Counts the transfers that work at once. Source "flaky": the first run fails with UNAVAILABLE. Source
     * "waits": works, then waits (beginWait) until the test says its remote system resumed it, then asks for a slot
     * (endWait) and works on. Every work step announces itself and waits for the test to open that transfer's gate.
     */
    static final class Slotted implements Provider {
        final BlockingQueue<String> started = new LinkedBlockingQueue<>();
        final Map<String, CountDownLatch> gates = new ConcurrentHashMap<>();
        final CountDownLatch remoteResumed = new CountDownLatch(1);
        final AtomicInteger working = new AtomicInteger();
        final AtomicInteger maxWorking = new AtomicInteger();
        final Map<String, AtomicInteger> runs = new ConcurrentHashMap<>();

        @Override
        public String id() {
            return "slotted";
        }

        @Override
        public void run(TransferContext ctx) throws TransferException, TransferStopped, InterruptedException {
            String id = ctx.current().id();
            String kind = ctx.current().source();
            int run = runs.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
            boolean[] isWorking = {false};
            try {
                work(ctx, isWorking);
                if (kind.equals("flaky") && run == 1) {
                    throw TestProviders.unavailable("imageio not running");
                }
                if (kind.equals("waits")) {
                    started.add(id + " paused");
                    rest(isWorking);
                    ctx.beginWait();
                    while (!remoteResumed.await(5, TimeUnit.MILLISECONDS)) {
                        ctx.sleep(Duration.ofSeconds(5)); // polls its remote system
                    }
                    while (!ctx.endWait()) {
                        // the operator acted: a real provider looks at its remote system here
                    }
                    work(ctx, isWorking);
                    started.add(id + " continued");
                    awaitGate(ctx, id + " continued");
                    return;
                }
                started.add(id);
                awaitGate(ctx, id);
            } finally {
                rest(isWorking);
            }
        }

        private void work(TransferContext ctx, boolean[] isWorking) throws TransferStopped, InterruptedException {
            ctx.acquireBandwidth(1);
            ctx.checkpoint();
            isWorking[0] = true;
            maxWorking.accumulateAndGet(working.incrementAndGet(), Math::max);
        }

        private void rest(boolean[] isWorking) {
            if (isWorking[0]) {
                isWorking[0] = false;
                working.decrementAndGet();
            }
        }

        /** Works until the test opens the gate, reaching a checkpoint every few milliseconds (a pause, cancel, close). */
        private void awaitGate(TransferContext ctx, String key) throws TransferStopped, InterruptedException {
            while (!gate(key).await(5, TimeUnit.MILLISECONDS)) {
                ctx.checkpoint();
            }
            ctx.checkpoint();
        }

        CountDownLatch gate(String key) {
            return gates.computeIfAbsent(key, k -> new CountDownLatch(1));
        }

        String next() throws InterruptedException {
            String s = started.poll(20, TimeUnit.SECONDS);
            assertThat(s).as("a transfer should have started working").isNotNull();
            return s;
        }

        /** Nothing starts working within a short while (absence can only be checked by waiting). */
        void assertNoneStarts() throws InterruptedException {
            assertThat(started.poll(300, TimeUnit.MILLISECONDS)).isNull();
        }
    }

    private final FakeTime time = new FakeTime();
    private final AtomicBoolean backoffOver = new AtomicBoolean();
    /** Fake time; a backoff (an hour here) lasts until the test ends it, or the engine wakes it. */
    private final Sleeper sleeper = (d, wakeUp) -> {
        if (d.compareTo(HOUR) >= 0) {
            while (!backoffOver.get()) {
                if (wakeUp.getAsBoolean()) {
                    return;
                }
                LockSupport.parkNanos(2_000_000);
            }
        }
        time.sleep(d, wakeUp);
    };
    private final Slotted provider = new Slotted();
    private final EventLog log = new EventLog();
    private final MemoryJournal journal = new MemoryJournal();
    private TransferEngine engine;

    @AfterEach
    void close() {
        backoffOver.set(true);
        provider.gates.values().forEach(CountDownLatch::countDown);
        provider.remoteResumed.countDown();
        if (engine != null) {
            engine.close();
        }
    }

    private void start(int max) {
        engine = new TransferEngine(ProviderRegistry.of(provider), journal, EngineSettings.defaults()
                .withMaxConcurrent(max).withRetry(new RetryPolicy(HOUR, 2.0, Duration.ofHours(2), 5, 0.0))
                .withShutdownTimeout(Duration.ofSeconds(20)), time, sleeper, () -> 0L);
        engine.subscribe(log);
    }

    private String submit(String kind) {
        return engine.submit(TestProviders.request("slotted", kind, "dst")).id();
    }

    /** The slot count settles a moment after the last event (the worker gives its slot back after publishing). */
    private void awaitSlotsHeld(int n) {
        long deadline = System.nanoTime() + EventLog.TIMEOUT.toNanos();
        while (engine.runningCount() != n && System.nanoTime() < deadline) {
            LockSupport.parkNanos(1_000_000);
        }
        assertThat(engine.runningCount()).as("transfers holding a slot").isEqualTo(n);
    }

    private static List<String> reasons(Transfer t) {
        return t.history().stream().map(PhaseChange::reason).toList();
    }

    private Transfer finish(String key, String id) {
        provider.gate(key).countDown();
        return log.awaitPhase(id, TransferPhase.FINISHED_SUCCESS);
    }

    @Test
    void aTransferInItsBackoffGivesItsSlotToAQueuedOneAndContinuesWhenASlotIsFreeAgain() throws Exception {
        start(1);
        String a = submit("flaky");
        Transfer backingOff = log.awaitPhase(a, TransferPhase.PAUSED_SYSTEM);
        assertThat(backingOff.phaseReason()).contains("retry 1 of 4 in 3600 s");

        String b = submit("plain");
        assertThat(provider.next()).isEqualTo(b); // the queued transfer runs while A waits out its backoff
        assertThat(engine.runningCount()).isEqualTo(1);
        assertThat(engine.get(a).orElseThrow().phase()).isEqualTo(TransferPhase.PAUSED_SYSTEM);
        finish(b, b);

        String c = submit("plain");
        assertThat(provider.next()).isEqualTo(c);
        String d = submit("plain"); // queued before A wants its slot back
        backoffOver.set(true);
        Transfer waiting = log.await(e -> e.transfer().id().equals(a)
                && e.transfer().phaseReason().startsWith("waiting for a free slot"), "A waiting for a slot").transfer();
        assertThat(waiting.phase()).isEqualTo(TransferPhase.RESUMING);
        assertThat(waiting.phaseReason()).isEqualTo("waiting for a free slot (1 of 1 transferring, 1 queued before it)");
        provider.assertNoneStarts();

        finish(c, c);
        assertThat(provider.next()).as("first in, first out: D was queued first").isEqualTo(d);
        provider.assertNoneStarts();
        finish(d, d);
        assertThat(provider.next()).isEqualTo(a);
        Transfer done = finish(a, a);

        assertThat(provider.runs.get(a)).hasValue(2);
        assertThat(reasons(done)).containsSubsequence("automatic retry 1 of 4",
                "waiting for a free slot (1 of 1 transferring, 1 queued before it)", "a slot is free: continuing",
                "resumed", "done");
        assertThat(provider.maxWorking).as("transfers working at once, limit 1").hasValue(1);
        awaitSlotsHeld(0);
    }

    @Test
    void aProviderWaitingForAnOperatorsResumeGivesItsSlotAwayAndGetsBackInLine() throws Exception {
        start(1);
        String a = submit("waits");
        String b = submit("plain");
        assertThat(provider.next()).isEqualTo(a + " paused");
        assertThat(provider.next()).as("B runs while A waits for its remote resume").isEqualTo(b);
        assertThat(engine.runningCount()).isEqualTo(1);
        finish(b, b);

        String c = submit("plain");
        assertThat(provider.next()).isEqualTo(c);
        provider.remoteResumed.countDown();
        log.await(e -> e.transfer().id().equals(a) && e.transfer().phaseReason().startsWith("waiting for a free slot"),
                "A waiting for a slot");
        provider.assertNoneStarts();

        finish(c, c);
        assertThat(provider.next()).isEqualTo(a + " continued");
        Transfer done = finish(a + " continued", a);
        assertThat(reasons(done)).containsSubsequence("waiting for a free slot (1 of 1 transferring, 0 queued before it)",
                "a slot is free: continuing", "done");
        assertThat(provider.maxWorking).as("transfers working at once, limit 1").hasValue(1);
    }

    @Test
    void aCopyPausedByTheOperatorAndResumedWhileTheSlotsAreTakenSaysItWaitsForOne() throws Exception {
        start(1);
        String a = submit("plain");
        assertThat(provider.next()).isEqualTo(a);
        engine.act(a, PhaseAction.PAUSE);
        log.awaitPhase(a, TransferPhase.PAUSED_USER);
        String b = submit("plain");
        assertThat(provider.next()).isEqualTo(b);

        engine.act(a, PhaseAction.RESUME);
        Transfer resumed = engine.get(a).orElseThrow();
        assertThat(resumed.phase()).isEqualTo(TransferPhase.RESUMING);
        assertThat(resumed.phaseReason()).isEqualTo("waiting for a free slot (1 of 1 transferring, 0 queued before it)");
        provider.assertNoneStarts();

        finish(b, b);
        assertThat(provider.next()).isEqualTo(a);
        Transfer done = finish(a, a);
        assertThat(reasons(done)).containsSubsequence("paused by operator", "resumed by operator",
                "waiting for a free slot (1 of 1 transferring, 0 queued before it)", "resumed", "done");
        assertThat(provider.maxWorking).hasValue(1);
    }

    @Test
    void raisingTheLimitLetsAWaitingTransferContinueAtOnce() throws Exception {
        start(1);
        String a = submit("waits");
        assertThat(provider.next()).isEqualTo(a + " paused");
        String b = submit("plain");
        assertThat(provider.next()).isEqualTo(b);
        provider.remoteResumed.countDown();
        log.await(e -> e.transfer().id().equals(a) && e.transfer().phaseReason().startsWith("waiting for a free slot"),
                "A waiting for a slot");

        engine.setMaxConcurrent(2);
        assertThat(provider.next()).isEqualTo(a + " continued");
        assertThat(engine.runningCount()).isEqualTo(2);
        finish(a + " continued", a);
        finish(b, b);
        assertThat(provider.maxWorking).hasValue(2);
    }

    @Test
    void cancelWhileWaitingForASlotCleansUpAndLeavesTheRunningOneAlone() throws Exception {
        start(1);
        String a = submit("flaky");
        log.awaitPhase(a, TransferPhase.PAUSED_SYSTEM);
        String c = submit("plain");
        assertThat(provider.next()).isEqualTo(c);
        engine.act(a, PhaseAction.RESUME); // ends the backoff: A waits for the slot C holds
        log.await(e -> e.transfer().id().equals(a) && e.transfer().phaseReason().startsWith("waiting for a free slot"),
                "A waiting for a slot");

        engine.act(a, PhaseAction.CANCEL);
        Transfer cancelled = log.awaitPhase(a, TransferPhase.FINISHED_CLEANUP);
        assertThat(cancelled.history()).extracting(PhaseChange::phase).containsSubsequence(TransferPhase.RESUMING,
                TransferPhase.CANCELLED_USER, TransferPhase.FINALIZING_CLEANUP, TransferPhase.FINISHED_CLEANUP);
        assertThat(provider.runs.get(a)).hasValue(1);
        assertThat(engine.get(c).orElseThrow().phase()).isEqualTo(TransferPhase.TRANSFERRING);
        assertThat(engine.runningCount()).isEqualTo(1);

        String d = submit("plain"); // the cancelled one left the queue: the next one is next
        finish(c, c);
        assertThat(provider.next()).isEqualTo(d);
        finish(d, d);
    }

    @Test
    void cancelWhileAProviderWaitsForASlotStopsIt() throws Exception {
        start(1);
        String a = submit("waits");
        assertThat(provider.next()).isEqualTo(a + " paused");
        String b = submit("plain");
        assertThat(provider.next()).isEqualTo(b);
        provider.remoteResumed.countDown();
        log.await(e -> e.transfer().id().equals(a) && e.transfer().phaseReason().startsWith("waiting for a free slot"),
                "A waiting for a slot");

        engine.act(a, PhaseAction.CANCEL);
        log.awaitPhase(a, TransferPhase.FINISHED_CLEANUP);
        provider.assertNoneStarts();
        assertThat(engine.runningCount()).isEqualTo(1);
        finish(b, b);
        awaitSlotsHeld(0);
    }

    @Test
    @Timeout(60)
    void closeDuringABackoffWhoseSlotAnotherHasLeavesItPausedAfterARestart() throws Exception {
        start(1);
        String a = submit("flaky");
        log.awaitPhase(a, TransferPhase.PAUSED_SYSTEM);
        String b = submit("plain");
        assertThat(provider.next()).isEqualTo(b);

        engine.close(); // B stops at its next checkpoint; A's backoff wakes
        assertThat(journal.find(a).orElseThrow().phase()).isEqualTo(TransferPhase.PAUSED_SYSTEM);

        engine = new TransferEngine(ProviderRegistry.of(provider), journal, EngineSettings.defaults().withMaxConcurrent(1),
                time, sleeper, () -> 0L);
        engine.subscribe(log);
        provider.gate(b).countDown();
        log.awaitPhase(b, TransferPhase.FINISHED_SUCCESS); // restored B runs; A stays paused for the operator
        awaitSlotsHeld(0);
        assertThat(engine.get(a).orElseThrow().phase()).isEqualTo(TransferPhase.PAUSED_SYSTEM);
        assertThat(provider.runs.get(a)).hasValue(1);
    }

    @Test
    @Timeout(60)
    void closeWhileWaitingForASlotLeavesItToRunAfterARestart() throws Exception {
        start(1);
        String a = submit("flaky");
        log.awaitPhase(a, TransferPhase.PAUSED_SYSTEM);
        String c = submit("plain");
        assertThat(provider.next()).isEqualTo(c);
        engine.act(a, PhaseAction.RESUME);
        log.await(e -> e.transfer().id().equals(a) && e.transfer().phaseReason().startsWith("waiting for a free slot"),
                "A waiting for a slot");

        engine.close(); // C stops at its next checkpoint, A while it waits for the slot
        assertThat(journal.find(c).orElseThrow().phase()).isEqualTo(TransferPhase.TRANSFERRING);
        Transfer saved = journal.find(a).orElseThrow();
        assertThat(saved.phase()).isEqualTo(TransferPhase.RESUMING);

        engine = new TransferEngine(ProviderRegistry.of(provider), journal, EngineSettings.defaults().withMaxConcurrent(1),
                time, sleeper, () -> 0L);
        engine.subscribe(log);
        provider.gate(a).countDown(); // restored: A (resuming) and C (transferring) run again
        provider.gate(c).countDown();
        assertThat(log.awaitPhase(a, TransferPhase.FINISHED_SUCCESS).phase()).isEqualTo(TransferPhase.FINISHED_SUCCESS);
    }
}
