package io.ferry.cli.ovirt;

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
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * A TransferContext for running one provider in this process without the transfer service: the CLI's
 * {@code ferry ovirt} / {@code ferry imageio} commands until they run through the engine, and tests. Phase moves
 * Ferry makes are checked against the transition table; observed phases are recorded as they are. A pause or
 * cancel asked with {@link #request} arrives at the next checkpoint or sleep.
 */
public final class LocalTransferContext implements TransferContext {
    private final AtomicReference<Transfer> current;
    private final Clock clock;
    private final Consumer<Transfer> onChange;
    private final List<String> observed = new ArrayList<>();
    private volatile TransferStopped.Why requested;
    private final java.util.Map<String, String> secrets;

    public LocalTransferContext(Transfer initial, Clock clock, Consumer<Transfer> onChange) {
        this(initial, clock, onChange, java.util.Map.of());
    }

    /** @param secrets the request's secrets (an imageio transfer URL), held in memory only: there is no restart here */
    public LocalTransferContext(Transfer initial, Clock clock, Consumer<Transfer> onChange,
            java.util.Map<String, String> secrets) {
        this.current = new AtomicReference<>(initial);
        this.clock = clock;
        this.onChange = onChange == null ? t -> {} : onChange;
        this.secrets = java.util.Map.copyOf(secrets);
    }

    @Override
    public java.util.Optional<String> secret(String name) {
        return java.util.Optional.ofNullable(secrets.get(name));
    }

    @Override
    public Transfer current() {
        return current.get();
    }

    @Override
    public void update(UnaryOperator<Transfer> change) {
        onChange.accept(current.updateAndGet(change));
    }

    @Override
    public void moveTo(TransferPhase next, PhaseAction cause, String reason) {
        Transfer t = current.get();
        PhaseTransitions.check(t.phase(), cause, next);
        update(x -> x.withPhase(next, clock.instant(), reason));
    }

    @Override
    public void observe(TransferPhase remote, String nativeStatus, String reason) {
        synchronized (observed) {
            observed.add(nativeStatus);
        }
        update(x -> x.withPhase(remote, clock.instant(), reason).withNativeStatus(nativeStatus));
    }

    /** The raw phases observed so far, in order. */
    public List<String> observedPhases() {
        synchronized (observed) {
            return List.copyOf(observed);
        }
    }

    @Override
    public void recordError(ErrorCode code, ErrorLogEntry sample) {
        update(x -> x.withErrors(x.errors().record(code, sample)));
    }

    @Override
    public void checkpoint() throws TransferStopped {
        TransferStopped.Why w = requested;
        if (w != null) {
            throw new TransferStopped(w);
        }
    }

    @Override
    public void acquireBandwidth(long bytes) {}

    @Override
    public void sleep(Duration d) throws TransferStopped, InterruptedException {
        long end = System.nanoTime() + d.toNanos();
        while (true) {
            checkpoint();
            long left = end - System.nanoTime();
            if (left <= 0) {
                return;
            }
            Thread.sleep(Math.min(Duration.ofNanos(left).toMillis() + 1, 50));
        }
    }

    /** Asks for a pause or cancel (arrives at the next checkpoint); null clears it. */
    public void request(TransferStopped.Why why) {
        this.requested = why;
    }

    @Override
    public Clock clock() {
        return clock;
    }
}
