package io.ferry.engine;

import io.ferry.domain.ErrorCode;
import io.ferry.domain.ErrorLogEntry;
import io.ferry.domain.PhaseAction;
import io.ferry.domain.Transfer;
import io.ferry.domain.TransferPhase;
import io.ferry.provider.TransferContext;
import io.ferry.provider.TransferStopped;
import java.time.Clock;
import java.time.Duration;
import java.util.function.UnaryOperator;

/** Passes everything to another context; tests override one method to watch or steer a provider. */
class DelegatingContext implements TransferContext {
    private final TransferContext d;

    DelegatingContext(TransferContext d) {
        this.d = d;
    }

    @Override
    public Transfer current() {
        return d.current();
    }

    @Override
    public void update(UnaryOperator<Transfer> change) {
        d.update(change);
    }

    @Override
    public void moveTo(TransferPhase next, PhaseAction cause, String reason) {
        d.moveTo(next, cause, reason);
    }

    @Override
    public void saveNow() {
        d.saveNow();
    }

    @Override
    public long bandwidthLimit() {
        return d.bandwidthLimit();
    }

    @Override
    public void checkpointProgress() {
        d.checkpointProgress();
    }

    @Override
    public void observe(TransferPhase remote, String nativeStatus, String reason) {
        d.observe(remote, nativeStatus, reason);
    }

    @Override
    public void recordError(ErrorCode code, ErrorLogEntry sample) {
        d.recordError(code, sample);
    }

    @Override
    public void checkpoint() throws TransferStopped {
        d.checkpoint();
    }

    @Override
    public void acquireBandwidth(long bytes) throws InterruptedException {
        d.acquireBandwidth(bytes);
    }

    @Override
    public void sleep(Duration duration) throws TransferStopped, InterruptedException {
        d.sleep(duration);
    }

    @Override
    public Clock clock() {
        return d.clock();
    }

    @Override
    public java.util.Optional<String> secret(String name) {
        return d.secret(name);
    }

    @Override
    public boolean willRetry(ErrorCode code) {
        return d.willRetry(code);
    }

    @Override
    public void beginWait() {
        d.beginWait();
    }

    @Override
    public boolean endWait() throws TransferStopped, InterruptedException {
        return d.endWait();
    }

    @Override
    public void forgetSecret(String name) {
        d.forgetSecret(name);
    }
}
