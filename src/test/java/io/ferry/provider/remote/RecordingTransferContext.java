package io.ferry.provider.remote;

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
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;

/**
 * A TransferContext for provider tests: keeps the transfer as the engine would, records every observed phase,
 * every error and every requested sleep. Sleeps return at once (the poll loop's timing is asserted from the
 * recorded durations, never from the wall clock); a stop can be requested after N checkpoints.
 */
public final class RecordingTransferContext implements TransferContext {
    public record Observation(TransferPhase phase, String nativeStatus, String reason, Transfer snapshot) {}

    private final AtomicReference<Transfer> current;
    private final Clock clock = Clock.fixed(Instant.parse("2026-11-23T12:00:00Z"), ZoneOffset.UTC);
    public final List<Observation> observations = new CopyOnWriteArrayList<>();
    public final List<Duration> sleeps = new CopyOnWriteArrayList<>();
    private volatile int stopAfterCheckpoints = -1;
    private volatile TransferStopped.Why stopWhy = TransferStopped.Why.PAUSE;
    private volatile int checkpoints;
    private volatile boolean retries;

    public RecordingTransferContext(Transfer initial) {
        this.current = new AtomicReference<>(initial);
    }

    public void stopAfter(int checkpointCount) {
        stopAfter(checkpointCount, TransferStopped.Why.PAUSE);
    }

    /** The checkpoint after {@code checkpointCount} throws a stop for {@code why} (a pause, a cancel…). */
    public void stopAfter(int checkpointCount, TransferStopped.Why why) {
        this.stopWhy = why;
        this.stopAfterCheckpoints = checkpointCount;
    }

    /** What {@link #willRetry} answers for retryable codes (as an engine with attempts left would). */
    public void retries(boolean r) {
        this.retries = r;
    }

    @Override
    public boolean willRetry(ErrorCode code) {
        return retries && code.isRetryable();
    }

    @Override
    public Transfer current() {
        return current.get();
    }

    @Override
    public void update(UnaryOperator<Transfer> change) {
        current.updateAndGet(change);
    }

    @Override
    public void moveTo(TransferPhase next, PhaseAction cause, String reason) {
        Transfer t = current.get();
        PhaseTransitions.check(t.phase(), cause, next);
        current.set(t.withPhase(next, clock.instant(), reason));
    }

    @Override
    public void observe(TransferPhase remote, String nativeStatus, String reason) {
        Transfer t = current.updateAndGet(x -> x.withPhase(remote, clock.instant(), reason).withNativeStatus(nativeStatus));
        observations.add(new Observation(remote, nativeStatus, reason, t));
    }

    @Override
    public void recordError(ErrorCode code, ErrorLogEntry sample) {
        current.updateAndGet(t -> t.withErrors(t.errors().record(code, sample)));
    }

    @Override
    public void checkpoint() throws TransferStopped {
        checkpoints++;
        if (stopAfterCheckpoints >= 0 && checkpoints > stopAfterCheckpoints) {
            throw new TransferStopped(stopWhy);
        }
    }

    @Override
    public void acquireBandwidth(long bytes) {}

    @Override
    public void sleep(Duration d) {
        sleeps.add(d);
    }

    @Override
    public Clock clock() {
        return clock;
    }

    public int checkpointCount() {
        return checkpoints;
    }

    public List<TransferPhase> phases() {
        return observations.stream().map(Observation::phase).toList();
    }

    public List<Double> percents() {
        return observations.stream().map(o -> o.snapshot().percent()).toList();
    }
}
