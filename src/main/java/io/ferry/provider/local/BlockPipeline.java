package io.ferry.provider.local;

import io.ferry.provider.io.IoErrors;
import io.ferry.provider.io.Writeback;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.channels.FileChannel;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * The verifying copy through user-space buffers on two threads (the buffer path: no SEEK_DATA, or
 * {@code -Dferry.copy.verifyPath=buffer}; see {@link TrailingHasher} for the default): the caller reads a block into a free buffer and fingerprints it, then hands it
 * over; a writer thread writes it (zero pages left out, as {@link BlockIo#writeSkippingZeroPages}) while the caller
 * already reads the next. The bytes written are exactly the bytes fingerprinted: each buffer belongs to one side at
 * a time, passed through a queue.
 *
 * <p>Blocks are written in the order they were handed over. {@link #close} waits for every block handed over to be
 * written (at most {@link #depth} MiB), so a pause fsyncs complete data; a write failure is kept and thrown to the
 * caller at its next {@link #take} or at {@link #finish}.
 */
final class BlockPipeline implements AutoCloseable {
    /** The buffers (1 MiB each) a pipeline circulates; kept by the copier across files. */
    static BlockIo[] buffers(int depth) {
        BlockIo[] b = new BlockIo[depth];
        for (int i = 0; i < depth; i++) {
            b[i] = new BlockIo();
        }
        return b;
    }

    /** One block on its way: the buffer, where it goes, and whether it holds anything but zeros. */
    static final class Slot {
        final BlockIo io;
        long pos;
        int len;
        boolean data;

        Slot(BlockIo io) {
            this.io = io;
        }
    }

    private static final Slot END = new Slot(null);

    private final BlockingQueue<Slot> free;
    private final BlockingQueue<Slot> full;
    private final FileChannel out;
    private final Writeback writeback;
    private final Thread writer;
    private final int depth;
    private volatile Throwable failure;
    private boolean closed;

    BlockPipeline(BlockIo[] buffers, FileChannel out, Writeback writeback) {
        this.depth = buffers.length;
        this.free = new ArrayBlockingQueue<>(depth);
        this.full = new ArrayBlockingQueue<>(depth + 1);
        for (BlockIo b : buffers) {
            free.add(new Slot(b));
        }
        this.out = out;
        this.writeback = writeback;
        this.writer = Thread.ofPlatform().name("ferry-copy-writer").daemon(true).start(this::writeLoop);
    }

    /** A free buffer to read the next block into; throws the writer's failure if it had one. */
    Slot take() throws IOException, InterruptedException {
        rethrow();
        Slot s = free.take();
        rethrow();
        return s;
    }

    /** Hands a filled buffer to the writer. */
    void submit(Slot s) {
        full.add(s); // never blocks: at most depth slots exist, plus room for END
    }

    /** Waits until everything handed over is written; throws the first write failure. */
    void finish() throws IOException {
        close();
        rethrow();
    }

    /** Stops the writer after the blocks already handed over; waits for it (never leaves a write running). */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        full.add(END);
        boolean interrupted = false;
        while (writer.isAlive()) {
            try {
                writer.join();
            } catch (InterruptedException e) {
                interrupted = true; // the writer has at most `depth` MiB left: finish waiting, then pass it on
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private void writeLoop() {
        while (true) {
            Slot s;
            try {
                s = full.take();
            } catch (InterruptedException e) {
                failure = new InterruptedIOException("the copy's writer was interrupted");
                return;
            }
            if (s == END) {
                return;
            }
            if (failure == null) {
                try {
                    if (s.data) {
                        s.io.writeSkippingZeroPages(out, s.pos, s.len);
                    }
                    writeback.writtenUpTo(s.pos + s.len);
                } catch (Throwable t) {
                    failure = t;
                }
            }
            free.add(s);
        }
    }

    private void rethrow() throws IOException {
        IoErrors.rethrowIfFailed(failure);
    }
}
