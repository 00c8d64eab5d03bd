package io.ferry.provider.gcs;

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
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;

/**
 * A TransferContext for driving a provider without the engine: it applies updates and observed phases to the
 * transfer as the engine's contract says, records every observation and every requested sleep (without
 * sleeping), and calls a hook at each sleep — where a test plays the operator (pause, resume, cancel).
 */
final class RecordingContext implements TransferContext {
    record Observation(TransferPhase phase, String nativeStatus, String reason, Transfer after) {}

    interface SleepHook {
        void onSleep(int sleepIndex, Duration requested) throws Exception;
    }

    private final AtomicReference<Transfer> transfer;
    private final List<Observation> observations = new CopyOnWriteArrayList<>();
    private final List<Duration> sleeps = new CopyOnWriteArrayList<>();
    private final Clock clock = Clock.fixed(Instant.parse("2026-11-23T12:00:00Z"), ZoneOffset.UTC);
    private volatile SleepHook hook = (i, d) -> {};
    private volatile int maxSleeps = 200;

    RecordingContext(Transfer t) {
        this.transfer = new AtomicReference<>(t);
    }

    RecordingContext onSleep(SleepHook h) {
        this.hook = h;
        return this;
    }

    @Override
    public Transfer current() {
        return transfer.get();
    }

    @Override
    public void update(UnaryOperator<Transfer> change) {
        transfer.updateAndGet(change);
    }

    @Override
    public void moveTo(TransferPhase next, PhaseAction cause, String reason) {
        transfer.updateAndGet(t -> t.withPhase(PhaseTransitions.check(t.phase(), cause, next), clock.instant(), reason));
    }

    @Override
    public void observe(TransferPhase remote, String nativeStatus, String reason) {
        Transfer after = transfer.updateAndGet(t -> t.withPhase(remote, clock.instant(), reason).withNativeStatus(nativeStatus));
        observations.add(new Observation(remote, nativeStatus, reason, after));
    }

    @Override
    public void recordError(ErrorCode code, ErrorLogEntry sample) {
        transfer.updateAndGet(t -> t.withErrors(t.errors().record(code, sample)));
    }

    @Override
    public void checkpoint() {}

    @Override
    public void acquireBandwidth(long bytes) {}

    @Override
    public void sleep(Duration d) throws TransferStopped, InterruptedException {
        sleeps.add(d);
        if (sleeps.size() > maxSleeps) {
            throw new AssertionError("the watcher kept polling past " + maxSleeps + " polls");
        }
        try {
            hook.onSleep(sleeps.size(), d);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Exception e) {
            throw new AssertionError("sleep hook failed: " + e, e);
        }
    }

    @Override
    public Clock clock() {
        return clock;
    }

    List<Observation> observations() {
        return List.copyOf(observations);
    }

    List<String> nativeStatuses() {
        List<String> out = new ArrayList<>();
        for (Observation o : observations) {
            if (out.isEmpty() || !out.getLast().equals(o.nativeStatus())) {
                out.add(o.nativeStatus());
            }
        }
        return out;
    }

    List<Duration> sleeps() {
        return List.copyOf(sleeps);
    }
}
