package io.ferry.provider;

import io.ferry.domain.PhaseAction;
import io.ferry.domain.Transfer;

/**
 * The one SPI every system implements ({@code local}, {@code ovirt}, {@code gcs}, {@code element}, {@code ims}).
 * A provider knows its wire protocol and maps it onto the domain; the engine knows only this interface.
 *
 * <p>The engine calls {@link #run} on a virtual thread for each transfer it starts or resumes. A data mover
 * (local copy, imageio upload/download) moves bytes and returns when done; a job watcher (Storage Transfer,
 * Element, IMS) polls the remote job and returns when it reaches a final phase. Either way it reports through
 * the {@link TransferContext}, calls {@link TransferContext#checkpoint} often (that is where pause and cancel
 * arrive, as a {@link TransferStopped}), and throws {@link TransferException} with an ErrorCode on failure.
 *
 * <p><b>Who moves which phase</b> (the engine, {@code io.ferry.engine.TransferEngine}, implements this):
 * <ul>
 *   <li>The engine calls {@code run} in {@code initializing} (new or retried), {@code resuming} (resumed, or after
 *       an automatic retry), or, after a restart, in the phase the journal held ({@code transferring},
 *       {@code finalizing_success}); {@code ctx.current().bytesDone()} is then the last durable checkpoint.</li>
 *   <li>A data mover calls {@code ctx.moveTo(TRANSFERRING, SYSTEM, …)} once its session is ready; if it does not,
 *       its first {@code checkpoint()} or {@code acquireBandwidth()} makes that move. Before it verifies, it calls
 *       {@code ctx.moveTo(FINALIZING_SUCCESS, FINALIZE, "verifying")}. When {@code run} returns normally the engine
 *       moves on to {@code finished_success} (through {@code finalizing_success} if the provider did not).</li>
 *   <li>A {@link TransferException} is recorded in the breakdown; retryable codes go to {@code paused_system},
 *       wait out the backoff and come back through {@code resuming} (in {@code finalizing_success}, which has no
 *       way back, the run is repeated in place after the backoff); others end in {@code finished_failure} (from
 *       {@code finalizing_success}, directly: a failed verification). A RuntimeException ends in {@code unknown}.</li>
 *   <li>{@link TransferStopped}: pause → {@code paused_user}; cancel → {@code cancelled_user} →
 *       {@code finalizing_cleanup} → {@link #cleanup} → {@code finished_cleanup}; shutdown leaves the phase as it
 *       is, to be resumed on the next start.</li>
 *   <li>A watcher reports the remote phase with {@code ctx.observe}; from its first observation on, the engine
 *       makes no moves of its own on a normal return (the remote phase is the truth).</li>
 *   <li>A provider that waits for something outside Ferry (an operator's resume on its remote system) calls
 *       {@code ctx.beginWait()} first, so the transfer's slot goes to a queued transfer, and
 *       {@code ctx.endWait()} before it moves data again (back in line for a slot, at the end of the queue).</li>
 * </ul>
 */
public interface Provider {

    /** The provider id stored on each transfer: local, ovirt, gcs, element, ims. */
    String id();

    /**
     * Drives the transfer from its current state (a fresh one, or one restored after a restart or resumed after a
     * pause, in which case {@code ctx.current()} holds the last durable progress) until it reaches a final phase.
     *
     * @throws TransferStopped   when a checkpoint reported a pause or cancel; the provider has released what it
     *                           held (a cancelled data mover has also removed its partial target, or leaves that
     *                           to {@link #cleanup})
     * @throws TransferException on a failure, with its code; the engine records it and retries by the code's
     *                           guidance
     */
    void run(TransferContext ctx) throws TransferException, TransferStopped, InterruptedException;

    /**
     * An operator action on a transfer this provider runs remotely (a Storage Transfer operation, an oVirt image
     * transfer): perform it on the remote system and return {@link ActionResult#REMOTE}; the engine then follows
     * the phase the remote system reports. Data movers return {@link ActionResult#LOCAL} (the default) and the
     * engine stops or restarts the worker itself.
     */
    default ActionResult act(Transfer transfer, PhaseAction action) throws TransferException {
        return ActionResult.LOCAL;
    }

    /**
     * What a transfer's option holds in place of a credential the engine keeps in the secret store instead (see
     * {@link #secretOptions}); the provider reads the value with {@link TransferContext#secret}.
     */
    String SECRET_PLACEHOLDER = "(in the secret store)";

    /**
     * The options of this provider's transfers that are credentials (Element: the script parameters, which carry
     * S3 keys). The engine takes them out of a request's options before the transfer exists, keeps them as the
     * request's secrets (the secret store, per transfer id, never SQLite, the history or an event) and leaves
     * {@link #SECRET_PLACEHOLDER} in the option; the provider reads them with {@link TransferContext#secret}. A
     * transfer restored from the store whose option still holds a value (written by an earlier Ferry) has it moved
     * there too when a secret store is open. A value in parentheses is a placeholder, never moved (Element's
     * "(sent to the cluster; not stored)").
     */
    default java.util.Set<String> secretOptions() {
        return java.util.Set.of();
    }

    /** Removes what a cancelled transfer left behind (a partial file, a partial disk). Idempotent. */
    default void cleanup(Transfer transfer) throws TransferException {}

    enum ActionResult {
        /** The engine handles it: stops the worker (pause, cancel) or starts it again (resume, retry). */
        LOCAL,
        /** The provider did it on the remote system; the engine keeps following the remote phase. */
        REMOTE
    }
}
