package io.ferry.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.ferry.domain.Transfer;
import io.ferry.domain.TransferPhase;
import io.ferry.provider.Provider;
import io.ferry.provider.TransferContext;
import io.ferry.provider.TransferStopped;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class EngineConcurrencyTest {
    /** Each run announces itself and waits until the test releases that transfer. */
    static final class Gated implements Provider {
        final BlockingQueue<String> started = new LinkedBlockingQueue<>();
        final Map<String, CountDownLatch> gates = new ConcurrentHashMap<>();
        final AtomicInteger running = new AtomicInteger();
        final AtomicInteger maxSeen = new AtomicInteger();

        @Override
        public String id() {
            return "gated";
        }

        @Override
        public void run(TransferContext ctx) throws TransferStopped, InterruptedException {
            String id = ctx.current().id();
            int now = running.incrementAndGet();
            maxSeen.accumulateAndGet(now, Math::max);
            try {
                ctx.checkpoint();
                started.add(id);
                gate(id).await();
            } finally {
                running.decrementAndGet();
            }
        }

        CountDownLatch gate(String id) {
            return gates.computeIfAbsent(id, k -> new CountDownLatch(1));
        }

        String nextStarted() throws InterruptedException {
            String id = started.poll(20, TimeUnit.SECONDS);
            assertThat(id).as("a transfer should have started").isNotNull();
            return id;
        }

        /** Nothing else starts within a short while (absence can only be checked by waiting). */
        void assertNoneStarts() throws InterruptedException {
            assertThat(started.poll(300, TimeUnit.MILLISECONDS)).isNull();
        }
    }

    private final Gated gated = new Gated();
    private final EventLog log = new EventLog();
    private TransferEngine engine;

    @AfterEach
    void close() {
        gated.gates.values().forEach(CountDownLatch::countDown);
        if (engine != null) {
            engine.close();
        }
    }

    @Test
    void atMostNRunAtOnceInSubmissionOrderAndTheLimitCanChangeWhileRunning() throws Exception {
        engine = new TransferEngine(ProviderRegistry.of(gated), new MemoryJournal(),
                EngineSettings.defaults().withMaxConcurrent(2));
        engine.subscribe(log);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            ids.add(engine.submit(TestProviders.request("gated", "src" + i, "dst" + i)).id());
        }

        assertThat(List.of(gated.nextStarted(), gated.nextStarted())).containsExactly(ids.get(0), ids.get(1));
        gated.assertNoneStarts();
        assertThat(engine.runningCount()).isEqualTo(2);
        assertThat(engine.get(ids.get(2)).orElseThrow().phase()).isEqualTo(TransferPhase.INITIALIZING);

        engine.setMaxConcurrent(3);
        assertThat(engine.maxConcurrent()).isEqualTo(3);
        assertThat(gated.nextStarted()).isEqualTo(ids.get(2));
        gated.assertNoneStarts();

        gated.gate(ids.get(0)).countDown();
        log.awaitPhase(ids.get(0), TransferPhase.FINISHED_SUCCESS);
        assertThat(gated.nextStarted()).isEqualTo(ids.get(3));

        engine.setMaxConcurrent(1); // running ones go on; nothing new starts until fewer than one run
        gated.gate(ids.get(1)).countDown();
        gated.gate(ids.get(2)).countDown();
        log.awaitPhase(ids.get(2), TransferPhase.FINISHED_SUCCESS);
        gated.assertNoneStarts();
        gated.gate(ids.get(3)).countDown();
        assertThat(gated.nextStarted()).isEqualTo(ids.get(4));
        gated.gate(ids.get(4)).countDown();
        assertThat(gated.nextStarted()).isEqualTo(ids.get(5));
        gated.gate(ids.get(5)).countDown();
        log.awaitPhase(ids.get(5), TransferPhase.FINISHED_SUCCESS);

        assertThat(gated.maxSeen.get()).isEqualTo(3);
        assertThat(engine.list()).extracting(Transfer::phase).containsOnly(TransferPhase.FINISHED_SUCCESS);
        assertThat(engine.list()).extracting(Transfer::id).containsExactlyElementsOf(ids);
    }

    @Test
    void eachRunIsOnAVirtualThread() throws Exception {
        BlockingQueue<Boolean> virtual = new LinkedBlockingQueue<>();
        Provider probe = new Provider() {
            @Override
            public String id() {
                return "probe";
            }

            @Override
            public void run(TransferContext ctx) {
                virtual.add(Thread.currentThread().isVirtual());
            }
        };
        engine = new TransferEngine(ProviderRegistry.of(probe), new MemoryJournal(), EngineSettings.defaults());
        engine.submit(TestProviders.request("probe", "a", "b"));
        assertThat(virtual.poll(20, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void watchJobsDoNotTakeASlot() throws Exception {
        engine = new TransferEngine(ProviderRegistry.of(gated), new MemoryJournal(),
                EngineSettings.defaults().withMaxConcurrent(1));
        String copy = engine.submit(TestProviders.request("gated", "a", "b")).id();
        assertThat(gated.nextStarted()).isEqualTo(copy);
        String watch = engine.submit(new TransferRequest("gated", io.ferry.domain.Direction.WATCH, "op", "op-1", "",
                Map.of())).id();
        assertThat(gated.nextStarted()).isEqualTo(watch);
        assertThat(engine.runningCount()).isEqualTo(1);
    }

    @Test
    void badInputIsRefusedWithAClearMessage() {
        engine = new TransferEngine(ProviderRegistry.of(gated), new MemoryJournal(), EngineSettings.defaults());
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> engine.submit(TestProviders.request("ftp", "a", "b")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown provider 'ftp'")
                .hasMessageContaining("gated");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> engine.setMaxConcurrent(0))
                .isInstanceOf(IllegalArgumentException.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> engine.act("nope", io.ferry.domain.PhaseAction.PAUSE))
                .isInstanceOf(java.util.NoSuchElementException.class)
                .hasMessageContaining("nope");
    }
}
