package io.ferry.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.ferry.domain.Transfer;
import io.ferry.domain.TransferPhase;
import io.ferry.provider.Provider;
import io.ferry.provider.TransferContext;
import io.ferry.provider.TransferException;
import io.ferry.provider.TransferStopped;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The global limit measured on the fake clock: the bucket's waits are the only thing that advances it, so the
 * clock's advance is exactly how long the bytes were held back, with no real waiting and nothing to flake.
 */
class EngineBandwidthWithFakeClockTest {
    static final long MiB = 1024 * 1024;
    static final int CHUNK = 64 * 1024;

    @TempDir
    Path dir;

    private final FakeTime time = new FakeTime();
    private final EventLog log = new EventLog();
    private TransferEngine engine;

    @AfterEach
    void close() {
        if (engine != null) {
            engine.close();
        }
    }

    private Path file(String name, long size) throws Exception {
        byte[] data = new byte[(int) size];
        new Random(size).nextBytes(data);
        return Files.write(dir.resolve(name), data);
    }

    private void start(Provider p, long limit) {
        engine = new TransferEngine(ProviderRegistry.of(p), new MemoryJournal(),
                EngineSettings.defaults().withBandwidthLimit(limit), time, time, new Random(1));
        engine.subscribe(log);
    }

    private Transfer copy(Path src, String target) {
        return engine.submit(TestProviders.request("copier", src.toString(), dir.resolve(target).toString()));
    }

    private double seconds(Instant from) {
        return Duration.between(from, time.instant()).toNanos() / 1e9;
    }

    @Test
    void oneTransferIsHeldToTheLimit() throws Exception {
        start(new TestProviders.ChunkCopier(CHUNK, null), MiB);
        Path src = file("a.img", 4 * MiB);
        Instant t0 = time.instant();

        Transfer t = copy(src, "a.copy");
        log.awaitPhase(t.id(), TransferPhase.FINISHED_SUCCESS);

        // 4 MiB at 1 MiB/s: 4 s, less the quarter-second burst and the last chunk taken on credit
        assertThat(seconds(t0)).isBetween(4.0 - 0.25 - 0.0625 - 0.001, 4.0 + 0.001);
        assertThat(Files.mismatch(src, dir.resolve("a.copy"))).isEqualTo(-1);
    }

    @Test
    void theLimitIsSharedByAllTransfers() throws Exception {
        start(new TestProviders.ChunkCopier(CHUNK, null), MiB);
        Path a = file("a.img", 2 * MiB);
        Path b = file("b.img", 2 * MiB);
        Instant t0 = time.instant();

        Transfer ta = copy(a, "a.copy");
        Transfer tb = copy(b, "b.copy");
        log.awaitPhase(ta.id(), TransferPhase.FINISHED_SUCCESS);
        log.awaitPhase(tb.id(), TransferPhase.FINISHED_SUCCESS);

        // 2 × 2 MiB through one 1 MiB/s bucket take as long as 4 MiB alone, not 2 s
        assertThat(seconds(t0)).isBetween(4.0 - 0.25 - 2 * 0.0625 - 0.001, 4.0 + 0.001);
        assertThat(Files.mismatch(a, dir.resolve("a.copy"))).isEqualTo(-1);
        assertThat(Files.mismatch(b, dir.resolve("b.copy"))).isEqualTo(-1);
    }

    @Test
    void aNewLimitTakesEffectWhileTheTransferRuns() throws Exception {
        Path src = file("a.img", 4 * MiB);
        Provider faster = new Provider() {
            final TestProviders.ChunkCopier inner = new TestProviders.ChunkCopier(CHUNK, null);

            @Override
            public String id() {
                return "copier";
            }

            @Override
            public void run(TransferContext ctx) throws TransferException, TransferStopped, InterruptedException {
                TransferContext watching = new DelegatingContext(ctx) {
                    @Override
                    public void acquireBandwidth(long bytes) throws InterruptedException {
                        if (ctx.current().bytesDone() == 2 * MiB) {
                            engine.setBandwidthLimit(4 * MiB);
                        }
                        ctx.acquireBandwidth(bytes);
                    }
                };
                inner.run(watching);
            }
        };
        start(faster, MiB);
        Instant t0 = time.instant();

        Transfer t = copy(src, "a.copy");
        log.awaitPhase(t.id(), TransferPhase.FINISHED_SUCCESS);

        // first 2 MiB at 1 MiB/s (≈ 2 s), the rest at 4 MiB/s (≈ 0.5 s)
        assertThat(seconds(t0)).isBetween(2.0, 2.6);
        assertThat(engine.bandwidthLimit()).isEqualTo(4 * MiB);
    }

    @Test
    void unlimitedNeverWaits() throws Exception {
        start(new TestProviders.ChunkCopier(CHUNK, null), 0);
        Path src = file("a.img", 2 * MiB);
        Transfer t = copy(src, "a.copy");
        log.awaitPhase(t.id(), TransferPhase.FINISHED_SUCCESS);
        assertThat(time.sleeps()).isEmpty();
    }
}
