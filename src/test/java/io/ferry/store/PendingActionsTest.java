package io.ferry.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.ferry.domain.PhaseAction;
import io.ferry.engine.TransferJournal.PendingAction;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Actions written by "another process" (a second store instance on the same file) are taken exactly once. */
class PendingActionsTest {
    @TempDir
    Path dir;

    @Test
    void actionsFromAnotherInstanceAreTakenOnceInOrder() {
        try (SqliteStore runner = SqliteStore.open(dir); SqliteStore cli = SqliteStore.open(dir)) {
            assertThat(runner.takePendingActions()).isEmpty();
            cli.addPendingAction("t1", PhaseAction.PAUSE);
            cli.addPendingAction("t2", PhaseAction.CANCEL);
            cli.addPendingAction("t1", PhaseAction.RESUME);
            assertThat(runner.takePendingActions()).containsExactly(
                    new PendingAction("t1", PhaseAction.PAUSE),
                    new PendingAction("t2", PhaseAction.CANCEL),
                    new PendingAction("t1", PhaseAction.RESUME));
            assertThat(runner.takePendingActions()).isEmpty();
            assertThat(cli.takePendingActions()).isEmpty();
        }
    }

    @Test
    void twoTakersRacingNeverGetTheSameAction() throws Exception {
        int n = 100;
        try (SqliteStore writer = SqliteStore.open(dir); SqliteStore a = SqliteStore.open(dir); SqliteStore b = SqliteStore.open(dir)) {
            List<PendingAction> taken = Collections.synchronizedList(new ArrayList<>());
            CountDownLatch start = new CountDownLatch(1);
            try (ExecutorService pool = Executors.newFixedThreadPool(3)) {
                Future<?> w = pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < n; i++) {
                        writer.addPendingAction("t" + i, PhaseAction.PAUSE);
                    }
                    return null;
                });
                List<Future<?>> takers = new ArrayList<>();
                for (SqliteStore s : List.of(a, b)) {
                    takers.add(pool.submit(() -> {
                        start.await();
                        while (!w.isDone() || taken.size() < n) {
                            taken.addAll(s.takePendingActions());
                            if (w.isDone() && taken.size() >= n) {
                                break;
                            }
                            Thread.onSpinWait();
                        }
                        return null;
                    }));
                }
                start.countDown();
                w.get();
                for (Future<?> f : takers) {
                    f.get();
                }
            }
            assertThat(taken).hasSize(n);
            assertThat(taken.stream().map(PendingAction::transferId).distinct().count()).isEqualTo(n);
        }
    }

    @Test
    void anActionThisFerryDoesNotKnowIsDroppedNotFatal() throws Exception {
        try (SqliteStore store = SqliteStore.open(dir)) {
            try (var c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve(SqliteStore.FILE_NAME));
                    var st = c.createStatement()) {
                st.execute("INSERT INTO pending_actions(transfer_id, action, requested_at) VALUES ('t', 'teleport', '2026-01-01T00:00:00Z')");
            }
            store.addPendingAction("t", PhaseAction.CANCEL);
            assertThat(store.takePendingActions()).containsExactly(new PendingAction("t", PhaseAction.CANCEL));
            assertThat(store.takePendingActions()).isEmpty();
        }
    }
}
