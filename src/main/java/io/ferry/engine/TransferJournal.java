package io.ferry.engine;

import io.ferry.domain.Transfer;
import java.util.List;

/**
 * Where the engine makes transfers durable (the SQLite store implements it; tests may use an in-memory one).
 * The engine calls {@link #save} for every phase change and progress checkpoint before it reports them.
 */
public interface TransferJournal {

    /** Writes the transfer durably (insert or replace, with its whole phase history). */
    void save(Transfer transfer);

    void delete(String id);

    /** Every transfer in the journal, oldest first. */
    List<Transfer> loadAll();

    /**
     * Operator requests written by another process (the CLI acting on the store while the GUI runs the
     * transfer): returns and clears them. Each is a transfer id and the action asked for.
     */
    List<PendingAction> takePendingActions();

    record PendingAction(String transferId, io.ferry.domain.PhaseAction action) {}
}
