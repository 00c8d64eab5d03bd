package io.ferry.engine;

import io.ferry.domain.ErrorCode;
import io.ferry.domain.ErrorLogEntry;
import io.ferry.domain.PhaseAction;
import io.ferry.domain.PhaseTransitions;
import io.ferry.domain.Transfer;
import io.ferry.domain.TransferPhase;
import io.ferry.provider.TransferContext;
import io.ferry.provider.TransferStopped;
import java.time.Clock;
import java.time.Duration;
import java.util.function.UnaryOperator;

/** The engine's {@link TransferContext}: one per job, handed to the provider on every run. */
final class JobContext implements TransferContext {
    private final Job job;
    private final EngineParts parts;
    private final Scheduler scheduler;

    JobContext(Job job, EngineParts parts, Scheduler scheduler) {
        this.job = job;
        this.parts = parts;
        this.scheduler = scheduler;
    }

    @Override
    public Transfer current() {
        return job.snapshot();
    }

    @Override
    public void update(UnaryOperator<Transfer> change) {
        job.change(change);
    }

    /**
     * Checked against the table. Moving to the current phase does nothing; from initializing or resuming, a move
     * the table only allows from transferring (finalize, pause) passes through transferring first.
     */
    @Override
    public void moveTo(TransferPhase next, PhaseAction cause, String reason) {
        TransferPhase now = job.phase();
        if (now == next && cause != PhaseAction.EXTEND) {
            return;
        }
        if ((now == TransferPhase.INITIALIZING || now == TransferPhase.RESUMING)
                && !PhaseTransitions.allows(now, cause, next)
                && PhaseTransitions.allows(TransferPhase.TRANSFERRING, cause, next)) {
            job.move(TransferPhase.TRANSFERRING, PhaseAction.SYSTEM, "session ready");
        }
        job.move(next, cause, reason);
    }

    @Override
    public void observe(TransferPhase remote, String nativeStatus, String reason) {
        job.observe(remote, nativeStatus, reason);
    }

    @Override
    public void recordError(ErrorCode code, ErrorLogEntry sample) {
        job.recordError(code, sample);
    }

    @Override
    public void checkpoint() throws TransferStopped {
        job.throwIfStopped();
        startedMoving();
        job.checkpoint(false);
    }

    @Override
    public long bandwidthLimit() {
        return parts.bucket.rate();
    }

    @Override
    public void checkpointProgress() {
        job.checkpoint(false);
    }

    @Override
    public void saveNow() {
        job.checkpoint(true);
    }

    /**
     * Data moves only with a slot: a provider that gave its slot back ({@link #beginWait}) and writes again
     * without {@link #endWait} waits for one here (a pause or cancel meanwhile lets it through to the checkpoint).
     */
    @Override
    public void acquireBandwidth(long bytes) throws InterruptedException {
        if (!job.countedInLimit && !job.isWatch()
                && !scheduler.awaitSlot(job, () -> job.applicableStop() != null)) {
            return; // the next checkpoint stops it
        }
        startedMoving();
        parts.bucket.acquire(bytes, () -> job.applicableStop() != null);
    }

    @Override
    public void sleep(Duration d) throws TransferStopped, InterruptedException {
        job.checkpoint(false);
        parts.sleeper.sleep(d, () -> job.applicableStop() != null);
        job.throwIfStopped();
    }

    @Override
    public java.util.Optional<String> secret(String name) {
        return job.secret(name);
    }

    @Override
    public void beginWait() {
        scheduler.release(job);
    }

    @Override
    public boolean endWait() throws TransferStopped, InterruptedException {
        long acted = job.operatorActions();
        if (scheduler.awaitSlot(job, () -> job.applicableStop() != null || job.operatorActions() != acted)) {
            return true;
        }
        TransferStopped.Why why = job.applicableStop();
        if (why != null) {
            scheduler.release(job);
            job.throwIfStopped();
        }
        return false; // the operator acted (its place in the queue is kept): the provider looks at the remote again
    }

    @Override
    public void forgetSecret(String name) {
        job.forgetSecret(name);
    }

    @Override
    public Clock clock() {
        return parts.clock;
    }

    /** As {@code Worker.retryAfter} decides: a retryable code and an attempt left after this one. */
    @Override
    public boolean willRetry(ErrorCode code) {
        return code.isRetryable() && job.failedAttempts + 1 < parts.settings.retry().maxAttempts();
    }

    /**
     * Data is moving: a data mover still in initializing or resuming has evidently set up its session. Never for
     * a watch job or one that reports a remote phase: there the remote phase is the truth.
     */
    private void startedMoving() {
        if (job.observedRemote() || job.isWatch()) {
            return;
        }
        TransferPhase p = job.phase();
        if (p == TransferPhase.INITIALIZING || p == TransferPhase.RESUMING) {
            job.move(TransferPhase.TRANSFERRING, PhaseAction.SYSTEM,
                    p == TransferPhase.RESUMING ? "resumed" : "session ready");
        }
    }
}
