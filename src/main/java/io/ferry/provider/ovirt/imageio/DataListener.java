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
     * Everything below {@code below} is on storage: for an upload, on the server's (a PATCH flush sent after those
     * writes returned); for a download, on the local disk (an fsync after those writes returned). Data past it may
     * be lost if the server or this machine restarts.
     */
    default void flushed(long below) {}

    /** Between chunks: throws when a pause or cancel was asked for. */
    default void checkpoint() throws TransferStopped {}
}
