package io.ferry.app;

import io.ferry.domain.PhaseAction;
import io.ferry.domain.Transfer;
import io.ferry.engine.TransferListener;
import io.ferry.engine.TransferRequest;
import io.ferry.engine.TransferService;
import io.ferry.store.RunnerLock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/** The engine of the process that holds the runner lock; closing it stops the engine, then releases the lock. */
final class RunnerSession implements TransferService {
    private final TransferService engine;
    private final RunnerLock lock;
    private final AtomicBoolean closed = new AtomicBoolean();

    RunnerSession(TransferService engine, RunnerLock lock) {
        this.engine = engine;
        this.lock = lock;
    }

    @Override
    public Transfer submit(TransferRequest request) {
        return engine.submit(request);
    }

    @Override
    public void act(String id, PhaseAction action) {
        engine.act(id, action);
    }

    @Override
    public void remove(String id) {
        engine.remove(id);
    }

    @Override
    public List<Transfer> list() {
        return engine.list();
    }

    @Override
    public Optional<Transfer> get(String id) {
        return engine.get(id);
    }

    @Override
    public AutoCloseable subscribe(TransferListener listener) {
        return engine.subscribe(listener);
    }

    @Override
    public int maxConcurrent() {
        return engine.maxConcurrent();
    }

    @Override
    public void setMaxConcurrent(int max) {
        engine.setMaxConcurrent(max);
    }

    @Override
    public long bandwidthLimit() {
        return engine.bandwidthLimit();
    }

    @Override
    public void setBandwidthLimit(long bytesPerSecond) {
        engine.setBandwidthLimit(bytesPerSecond);
    }

    /** Idempotent; safe from a shutdown hook and the command at once. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            try {
                engine.close();
            } finally {
                lock.close();
            }
        }
    }
}
