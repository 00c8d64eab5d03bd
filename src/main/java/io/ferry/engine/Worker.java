package io.ferry.engine;

import static io.ferry.domain.TransferPhase.CANCELLED;
import static io.ferry.domain.TransferPhase.CANCELLED_SYSTEM;
import static io.ferry.domain.TransferPhase.CANCELLED_USER;
import static io.ferry.domain.TransferPhase.FINALIZING_CLEANUP;
import static io.ferry.domain.TransferPhase.FINALIZING_FAILURE;
import static io.ferry.domain.TransferPhase.FINALIZING_SUCCESS;
import static io.ferry.domain.TransferPhase.FINISHED_CLEANUP;
import static io.ferry.domain.TransferPhase.FINISHED_FAILURE;
import static io.ferry.domain.TransferPhase.FINISHED_SUCCESS;
import static io.ferry.domain.TransferPhase.INITIALIZING;
import static io.ferry.domain.TransferPhase.PAUSED_SYSTEM;
import static io.ferry.domain.TransferPhase.PAUSED_USER;
import static io.ferry.domain.TransferPhase.RESUMING;
import static io.ferry.domain.TransferPhase.TRANSFERRING;
import static io.ferry.domain.TransferPhase.UNKNOWN;

import io.ferry.domain.ErrorCode;
import io.ferry.domain.ErrorLogEntry;
import io.ferry.domain.PhaseAction;
import io.ferry.domain.PhaseTransitions;
import io.ferry.domain.TransferPhase;
import io.ferry.provider.Provider;
import io.ferry.provider.TransferException;
import io.ferry.provider.TransferStopped;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drives one job through its life cycle on its worker thread: runs the provider, and turns what it returns or
 * throws into phases (see {@link TransferEngine} for the whole picture).
 */
final class Worker {
    private static final Logger LOG = LoggerFactory.getLogger(Worker.class);

    private final EngineParts parts;
    private final Scheduler scheduler;

    Worker(EngineParts parts, Scheduler scheduler) {
        this.parts = parts;
        this.scheduler = scheduler;
    }

    void drive(Job job) {
        if (parts.closing) {
            return;
        }
        Provider provider = parts.providers.find(job.snapshot().provider()).orElse(null);
        TransferStopped.Why stop = job.stopRequest();
        if (stop == TransferStopped.Why.CANCEL) {
            job.clearStop();
            if (job.phase().canCancel()) {
                cancel(job, provider);
                return;
            }
        } else if (stop == TransferStopped.Why.PAUSE) {
            job.clearStop();
            if (job.phase().canPause()) {
                job.move(PAUSED_USER, PhaseAction.PAUSE, "paused by operator");
                return;
            }
        }
        if (job.takeCleanupRequest()) {
            cleanup(job, provider);
            return;
        }
        TransferPhase phase = job.phase();
        if (phase == FINALIZING_FAILURE) {
            job.move(FINISHED_FAILURE, PhaseAction.SYSTEM, job.snapshot().phaseReason());
            return;
        }
        boolean watch = job.takeWatchRequest();
        if (!isRunnable(phase) && !(watch && !phase.isFinal())) {
            return;
        }
        if (provider == null) {
            unavailable(job);
            return;
        }
        run(job, provider);
    }

    private static boolean isRunnable(TransferPhase p) {
        return p == INITIALIZING || p == RESUMING || p == TRANSFERRING || p == FINALIZING_SUCCESS;
    }

    private void run(Job job, Provider provider) {
        JobContext ctx = new JobContext(job, parts, scheduler);
        while (true) {
            try {
                if (!slotToWork(job, provider)) {
                    return;
                }
                provider.run(ctx);
                finished(job);
                return;
            } catch (TransferStopped s) {
                stopped(job, provider, s.why());
                return;
            } catch (TransferException e) {
                try {
                    if (!retryAfter(job, provider, e)) {
                        return;
                    }
                } catch (InterruptedException ie) {
                    return;
                }
            } catch (InterruptedException ie) {
                job.checkpoint(true);
                return;
            } catch (RuntimeException re) {
                crashed(job, re);
                return;
            }
        }
    }

    /**
     * Work needs a slot: the first run has the one it was started with; a run after a backoff (or a provider that
     * gave its slot back and ended) waits at the end of the queue for one. False when a pause, cancel or shutdown
     * came first (then handled here, without a slot).
     */
    private boolean slotToWork(Job job, Provider provider) throws InterruptedException {
        if (scheduler.awaitSlot(job, () -> job.applicableStop() != null)) {
            return true;
        }
        scheduler.release(job);
        TransferStopped.Why why = job.applicableStop();
        if (why != null) {
            stopped(job, provider, why);
        }
        return false;
    }

    /** The provider returned normally: the data is complete (a data mover) or the remote job ended (a watcher). */
    private void finished(Job job) {
        job.failedAttempts = 0;
        if (job.observedRemote()) {
            return; // the remote phase is the truth
        }
        job.checkpoint(true);
        TransferPhase p = job.phase();
        if (p == INITIALIZING || p == RESUMING) {
            job.move(TRANSFERRING, PhaseAction.SYSTEM, p == RESUMING ? "resumed" : "session ready");
            p = TRANSFERRING;
        }
        if (p == TRANSFERRING) {
            job.move(FINALIZING_SUCCESS, PhaseAction.FINALIZE, "all data transferred");
            p = FINALIZING_SUCCESS;
        }
        switch (p) {
            case FINALIZING_SUCCESS -> job.move(FINISHED_SUCCESS, PhaseAction.SYSTEM, "done");
            case FINALIZING_FAILURE -> job.move(FINISHED_FAILURE, PhaseAction.SYSTEM, job.snapshot().phaseReason());
            case FINALIZING_CLEANUP -> job.move(FINISHED_CLEANUP, PhaseAction.SYSTEM, "partial data removed");
            default -> {
                // paused, final or unknown: the provider left it there on purpose
            }
        }
    }

    private void stopped(Job job, Provider provider, TransferStopped.Why why) {
        switch (why) {
            case SHUTDOWN -> job.checkpoint(true);
            case PAUSE -> {
                job.clearStop();
                TransferPhase p = job.phase();
                if (p.canPause()) {
                    job.move(PAUSED_USER, PhaseAction.PAUSE, "paused by operator");
                } else if (PhaseTransitions.allows(p, PhaseAction.SYSTEM, PAUSED_SYSTEM)) {
                    job.move(PAUSED_SYSTEM, PhaseAction.SYSTEM, "stopped by the provider");
                }
            }
            case CANCEL -> {
                job.clearStop();
                cancel(job, provider);
            }
        }
    }

    private void cancel(Job job, Provider provider) {
        if (job.phase().canCancel()) {
            job.move(CANCELLED_USER, PhaseAction.CANCEL, "cancelled by operator");
        }
        cleanup(job, provider);
    }

    /** cancelled_* → finalizing_cleanup → (provider cleanup) → finished_cleanup. */
    void cleanup(Job job, Provider provider) {
        TransferPhase p = job.phase();
        if (p == CANCELLED_USER || p == CANCELLED_SYSTEM || p == CANCELLED) {
            job.move(FINALIZING_CLEANUP, PhaseAction.SYSTEM, "removing partial data");
        }
        if (job.phase() != FINALIZING_CLEANUP) {
            return;
        }
        String reason = "partial data removed";
        if (provider == null) {
            reason = "provider '" + job.snapshot().provider() + "' is not available here: nothing was removed";
        } else {
            try {
                provider.cleanup(job.snapshot());
            } catch (TransferException e) {
                job.recordError(e.code(), e.sample());
                reason = "cleanup incomplete: " + e.getMessage();
            } catch (RuntimeException e) {
                job.recordError(ErrorCode.INTERNAL, sample(job, e));
                reason = "cleanup incomplete: " + e;
            }
        }
        job.move(FINISHED_CLEANUP, PhaseAction.SYSTEM, reason);
    }

    /**
     * Records the error; when its code says retry and attempts are left, waits out the backoff and returns true to
     * run again. The wait is in {@code paused_system} (then {@code resuming}) where the table allows that move;
     * elsewhere ({@code finalizing_success}: the source changed during verification, ABORTED) and for a job that
     * reports a remote phase, the phase stays and the history gets a note. The slot is given back for the backoff;
     * the next run waits for one at the end of the queue. Otherwise fails the transfer and returns false.
     */
    private boolean retryAfter(Job job, Provider provider, TransferException e) throws InterruptedException {
        job.recordError(e.code(), e.sample());
        int n = ++job.failedAttempts;
        RetryPolicy policy = parts.settings.retry();
        TransferPhase p = job.phase();
        boolean observed = job.observedRemote();
        if (!e.code().isRetryable() || n >= policy.maxAttempts() || p.isFinal() || p == UNKNOWN) {
            String why = e.getMessage();
            if (e.code().isRetryable() && n >= policy.maxAttempts()) {
                why += " (gave up after " + n + " attempts)";
            }
            LOG.info("Transfer {} failed: {}", job.id(), why);
            fail(job, why);
            return false;
        }
        Duration d = policy.delay(n, parts.random);
        int retries = policy.maxAttempts() - 1;
        String reason = e.getMessage() + "; retry " + n + " of " + retries + " in " + human(d);
        boolean paused = !observed && PhaseTransitions.allows(p, PhaseAction.SYSTEM, PAUSED_SYSTEM);
        if (paused) {
            job.move(PAUSED_SYSTEM, PhaseAction.SYSTEM, reason);
        } else {
            job.note(reason);
        }
        scheduler.release(job); // waiting, not working: a queued transfer may use the slot meanwhile
        parts.sleeper.sleep(d, () -> stopsNow(job) || paused && job.phase() != PAUSED_SYSTEM);
        TransferStopped.Why stop = job.stopRequest();
        if (stop == TransferStopped.Why.SHUTDOWN) {
            return false;
        }
        if (stop == TransferStopped.Why.CANCEL && job.phase().canCancel()) {
            job.clearStop();
            cancel(job, provider);
            return false;
        }
        if (!paused) {
            return true;
        }
        TransferPhase now = job.phase();
        if (now == PAUSED_SYSTEM) {
            job.move(RESUMING, PhaseAction.RESUME, "automatic retry " + n + " of " + retries);
            return true;
        }
        return now == RESUMING; // the operator resumed before the backoff ended
    }

    private static boolean stopsNow(Job job) {
        TransferStopped.Why s = job.stopRequest();
        return s == TransferStopped.Why.CANCEL || s == TransferStopped.Why.SHUTDOWN;
    }

    /** Gives up: … → finalizing_failure → finished_failure, or unknown where the table has no such way. */
    private void fail(Job job, String reason) {
        job.failedAttempts = 0;
        TransferPhase p = job.phase();
        if (p == RESUMING) {
            job.move(PAUSED_SYSTEM, PhaseAction.SYSTEM, reason);
            p = PAUSED_SYSTEM;
        }
        if (PhaseTransitions.allows(p, PhaseAction.SYSTEM, FINALIZING_FAILURE)) {
            job.move(FINALIZING_FAILURE, PhaseAction.SYSTEM, reason);
            job.move(FINISHED_FAILURE, PhaseAction.SYSTEM, reason);
        } else if (p == FINALIZING_SUCCESS || p == FINALIZING_FAILURE) {
            job.move(FINISHED_FAILURE, PhaseAction.SYSTEM, reason);
        } else if (!p.isFinal() && p != UNKNOWN) {
            job.move(UNKNOWN, PhaseAction.ERROR, reason);
        }
    }

    private void crashed(Job job, RuntimeException e) {
        LOG.warn("Provider '{}' failed unexpectedly on transfer {}", job.snapshot().provider(), job.id(), e);
        job.failedAttempts = 0;
        job.recordError(ErrorCode.INTERNAL, sample(job, e));
        if (job.phase() != UNKNOWN) {
            job.move(UNKNOWN, PhaseAction.ERROR, "unexpected error: " + e);
        }
    }

    private void unavailable(Job job) {
        String provider = job.snapshot().provider();
        String why = "provider '" + provider + "' is not available in this Ferry (known: " + parts.providers.ids() + ")";
        job.recordError(ErrorCode.FAILED_PRECONDITION, new ErrorLogEntry(job.snapshot().source(), List.of(why)));
        TransferPhase p = job.phase();
        if (p == RESUMING || PhaseTransitions.allows(p, PhaseAction.SYSTEM, PAUSED_SYSTEM)) {
            job.move(PAUSED_SYSTEM, PhaseAction.SYSTEM, why);
        } else {
            job.commitChange(t -> t);
        }
    }

    private static ErrorLogEntry sample(Job job, RuntimeException e) {
        String detail = e.getClass().getName() + Optional.ofNullable(e.getMessage()).map(m -> ": " + m).orElse("");
        return new ErrorLogEntry(job.snapshot().source(), List.of(detail));
    }

    static String human(Duration d) {
        double s = d.toNanos() / 1e9;
        return s < 10 ? String.format(Locale.ROOT, "%.1f s", s) : String.format(Locale.ROOT, "%d s", Math.round(s));
    }
}
