package io.ferry.provider;

import io.ferry.domain.ErrorCode;
import io.ferry.domain.ErrorLogEntry;
import io.ferry.domain.PhaseAction;
import io.ferry.domain.Transfer;
import io.ferry.domain.TransferPhase;
import java.time.Clock;
import java.util.function.UnaryOperator;

/** What the engine gives a provider while it runs one transfer. Implemented by the engine; thread-safe. */
public interface TransferContext {

    /** The transfer as the engine holds it now (options, last durable progress, phase). */
    Transfer current();

    /** Changes the transfer (bytes, counters, native status, sub-jobs, attributes); cheap, call it per chunk. */
    void update(UnaryOperator<Transfer> change);

    /**
     * A move Ferry itself makes (a data mover's session ready, verify done, cleanup done), checked against the
     * transition table. Moving to the phase the transfer is already in does nothing; from {@code initializing} or
     * {@code resuming}, a move the table allows only from {@code transferring} passes through it. Do not change
     * the phase through {@link #update}: that is refused.
     *
     * @throws io.ferry.domain.IllegalTransitionException when the table has no such move
     */
    void moveTo(TransferPhase next, PhaseAction cause, String reason);

    /** A phase a remote system reports: recorded as it is (the remote phase is the truth), with its raw status. */
    void observe(TransferPhase remote, String nativeStatus, String reason);

    /** Records one error in the transfer's breakdown without failing it (a file in a tree that could not copy). */
    void recordError(ErrorCode code, ErrorLogEntry sample);

    /**
     * Makes the progress so far durable when it is due (at least every second or 64 MiB) and is where operator
     * requests arrive: throws {@link TransferStopped} when a pause or cancel was asked for. Data movers call it
     * between chunks with the bytes that are safely written; watchers call it between polls.
     */
    void checkpoint() throws TransferStopped;

    /**
     * Makes the progress so far durable when it is due, as {@link #checkpoint()} does, without its stop check: for
     * a second thread that reports the progress of one long call the provider's own thread is in (a
     * {@code copy_file_range} of gigabytes); the provider's thread takes a pause or cancel at its next
     * {@link #checkpoint()}. Contexts without a store have nothing to save.
     */
    default void checkpointProgress() {}

    /**
     * Makes the transfer as it is now durable at once (options and attributes included), without the side effects
     * of {@link #checkpoint()} (no phase move, no stop check). For a provider about to send a request that starts
     * something remote: what it needs to find that job again after a lost answer or a crash must be in the store
     * before the request leaves. Contexts without a store (the CLI running a provider directly) have nothing to do.
     */
    default void saveNow() {}

    /**
     * Blocks until the global bandwidth limit lets {@code bytes} more through (returns at once when unlimited, and
     * early when a pause or cancel is asked for: the next checkpoint then stops the provider). Ask per chunk,
     * before writing it.
     */
    void acquireBandwidth(long bytes) throws InterruptedException;

    /**
     * The global bandwidth limit now, in bytes per second; 0 when there is none. A data mover that sizes its
     * steps by its speed keeps them small while there is one, so that it moves (and shows progress) steadily.
     */
    default long bandwidthLimit() {
        return 0;
    }

    /** Sleeps for a poll interval or a backoff; wakes early (throwing) when a pause or cancel is asked for. */
    void sleep(java.time.Duration d) throws TransferStopped, InterruptedException;

    Clock clock();

    /**
     * The provider waits for something outside Ferry (an operator's resume on the remote system) instead of
     * working: the engine gives this transfer's slot (one of {@code maxConcurrent}) to the next queued transfer
     * while it waits. The provider may go on polling ({@link #sleep}, {@link #observe}); before it moves data again
     * it calls {@link #endWait}. Calling it when the slot is already given back does nothing. Without an engine
     * (the CLI running a provider directly) there is no slot: nothing happens.
     */
    default void beginWait() {}

    /**
     * Work continues after {@link #beginWait}: returns true once this transfer holds a slot again, at once when it
     * has one. When none is free it waits at the end of the queue, behind the transfers queued before it (its
     * history says "waiting for a free slot", then "a slot is free: continuing"). Returns false, keeping its place
     * in the queue, when the operator acts on the transfer meanwhile: the provider looks at its remote system
     * (the action may have paused or cancelled it there), then calls this again or {@link #beginWait}.
     * {@link #acquireBandwidth} waits for a slot the same way, so data never moves without one.
     *
     * @throws TransferStopped when a pause, cancel or shutdown applies while it waits
     */
    default boolean endWait() throws TransferStopped, InterruptedException {
        return true;
    }

    /**
     * Whether a {@link TransferException} with {@code code} thrown now would be retried (the engine's retry policy:
     * the code's guidance and the attempts left). A provider that holds a session on a remote system asks before
     * giving up on it: when no retry follows, it tells the remote system the job failed. Without an engine (the
     * CLI running a provider directly) nothing is retried.
     */
    default boolean willRetry(ErrorCode code) {
        return false;
    }

    /**
     * A secret the transfer was started with (the engine's {@code TransferRequest.secrets}, e.g. the imageio
     * transfer URL holding its ticket): kept in the secret store, never in the transfer or its options. Empty when
     * there is none: not given, or after a restart with no secret store open, or removed when the transfer ended
     * (the provider then fails with a message saying so and what to do). Never put the value into a message.
     */
    default java.util.Optional<String> secret(String name) {
        return java.util.Optional.empty();
    }

    /**
     * Forgets one secret of the transfer before the transfer ends, here and in the secret store (e.g. the Element
     * script parameters once the cluster has answered the start: they are not needed again). Nothing happens when
     * there is none. Contexts without a store have nothing to do.
     */
    default void forgetSecret(String name) {}
}
