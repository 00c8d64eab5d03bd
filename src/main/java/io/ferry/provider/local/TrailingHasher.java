package io.ferry.provider.local;

import io.ferry.provider.io.DataExtents;
import io.ferry.provider.io.IoErrors;
import io.ferry.provider.io.NativeFiles;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;

/**
 * The source's block fingerprints for a verifying copy that moves the data with {@code copy_file_range}: a second
 * thread reads the source right behind the copy (so it reads from the page cache the copy just filled) and fills
 * {@link BlockSums} with {@link BlockIo#fingerprint} semantics (a hole or an all-zero block is
 * {@link BlockSums#ZERO}). It never reads a block the copy has not moved yet: the copying thread reports its
 * progress with {@link #copiedUpTo}, and the hasher waits for it.
 *
 * <p>The fingerprints are of the source as read, compared later with the target as re-read; a source that changed
 * in between is caught by the size/time check (ABORTED). A block of written-out zeros inside a data region was
 * copied as data: the hasher punches it out of the target again ({@code fallocate(PUNCH_HOLE)}), so as on the
 * buffer path zeros become holes (whole 1 MiB blocks here) and the target never takes more blocks than the source.
 *
 * <p>{@link #finish} waits for the last block and throws the hasher's failure; {@link #close} stops the thread at
 * its next block and waits for it (a pause or cancel never leaves it running).
 */
final class TrailingHasher implements AutoCloseable {
    private final FileChannel in;
    private final DataExtents extents;
    private final BlockSums sums;
    private final BlockIo io;
    private final Path part;
    private final long size;
    private final Thread thread;
    private long copiedTo; // guarded by this
    private boolean stopped; // guarded by this
    private volatile Throwable failure;
    private int punchFd = -1; // the hasher thread's only

    /**
     * @param in     the source (positional reads only, so it may be shared with the copying thread)
     * @param source the source's path (the hasher walks its data regions with its own cursor)
     * @param part   the target being written (holes punched where the source has written-out zero blocks)
     * @param start  where the copy starts (a whole block; the fingerprints before it come from the resume check)
     */
    TrailingHasher(FileChannel in, Path source, Path part, long start, long size, BlockSums sums, BlockIo io) {
        this.in = in;
        this.extents = DataExtents.of(source, size);
        this.sums = sums;
        this.io = io;
        this.part = part;
        this.size = size;
        this.copiedTo = start;
        this.thread = Thread.ofPlatform().name("ferry-copy-hasher").daemon(true).start(() -> run(start));
    }

    /** Everything before {@code end} has been copied (or is a hole the copy skipped); throws the hasher's failure. */
    void copiedUpTo(long end) throws IOException {
        synchronized (this) {
            if (end > copiedTo) {
                copiedTo = end;
                notifyAll();
            }
        }
        rethrow();
    }

    /** Waits until every block is fingerprinted; throws the hasher's failure. */
    void finish() throws IOException, InterruptedException {
        copiedUpTo(size);
        thread.join();
        rethrow();
    }

    @Override
    public void close() {
        synchronized (this) {
            stopped = true;
            notifyAll();
        }
        boolean interrupted = false;
        while (thread.isAlive()) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                interrupted = true; // the hasher stops at its next block: finish waiting, then pass it on
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        extents.close();
        NativeFiles.close(punchFd);
    }

    private void run(long start) {
        long[] fp = new long[2];
        try {
            for (long pos = start; pos < size; pos += BlockIo.BLOCK) {
                int len = (int) Math.min(BlockIo.BLOCK, size - pos);
                if (!awaitCopied(pos + len)) {
                    return;
                }
                if (extents.sparseAware() && extents.nextData(pos) >= pos + len) {
                    continue; // a hole: ZERO, as BlockSums starts out
                }
                io.read(in, pos, len);
                io.fingerprint(len, fp);
                sums.set(pos, fp);
                if (fp[0] == 0 && fp[1] == 0) {
                    punch(pos, len);
                }
            }
        } catch (Throwable t) {
            failure = t;
        }
    }

    private synchronized boolean awaitCopied(long end) throws InterruptedException {
        while (copiedTo < end && !stopped) {
            wait();
        }
        return !stopped;
    }

    /** Zeros the copy stored as data become a hole again (best effort: where not supported they stay data). */
    private void punch(long pos, int len) {
        if (punchFd < 0 && NativeFiles.available()) {
            try {
                punchFd = NativeFiles.openWriteOnly(part);
            } catch (IOException e) {
                return;
            }
        }
        NativeFiles.punchHole(punchFd, pos, len);
    }

    private void rethrow() throws IOException {
        IoErrors.rethrowIfFailed(failure);
    }
}
