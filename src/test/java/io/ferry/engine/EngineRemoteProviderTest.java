package io.ferry.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ferry.domain.Direction;
import io.ferry.domain.ErrorCode;
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
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A provider that runs the transfer remotely: it performs the actions, the engine follows what it observes. */
class EngineRemoteProviderTest {
    /** A remote job in memory: its status, and the actions it was asked to do. */
    static final class Remote implements Provider {
        final AtomicReference<TransferPhase> status = new AtomicReference<>(TransferPhase.TRANSFERRING);
        final List<PhaseAction> asked = new CopyOnWriteArrayList<>();
        volatile boolean refuse;

        @Override
        public String id() {
            return "remote";
        }

        @Override
        public void run(TransferContext ctx) throws TransferStopped, InterruptedException {
            while (true) {
                TransferPhase now = status.get();
                ctx.observe(now, "STATUS_" + now.name(), "reported by the remote system");
                if (now.isFinal()) {
                    return;
                }
                ctx.sleep(Duration.ofMillis(10));
            }
        }

        @Override
        public ActionResult act(Transfer transfer, PhaseAction action) throws TransferException {
            if (refuse) {
                throw new TransferException(ErrorCode.PERMISSION_DENIED, "https://remote.test/op/1", "not allowed");
            }
            asked.add(action);
            switch (action) {
                case PAUSE -> status.set(TransferPhase.PAUSED_USER);
                case RESUME -> status.set(TransferPhase.TRANSFERRING);
                case CANCEL -> status.set(TransferPhase.CANCELLED_USER);
                default -> {}
            }
            return ActionResult.REMOTE;
        }
    }

    private final Remote remote = new Remote();
    private final EventLog log = new EventLog();
    private TransferEngine engine;

    @AfterEach
    void close() {
        remote.status.set(TransferPhase.FINISHED_SUCCESS);
        if (engine != null) {
            engine.close();
        }
    }

    private Transfer watch() {
        engine = new TransferEngine(ProviderRegistry.of(remote), new MemoryJournal(), EngineSettings.defaults());
        engine.subscribe(log);
        return engine.submit(new TransferRequest("remote", Direction.WATCH, "operation 1", "transferOperations/1", "",
                Map.of()));
    }

    @Test
    void actionsArePerformedRemotelyAndTheEngineFollowsTheObservedPhases() {
        Transfer t = watch();
        log.awaitPhase(t.id(), TransferPhase.TRANSFERRING);

        engine.act(t.id(), PhaseAction.PAUSE);
        Transfer paused = log.awaitPhase(t.id(), TransferPhase.PAUSED_USER);
        assertThat(paused.nativeStatus()).isEqualTo("STATUS_PAUSED_USER");

        engine.act(t.id(), PhaseAction.RESUME);
        log.await(e -> e.transfer().id().equals(t.id()) && e.kind() == TransferEvent.Kind.PHASE
                && e.transfer().phase() == TransferPhase.TRANSFERRING
                && e.transfer().history().size() > paused.history().size(), "transferring again");
        remote.status.set(TransferPhase.FINISHED_SUCCESS);
        Transfer done = log.awaitPhase(t.id(), TransferPhase.FINISHED_SUCCESS);

        assertThat(remote.asked).containsExactly(PhaseAction.PAUSE, PhaseAction.RESUME);
        // only what the remote reported: no resuming, no finalizing the engine made up
        assertThat(done.history()).extracting(PhaseChange::phase).containsExactly(TransferPhase.INITIALIZING,
                TransferPhase.TRANSFERRING, TransferPhase.PAUSED_USER, TransferPhase.TRANSFERRING,
                TransferPhase.FINISHED_SUCCESS);
    }

    @Test
    void aRefusedRemoteActionIsReportedAndRecorded() {
        Transfer t = watch();
        log.awaitPhase(t.id(), TransferPhase.TRANSFERRING);
        remote.refuse = true;

        assertThatThrownBy(() -> engine.act(t.id(), PhaseAction.CANCEL))
                .isInstanceOf(ActionFailedException.class)
                .hasMessageContaining("cancel")
                .hasMessageContaining("not allowed");
        assertThat(engine.get(t.id()).orElseThrow().errors().count(ErrorCode.PERMISSION_DENIED)).isEqualTo(1);
        assertThat(engine.get(t.id()).orElseThrow().phase()).isEqualTo(TransferPhase.TRANSFERRING);
    }
}
