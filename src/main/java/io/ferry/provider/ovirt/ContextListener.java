package io.ferry.provider.ovirt;

import io.ferry.provider.TransferContext;
import io.ferry.provider.TransferStopped;
import io.ferry.provider.ovirt.imageio.DataListener;
import java.util.Map;

/**
 * Bridges a data mover to the TransferContext: bytes into the transfer (offset by what an earlier run already
 * did), the done offset into the {@code done_below} attribute (where a restart begins), checkpoints and bandwidth.
 */
final class ContextListener implements DataListener {
    static final String DONE_BELOW = "done_below";
    /**
     * Below this offset what was moved is on storage: flushed by the server (upload, imageio PATCH flush) or fsynced
     * into the local file (download).
     */
    static final String FLUSHED_BELOW = "flushed_below";

    private final TransferContext ctx;
    private final long base;
    private final long total;

    ContextListener(TransferContext ctx, long base, long total) {
        this.ctx = ctx;
        this.base = base;
        this.total = total;
    }

    /**
     * Where a download starts: 0 without a partial file; with one, the done offset, but no further than what was
     * fsynced ({@link #FLUSHED_BELOW}), since a crash of the machine can lose what the page cache held past it (the
     * message says so when it goes back). A fresh start records 0 as fsynced, so a crash before the first fsync
     * restarts from 0; a transfer from a version that kept no record resumes at its done offset, as it did then.
     */
    static long downloadStart(TransferContext ctx, boolean partExists) {
        if (!partExists) {
            ctx.update(t -> t.withAttribute(FLUSHED_BELOW, "0"));
            return 0;
        }
        Map<String, String> a = ctx.current().attributes();
        long done = Long.parseLong(a.getOrDefault(DONE_BELOW, "0"));
        String synced = a.get(FLUSHED_BELOW);
        long from = synced == null ? done : Math.min(done, Long.parseLong(synced));
        if (from < done) {
            ctx.update(t -> t.withMessage("resumed at byte " + from + ", the last point fsynced to the disk; the "
                    + (done - from) + " bytes after it are fetched again, as a crash may have lost them"));
        }
        return from;
    }

    /** Checkpoints only (for verification, which does not count as progress). */
    static DataListener checkpointsOnly(TransferContext ctx) {
        return new DataListener() {
            @Override
            public void progress(long bytesDone, long doneBelow) {}

            @Override
            public void checkpoint() throws TransferStopped {
                ctx.checkpoint();
            }
        };
    }

    @Override
    public void acquire(long bytes) throws InterruptedException {
        ctx.acquireBandwidth(bytes);
    }

    @Override
    public void progress(long bytesDone, long doneBelow) {
        ctx.update(t -> {
            long done = Math.max(t.bytesDone(), Math.min(total, base + bytesDone));
            long below = Math.max(doneBelow, Long.parseLong(t.attributes().getOrDefault(DONE_BELOW, "0")));
            return t.withBytes(done, total).withAttribute(DONE_BELOW, Long.toString(below));
        });
    }

    @Override
    public void flushed(long below) {
        ctx.update(t -> t.withAttribute(FLUSHED_BELOW, Long.toString(Math.max(below,
                Long.parseLong(t.attributes().getOrDefault(FLUSHED_BELOW, "0"))))));
    }

    @Override
    public void checkpoint() throws TransferStopped {
        ctx.checkpoint();
    }
}
