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

    /** Removes what a cancelled transfer left behind (a partial file, a partial disk). Idempotent. */
    default void cleanup(Transfer transfer) throws TransferException {}

    enum ActionResult {
        /** The engine handles it: stops the worker (pause, cancel) or starts it again (resume, retry). */
        LOCAL,
        /** The provider did it on the remote system; the engine keeps following the remote phase. */
        REMOTE
    }
}
