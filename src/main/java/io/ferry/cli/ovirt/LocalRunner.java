package io.ferry.cli.ovirt;

import io.ferry.domain.PhaseAction;
import io.ferry.domain.Transfer;
import io.ferry.domain.TransferPhase;
import io.ferry.engine.TransferRequest;
import io.ferry.provider.Provider;
import io.ferry.provider.TransferException;
import io.ferry.provider.TransferStopped;
import java.time.Clock;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;

/**
 * Runs the provider in this process with a {@link LocalTransferContext} (no store, no queue): what
 * {@code ferry ovirt} and {@code ferry imageio} do until they are mounted on the transfer service. Ctrl-C cancels
 * the transfer (for an engine upload the engine then removes the partial disk) and waits for that to finish.
 */
public final class LocalRunner implements TransferRunner {
    private final Provider provider;

    public LocalRunner(Provider provider) {
        this.provider = provider;
    }

    @Override
    public Outcome run(TransferRequest req, Consumer<Transfer> progress) throws InterruptedException {
        Transfer t = Transfer.create(UUID.randomUUID().toString(), req.provider(), req.direction(), req.name(),
                req.source(), req.target(), req.options(), Clock.systemUTC().instant());
        LocalTransferContext ctx = new LocalTransferContext(t, Clock.systemUTC(), progress, req.secrets());
        CountDownLatch finished = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            ctx.request(TransferStopped.Why.CANCEL);
            try {
                finished.await(60, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
            }
        });
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            provider.run(ctx);
            return new Outcome(ctx.current(), "", "");
        } catch (TransferException e) {
            ctx.update(x -> x.withErrors(x.errors().record(e.code(), e.sample())).withMessage(e.getMessage()));
            if (!ctx.current().phase().isFinal() && ctx.current().phase() != TransferPhase.PAUSED_SYSTEM
                    && io.ferry.domain.PhaseTransitions.allows(ctx.current().phase(), PhaseAction.SYSTEM,
                            TransferPhase.FINALIZING_FAILURE)) {
                ctx.moveTo(TransferPhase.FINALIZING_FAILURE, PhaseAction.SYSTEM, e.getMessage());
                ctx.moveTo(TransferPhase.FINISHED_FAILURE, PhaseAction.SYSTEM, e.getMessage());
            }
            return new Outcome(ctx.current(), e.getMessage(), e.code().name());
        } catch (TransferStopped s) {
            try {
                provider.cleanup(ctx.current());
            } catch (TransferException ignored) {
                // the engine reports what it could not clean up; nothing more to do here
            }
            return new Outcome(ctx.current(), "stopped: " + s.why().name().toLowerCase(java.util.Locale.ROOT), "CANCELLED");
        } finally {
            finished.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running: it waits for the latch above
            }
        }
    }
}
