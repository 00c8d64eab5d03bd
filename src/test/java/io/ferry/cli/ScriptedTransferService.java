package io.ferry.cli;

import io.ferry.domain.ErrorCode;
import io.ferry.domain.PhaseAction;
import io.ferry.domain.Transfer;
import io.ferry.domain.TransferPhase;
import io.ferry.engine.TransferEvent;
import io.ferry.engine.TransferJournal;
import io.ferry.engine.TransferListener;
import io.ferry.engine.TransferRequest;
import io.ferry.engine.TransferService;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A test-only transfer service for the CLI's own behaviour (output, exit codes): it really copies the file, in
 * four progress steps, through initializing → transferring → finalizing_success → finished_success, journaling
 * each step before publishing it; or, with {@code failWith}, ends finished_failure with that code in the breakdown.
 */
final class ScriptedTransferService implements TransferService {
    private final TransferJournal journal;
    private final ErrorCode failWith;
    private final Map<String, Transfer> transfers = new ConcurrentHashMap<>();
    private final List<TransferListener> listeners = new CopyOnWriteArrayList<>();

    ScriptedTransferService(TransferJournal journal, ErrorCode failWith) {
        this.journal = journal;
        this.failWith = failWith;
    }

    @Override
    public Transfer submit(TransferRequest r) {
        Transfer t = Transfer.create(UUID.randomUUID().toString(), r.provider(), r.direction(), r.name(), r.source(),
                r.target(), r.options(), Instant.now());
        publish(TransferEvent.Kind.ADDED, t);
        Thread.ofVirtual().start(() -> run(t));
        return t;
    }

    private void run(Transfer t) {
        try {
            byte[] data = Files.readAllBytes(Path.of(t.source()));
            t = publish(TransferEvent.Kind.PHASE, t.withBytes(0, data.length)
                    .withPhase(TransferPhase.TRANSFERRING, Instant.now(), "started"));
            for (int step = 1; step <= 4; step++) {
                t = publish(TransferEvent.Kind.PROGRESS, t.withBytes((long) data.length * step / 4, data.length));
            }
            t = publish(TransferEvent.Kind.PHASE, t.withPhase(TransferPhase.FINALIZING_SUCCESS, Instant.now(), "verifying"));
            if (failWith != null) {
                publish(TransferEvent.Kind.PHASE, t.withErrors(t.errors().record(failWith, t.target(), "scripted failure"))
                        .withPhase(TransferPhase.FINISHED_FAILURE, Instant.now(), failWith.name()));
                return;
            }
            Files.write(Path.of(t.target()), data);
            publish(TransferEvent.Kind.PHASE, t.withPhase(TransferPhase.FINISHED_SUCCESS, Instant.now(), "verified"));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private Transfer publish(TransferEvent.Kind kind, Transfer t) {
        journal.save(t);
        transfers.put(t.id(), t);
        listeners.forEach(l -> l.onEvent(new TransferEvent(kind, t)));
        return t;
    }

    @Override
    public void act(String id, PhaseAction action) {
        throw new IllegalStateException("not scripted: " + action);
    }

    @Override
    public void remove(String id) {
        transfers.remove(id);
    }

    @Override
    public List<Transfer> list() {
        return List.copyOf(transfers.values());
    }

    @Override
    public Optional<Transfer> get(String id) {
        return Optional.ofNullable(transfers.get(id));
    }

    @Override
    public AutoCloseable subscribe(TransferListener listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    @Override
    public int maxConcurrent() {
        return 1;
    }

    @Override
    public void setMaxConcurrent(int max) {}

    @Override
    public long bandwidthLimit() {
        return 0;
    }

    @Override
    public void setBandwidthLimit(long bytesPerSecond) {}

    @Override
    public void close() {}
}
