package io.ferry.app;

import io.ferry.cli.CliBackend;
import io.ferry.cli.CliException;
import io.ferry.cli.RunnerBusyException;
import io.ferry.domain.ErrorCode;
import io.ferry.domain.PhaseAction;
import io.ferry.domain.PhaseTransitions;
import io.ferry.domain.Transfer;
import io.ferry.domain.TransferPhase;
import io.ferry.engine.TransferService;
import io.ferry.provider.Provider;
import io.ferry.provider.TransferException;
import io.ferry.store.RunnerLock;
import io.ferry.store.RunnerLockedException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The CLI's view of Ferry: the store for reading and queuing, the runner lock, the engine. */
public final class AppCliBackend implements CliBackend {
    private static final Logger LOG = LoggerFactory.getLogger(AppCliBackend.class);

    private final Services services;
    private final Clock clock;

    public AppCliBackend(Services services, Clock clock) {
        this.services = services;
        this.clock = clock;
    }

    @Override
    public Path dataDir() {
        return services.dataDir();
    }

    @Override
    public List<Transfer> transfers() {
        return services.store().loadAll();
    }

    @Override
    public TransferService startRunner() {
        try {
            return services.startRunner();
        } catch (RunnerLockedException e) {
            throw new RunnerBusyException(e.getMessage(), e.pid());
        }
    }

    @Override
    public ActionOutcome act(Transfer transfer, PhaseAction action) {
        RunnerLock lock;
        try {
            lock = RunnerLock.acquire(services.dataDir());
        } catch (RunnerLockedException busy) {
            services.store().addPendingAction(transfer.id(), action);
            LOG.info("Queued {} of {} for the runner (pid {})", action.wireName(), transfer.id(), busy.pid());
            return ActionOutcome.queued(busy.pid());
        }
        // No process runs transfers: apply it here, holding the lock so none starts meanwhile.
        try (lock) {
            Transfer now = services.store().load(transfer.id())
                    .orElseThrow(() -> CliException.badInput("No transfer with id " + transfer.id() + "; `ferry list` shows them."));
            return ActionOutcome.applied(switch (action) {
                case PAUSE -> pause(now);
                case CANCEL -> cancel(now);
                default -> throw CliException.badInput("No Ferry process is running transfers; `ferry "
                        + action.wireName() + " " + transfer.id() + "` needs one (`ferry resume` runs it here).");
            });
        }
    }

    private Transfer pause(Transfer t) {
        PhaseTransitions.check(t.phase(), PhaseAction.PAUSE, TransferPhase.PAUSED_USER);
        Transfer paused = t.withPhase(TransferPhase.PAUSED_USER, clock.instant(), "paused from the command line");
        services.store().save(paused);
        return paused;
    }

    /** cancel → finalizing_cleanup (durable) → the provider removes what was left → finished_cleanup. */
    private Transfer cancel(Transfer t) {
        PhaseTransitions.check(t.phase(), PhaseAction.CANCEL, TransferPhase.FINALIZING_CLEANUP);
        Transfer cleaning = t.withPhase(TransferPhase.FINALIZING_CLEANUP, clock.instant(), "cancelled from the command line");
        services.store().save(cleaning);
        Optional<Provider> provider = services.provider(t.provider());
        Transfer done;
        if (provider.isEmpty()) {
            done = cleaning.withMessage("No " + t.provider() + " provider in this Ferry: nothing was removed")
                    .withPhase(TransferPhase.FINISHED_CLEANUP, clock.instant(), "cancelled; nothing to clean up here");
        } else {
            try {
                provider.get().cleanup(cleaning);
                done = cleaning.withPhase(TransferPhase.FINISHED_CLEANUP, clock.instant(), "partial target removed");
            } catch (TransferException e) {
                LOG.warn("Cleanup of {} failed: {}", t.id(), e.getMessage());
                done = cleaning.withErrors(cleaning.errors().record(e.code(), e.sample()))
                        .withMessage("Cleanup failed: " + e.getMessage())
                        .withPhase(TransferPhase.UNKNOWN, clock.instant(), "cleanup failed: " + e.code().name());
            } catch (RuntimeException e) {
                LOG.warn("Cleanup of {} failed", t.id(), e);
                done = cleaning.withErrors(cleaning.errors().record(ErrorCode.UNKNOWN, t.target(), String.valueOf(e.getMessage())))
                        .withPhase(TransferPhase.UNKNOWN, clock.instant(), "cleanup failed");
            }
        }
        services.store().save(done);
        if (done.phase().isFinal()) {
            forgetSecrets(done);
        }
        return done;
    }

    /** A transfer that ended here (not in an engine): the secrets it was started with leave the secret store too. */
    private void forgetSecrets(Transfer t) {
        if (t.option(io.ferry.engine.TransferRequest.SECRET_OPTIONS, "").isBlank()) {
            return;
        }
        try {
            services.transferSecrets().forget(t.id());
        } catch (RuntimeException e) {
            LOG.warn("The secrets of {} could not be removed from the secret store ({})", t.id(), e.getClass().getSimpleName());
        }
    }

    @Override
    public boolean verifyByDefault() {
        return services.settings().verifyByDefault();
    }

    @Override
    public void close() {
        services.close();
    }
}
