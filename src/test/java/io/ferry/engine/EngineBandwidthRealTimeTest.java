package io.ferry.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.ferry.domain.PhaseAction;
import io.ferry.domain.Transfer;
import io.ferry.domain.TransferPhase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real time, bounded the safe way round: at 1 KiB/s a 256 KiB copy would take minutes, so finishing (or pausing)
 * within the test's timeout can only come from the limit change (or the pause) reaching the waiting transfer.
 */
class EngineBandwidthRealTimeTest {
    static final int CHUNK = 64 * 1024;

    @TempDir
    Path dir;

    private TransferEngine engine;
    private final EventLog log = new EventLog();

    @AfterEach
    void close() {
        if (engine != null) {
            engine.close();
        }
    }

    private Transfer slowCopy(Path src) {
        engine = new TransferEngine(ProviderRegistry.of(new TestProviders.ChunkCopier(CHUNK, null)), new MemoryJournal(),
                EngineSettings.defaults().withBandwidthLimit(1024));
        engine.subscribe(log);
        return engine.submit(TestProviders.request("copier", src.toString(), dir.resolve("copy").toString()));
    }

    private Path source() throws Exception {
        byte[] data = new byte[4 * CHUNK];
        new Random(5).nextBytes(data);
        return Files.write(dir.resolve("src"), data);
    }

    @Test
    void liftingTheLimitReleasesATransferWaitingOnIt() throws Exception {
        Path src = source();
        Transfer t = slowCopy(src);
        log.awaitBytes(t.id(), CHUNK); // the first chunk went on credit; the second now waits about a minute

        engine.setBandwidthLimit(0);

        log.awaitPhase(t.id(), TransferPhase.FINISHED_SUCCESS);
        assertThat(Files.mismatch(src, dir.resolve("copy"))).isEqualTo(-1);
    }

    @Test
    void aPauseIsNotHeldUpByTheLimit() throws Exception {
        Transfer t = slowCopy(source());
        log.awaitBytes(t.id(), CHUNK);

        engine.act(t.id(), PhaseAction.PAUSE);

        Transfer paused = log.awaitPhase(t.id(), TransferPhase.PAUSED_USER);
        assertThat(paused.bytesDone()).isLessThan(4L * CHUNK);
    }
}
