package io.ferry.provider.io;

import java.nio.file.Path;

/**
 * Early writeback for a file being written front to back: every {@link #BATCH} bytes written, the kernel is asked
 * to start writing them to the device ({@code sync_file_range(SYNC_FILE_RANGE_WRITE)}), and data more than
 * {@code window} bytes behind is waited for. Without it the page cache collects gigabytes of dirty pages that the
 * final fsync then writes while nothing else happens; with it reading the source and writing the target overlap
 * from the start, the final fsync has at most {@code window} bytes left, and a pause's fsync is short too.
 *
 * <p>Only a head start: durability still comes from fsync alone. A no-op where {@link NativeFiles} is not
 * available (or the calls fail). Not thread-safe: one writer per instance.
 */
public final class Writeback implements AutoCloseable {
    /** How much is handed to the kernel per call. */
    static final long BATCH = 8L << 20;

    /** Does nothing: the kernel writes back at its own dirty thresholds. */
    public static final Writeback NONE = new Writeback(-1, Long.MAX_VALUE, 0);

    private final int fd;
    private final long window;
    private long started; // everything below was handed to writeback
    private long awaited; // everything below was written back and waited for

    private Writeback(int fd, long window, long from) {
        this.fd = fd;
        this.window = window;
        this.started = from;
        this.awaited = from;
    }

    /**
     * @param file   the file being written (opened again read-only: the JDK does not expose a channel's descriptor)
     * @param window how far behind the written end data may still be dirty
     * @param from   where writing starts (a resumed copy starts past its verified prefix)
     */
    public static Writeback of(Path file, long window, long from) {
        int fd = -1;
        if (NativeFiles.available()) {
            try {
                fd = NativeFiles.openReadOnly(file);
            } catch (java.io.IOException e) {
                fd = -1; // no head start, nothing else lost
            }
        }
        return new Writeback(fd, window, from);
    }

    /** Everything before {@code end} has been written (by write or copy_file_range). */
    public void writtenUpTo(long end) {
        if (fd < 0 || end - started < BATCH) {
            return;
        }
        if (!NativeFiles.startWriteback(fd, started, end - started)) {
            return;
        }
        started = end;
        long old = end - window;
        if (old - awaited >= BATCH) {
            NativeFiles.awaitWriteback(fd, awaited, old - awaited);
            awaited = old;
        }
    }

    @Override
    public void close() {
        if (this != NONE) {
            NativeFiles.close(fd);
        }
    }
}
