package io.ferry.cli;

import io.ferry.domain.PhaseAction;
import io.ferry.domain.Transfer;
import io.ferry.engine.TransferService;
import java.nio.file.Path;
import java.util.List;

/**
 * What the CLI needs from the rest of Ferry, implemented by the app's wiring: the transfers in the store, a runner
 * (the engine, under the data directory's runner lock), and operator actions that reach whichever process runs
 * the transfer.
 */
public interface CliBackend extends AutoCloseable {

    Path dataDir();

    /** Every transfer in the store, oldest first; needs no runner. */
    List<Transfer> transfers();

    /**
     * Takes the runner lock and starts the engine (which restores the store's transfers). Closing the service stops
     * the engine, leaving running transfers resumable, and releases the lock.
     *
     * @throws RunnerBusyException when another process runs transfers from this data directory
     */
    TransferService startRunner();

    /**
     * Pause or cancel one transfer: when another process runs transfers, the action is queued for it (it takes it
     * within a second); otherwise it is applied here at once (a cancel also removes what the transfer left).
     *
     * @throws io.ferry.domain.IllegalTransitionException when the transfer's phase does not allow it
     */
    ActionOutcome act(Transfer transfer, PhaseAction action);

    /** The verify setting a copy uses unless told otherwise. */
    boolean verifyByDefault();

    @Override
    void close();

    /**
     * @param transfer  the transfer after the action when it was applied here; null when it was queued
     * @param runnerPid the pid of the process the action was queued for, or -1
     */
    record ActionOutcome(Transfer transfer, long runnerPid) {
        public static ActionOutcome applied(Transfer t) {
            return new ActionOutcome(t, -1);
        }

        public static ActionOutcome queued(long pid) {
            return new ActionOutcome(null, pid);
        }

        public boolean wasQueued() {
            return transfer == null;
        }
    }
}
