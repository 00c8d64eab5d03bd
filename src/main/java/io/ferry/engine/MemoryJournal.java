package io.ferry.engine;

import io.ferry.domain.PhaseAction;
import io.ferry.domain.Transfer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A journal in memory, for tests and for runs that keep nothing ({@code --no-store}). A new engine on the same
 * instance sees what the previous one saved, as after a restart. Thread-safe.
 */
public final class MemoryJournal implements TransferJournal {
    private final Map<String, Transfer> transfers = new LinkedHashMap<>();
    private final List<PendingAction> pending = new ArrayList<>();

    @Override
    public synchronized void save(Transfer transfer) {
        transfers.put(transfer.id(), transfer);
    }

    @Override
    public synchronized void delete(String id) {
        transfers.remove(id);
    }

    @Override
    public synchronized List<Transfer> loadAll() {
        return List.copyOf(transfers.values());
    }

    /** The last saved state of one transfer. */
    public synchronized Optional<Transfer> find(String id) {
        return Optional.ofNullable(transfers.get(id));
    }

    /** What another process would do: asks the engine running {@code id} to apply {@code action}. */
    public synchronized void request(String id, PhaseAction action) {
        pending.add(new PendingAction(id, action));
    }

    @Override
    public synchronized List<PendingAction> takePendingActions() {
        List<PendingAction> out = List.copyOf(pending);
        pending.clear();
        return out;
    }
}
