package io.ferry.ui.transfers;

import io.ferry.domain.PhaseAction;
import io.ferry.domain.Transfer;
import io.ferry.engine.TransferListener;
import io.ferry.engine.TransferRequest;
import io.ferry.engine.TransferService;
import java.util.List;
import java.util.Optional;

/** An engine whose remote side refuses every action with a message, as a provider error would. */
final class RefusingService implements TransferService {
    private final TransferService delegate;
    private final String message;

    RefusingService(TransferService delegate, String message) {
        this.delegate = delegate;
        this.message = message;
    }

    @Override
    public Transfer submit(TransferRequest request) {
        return delegate.submit(request);
    }

    @Override
    public void act(String id, PhaseAction action) {
        throw new IllegalStateException(message);
    }

    @Override
    public void remove(String id) {
        throw new IllegalStateException(message);
    }

    @Override
    public List<Transfer> list() {
        return delegate.list();
    }

    @Override
    public Optional<Transfer> get(String id) {
        return delegate.get(id);
    }

    @Override
    public AutoCloseable subscribe(TransferListener listener) {
        return delegate.subscribe(listener);
    }

    @Override
    public int maxConcurrent() {
        return delegate.maxConcurrent();
    }

    @Override
    public void setMaxConcurrent(int max) {
        delegate.setMaxConcurrent(max);
    }

    @Override
    public long bandwidthLimit() {
        return delegate.bandwidthLimit();
    }

    @Override
    public void setBandwidthLimit(long bytesPerSecond) {
        delegate.setBandwidthLimit(bytesPerSecond);
    }

    @Override
    public void close() {
        delegate.close();
    }
}
