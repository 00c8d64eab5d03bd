package io.ferry.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.ferry.domain.IllegalTransitionException;
import io.ferry.domain.PhaseAction;
import io.ferry.domain.PhaseChange;
import io.ferry.domain.Transfer;
import io.ferry.domain.TransferPhase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Operators click at random while real copies run: whatever the interleaving, every transfer ends in a phase
 * its actions explain, with the right bytes (finished_success: identical copy; finished_cleanup: no target),
 * and its history only ever makes moves the table allows.
 */
class EngineRandomActionsOnRealFilesTest {
    static final int CHUNK = 16 * 1024;
    static final PhaseAction[] CLICKS = {PhaseAction.PAUSE, PhaseAction.RESUME, PhaseAction.CANCEL, PhaseAction.RETRY};

    @TempDir
    Path dir;

    private TransferEngine engine;

    @AfterEach
    void close() {
        if (engine != null) {
            engine.close();
        }
    }

    @Test
    void randomPausesResumesCancelsAndRetriesNeverLoseOrCorruptATransfer() throws Exception {
        Random random = new Random(20261123);
        byte[] data = new byte[256 * 1024 + 99];
        random.nextBytes(data);
        Path src = Files.write(dir.resolve("src.img"), data);
        EventLog log = new EventLog();
        java.util.concurrent.Semaphore permits = new java.util.concurrent.Semaphore(0); // chunks the test lets through
        engine = new TransferEngine(ProviderRegistry.of(new TestProviders.ChunkCopier(CHUNK, permits)), new MemoryJournal(),
                EngineSettings.defaults().withMaxConcurrent(8));
        engine.subscribe(log);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            ids.add(engine.submit(TestProviders.request("copier", src.toString(), dir.resolve("t" + i).toString())).id());
        }

        // the clicks are meant to land mid-copy: on a busy machine the workers may not have started yet
        long until = System.nanoTime() + 30_000_000_000L;
        while (ids.stream().filter(id -> engine.get(id).orElseThrow().phase() == TransferPhase.TRANSFERRING).count() < 8
                && System.nanoTime() < until) {
            Thread.sleep(5);
        }
        int accepted = 0;
        for (int click = 0; click < 400; click++) {
            String id = ids.get(random.nextInt(ids.size()));
            // mostly what the phase offers (as the GUI's buttons do), sometimes anything
            List<PhaseAction> offered = java.util.Arrays.stream(CLICKS)
                    .filter(c -> io.ferry.domain.PhaseTransitions.allows(engine.get(id).orElseThrow().phase(), c))
                    .toList();
            PhaseAction a = !offered.isEmpty() && random.nextInt(5) > 0
                    ? weighted(offered, random)
                    : CLICKS[random.nextInt(CLICKS.length)];
            try {
                engine.act(id, a);
                accepted++;
            } catch (IllegalTransitionException refused) {
                assertThat(refused.getMessage()).contains(a.wireName());
            }
            permits.release(random.nextInt(4));
            Thread.sleep(1); // let the workers act on it, as an operator's clicks would, even on a busy machine
        }
        assertThat(accepted).isGreaterThan(20);
        permits.release(1_000_000);

        // settle: resume what is paused, then wait for every transfer to come to rest
        for (String id : ids) {
            awaitRest(log, id);
        }
        java.util.Map<TransferPhase, Long> seen = ids.stream()
                .flatMap(id -> engine.get(id).orElseThrow().history().stream())
                .collect(java.util.stream.Collectors.groupingBy(PhaseChange::phase, java.util.stream.Collectors.counting()));
        // the clicks really landed mid-copy: pauses, resumes, cancels and retries all happened
        assertThat(seen).containsKeys(TransferPhase.PAUSED_USER, TransferPhase.RESUMING, TransferPhase.CANCELLED_USER);
        assertThat(seen.get(TransferPhase.INITIALIZING)).isGreaterThan((long) ids.size());
        for (String id : ids) {
            Transfer t = engine.get(id).orElseThrow();
            Path target = Path.of(t.target());
            switch (t.phase()) {
                case FINISHED_SUCCESS -> assertThat(Files.mismatch(src, target)).as(id).isEqualTo(-1);
                case FINISHED_CLEANUP -> assertThat(target).as(id).doesNotExist();
                default -> throw new AssertionError(id + " ended in " + t.phase() + ": " + t.history());
            }
            assertLegalHistory(t);
        }
    }

    /** Cancel is offered almost everywhere; make it rarer so pauses and resumes get their turn. */
    private static PhaseAction weighted(List<PhaseAction> offered, Random random) {
        List<PhaseAction> bag = new ArrayList<>();
        for (PhaseAction a : offered) {
            int w = switch (a) {
                case PAUSE, RESUME -> 4;
                case RETRY -> 2;
                default -> 1;
            };
            for (int i = 0; i < w; i++) {
                bag.add(a);
            }
        }
        return bag.get(random.nextInt(bag.size()));
    }

    private void awaitRest(EventLog log, String id) {
        for (int round = 0; round < 50; round++) {
            TransferPhase p = log.await(e -> e.transfer().id().equals(id) && e.kind() == TransferEvent.Kind.PHASE
                    && rest(engine.get(id).orElseThrow().phase()), id + " at rest").transfer().phase();
            TransferPhase now = engine.get(id).orElseThrow().phase();
            if (now == TransferPhase.FINISHED_SUCCESS || now == TransferPhase.FINISHED_CLEANUP) {
                return;
            }
            if (now.isPaused()) {
                try {
                    engine.act(id, PhaseAction.RESUME);
                } catch (IllegalTransitionException raced) {
                    // it moved meanwhile; look again
                }
            }
            assertThat(p).isNotNull();
            log.await(e -> e.transfer().id().equals(id) && e.kind() == TransferEvent.Kind.PHASE
                    && (e.transfer().phase() == TransferPhase.FINISHED_SUCCESS
                            || e.transfer().phase() == TransferPhase.FINISHED_CLEANUP
                            || e.transfer().phase().isPaused()), id + " finished or paused");
        }
        throw new AssertionError(id + " never came to rest");
    }

    private static boolean rest(TransferPhase p) {
        return p.isPaused() || p == TransferPhase.FINISHED_SUCCESS || p == TransferPhase.FINISHED_CLEANUP;
    }

    private static void assertLegalHistory(Transfer t) {
        List<PhaseChange> h = t.history();
        for (int i = 1; i < h.size(); i++) {
            TransferPhase from = h.get(i - 1).phase();
            TransferPhase to = h.get(i).phase();
            if (from == to) {
                continue; // a history note
            }
            boolean someAction = false;
            for (PhaseAction a : PhaseAction.values()) {
                someAction |= io.ferry.domain.PhaseTransitions.allows(from, a, to);
            }
            assertThat(someAction).as("%s: %s → %s in %s", t.id(), from, to, h).isTrue();
        }
    }
}
