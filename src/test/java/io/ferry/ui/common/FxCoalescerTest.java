package io.ferry.ui.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Many events become one pulse that carries the latest value per key. */
class FxCoalescerTest {

    /** Holds scheduled pulses until the test runs them, as the FX thread would later. */
    static final class ManualScheduler implements FxCoalescer.PulseScheduler {
        final List<Runnable> queued = new ArrayList<>();
        final List<Long> delays = new ArrayList<>();

        @Override
        public void schedule(Runnable r, long delay) {
            queued.add(r);
            delays.add(delay);
        }

        void runAll() {
            List<Runnable> now = new ArrayList<>(queued);
            queued.clear();
            now.forEach(Runnable::run);
        }
    }

    @Test
    void aThousandEventsForTenKeysCostOnePulseWithTheLatestValues() {
        List<Map<String, Integer>> pulses = new ArrayList<>();
        ManualScheduler s = new ManualScheduler();
        FxCoalescer<String, Integer> c = new FxCoalescer<>(pulses::add, s, 50);
        for (int i = 0; i < 1000; i++) {
            c.offer("t" + (i % 10), i);
        }
        assertThat(s.queued).hasSize(1);
        s.runAll();
        assertThat(pulses).hasSize(1);
        assertThat(pulses.getFirst()).hasSize(10).containsEntry("t0", 990).containsEntry("t9", 999);
        assertThat(c.pendingCount()).isZero();
    }

    @Test
    void anEventAfterAPulseSchedulesTheNextOneNoSoonerThanTheInterval() {
        List<Map<String, Integer>> pulses = new ArrayList<>();
        ManualScheduler s = new ManualScheduler();
        FxCoalescer<String, Integer> c = new FxCoalescer<>(pulses::add, s, 100);
        c.offer("a", 1);
        assertThat(s.delays.getFirst()).isZero(); // nothing ran recently: apply at once
        s.runAll();
        c.offer("a", 2);
        assertThat(s.queued).hasSize(1);
        assertThat(s.delays.get(1)).isBetween(1L, 100L); // right after a pulse: wait out the interval
        s.runAll();
        assertThat(pulses).extracting(m -> m.get("a")).containsExactly(1, 2);
    }

    @Test
    void producersOnManyThreadsLoseNoLatestValue() throws Exception {
        Map<String, Integer> applied = new HashMap<>();
        List<Runnable> queue = java.util.Collections.synchronizedList(new ArrayList<>());
        FxCoalescer<String, Integer> c = new FxCoalescer<>(applied::putAll, (r, d) -> queue.add(r), 0);
        int threads = 4;
        CountDownLatch done = new CountDownLatch(threads);
        for (int t = 0; t < threads; t++) {
            int id = t;
            Thread.ofPlatform().start(() -> {
                for (int i = 0; i <= 5000; i++) {
                    c.offer("k" + id, i);
                    if (i % 500 == 0) {
                        synchronized (queue) {
                            List<Runnable> now = new ArrayList<>(queue);
                            queue.clear();
                            synchronized (applied) {
                                now.forEach(Runnable::run);
                            }
                        }
                    }
                }
                done.countDown();
            });
        }
        assertThat(done.await(30, TimeUnit.SECONDS)).isTrue();
        synchronized (queue) {
            List<Runnable> now = new ArrayList<>(queue);
            queue.clear();
            now.forEach(Runnable::run);
        }
        assertThat(applied).containsEntry("k0", 5000).containsEntry("k1", 5000).containsEntry("k2", 5000).containsEntry("k3", 5000);
    }
}
