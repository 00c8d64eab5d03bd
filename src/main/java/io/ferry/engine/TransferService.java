package io.ferry.engine;

import io.ferry.domain.PhaseAction;
import io.ferry.domain.Transfer;
import java.util.List;
import java.util.Optional;

/**
 * The transfer service the GUI and the CLI share: a queue, at most N transfers running at once, each action
 * checked against the phase transition table. Implementations are thread-safe.
 */
public interface TransferService extends AutoCloseable {

    /** Creates a transfer in {@code initializing}, queues it, and returns its first snapshot. */
    Transfer submit(TransferRequest request);

    /**
     * Applies an operator action (pause, resume, cancel, finalize, extend, retry) to one transfer.
     *
     * @throws io.ferry.domain.IllegalTransitionException when the phase does not allow it, naming both
     * @throws java.util.NoSuchElementException         when there is no transfer with that id
     */
    void act(String id, PhaseAction action);

    /** Removes a transfer that is not running from the list and the history. */
    void remove(String id);

    List<Transfer> list();

    Optional<Transfer> get(String id);

    /** Subscribes; the returned handle unsubscribes. */
    AutoCloseable subscribe(TransferListener listener);

    int maxConcurrent();

    void setMaxConcurrent(int max);

    /** Bytes per second for all transfers together; 0 means unlimited. Takes effect at once. */
    long bandwidthLimit();

    void setBandwidthLimit(long bytesPerSecond);

    /** Stops workers (running transfers stay resumable from their last checkpoint). */
    @Override
    void close();
}
