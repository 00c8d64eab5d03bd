package io.ferry.provider.ovirt.imageio;

import io.ferry.provider.TransferStopped;

/** How a data mover reports and where it is stopped; called from several worker threads at once. */
public interface DataListener {

    /** Blocks until the bandwidth limit lets {@code bytes} more through. */
    default void acquire(long bytes) throws InterruptedException {}

    /**
     * Bytes handled so far (data sent or received, zero areas skipped) and the offset below which everything is
     * done (where a restart may begin).
     */
    void progress(long bytesDone, long doneBelow);

    /**
     * Everything below {@code below} is on the server's storage: a PATCH flush sent after those writes returned.
     * Data past it was written without flush and may be lost if the server restarts.
     */
    default void flushed(long below) {}

    /** Between chunks: throws when a pause or cancel was asked for. */
    default void checkpoint() throws TransferStopped {}
}
