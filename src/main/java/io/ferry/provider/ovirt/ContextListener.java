package io.ferry.provider.ovirt;

import io.ferry.provider.TransferContext;
import io.ferry.provider.TransferStopped;
import io.ferry.provider.ovirt.imageio.DataListener;

/**
 * Bridges a data mover to the TransferContext: bytes into the transfer (offset by what an earlier run already
 * did), the done offset into the {@code done_below} attribute (where a restart begins), checkpoints and bandwidth.
 */
final class ContextListener implements DataListener {
    static final String DONE_BELOW = "done_below";
    /** Below this offset the server has flushed what was sent (imageio PATCH flush). */
    static final String FLUSHED_BELOW = "flushed_below";

    private final TransferContext ctx;
    private final long base;
    private final long total;

    ContextListener(TransferContext ctx, long base, long total) {
        this.ctx = ctx;
        this.base = base;
        this.total = total;
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
