package io.ferry.provider.ovirt.imageio;

import io.ferry.provider.TransferException;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The prefix of an image known to be on storage, for data movers whose workers finish chunks out of order: once the
 * finished prefix has grown {@code every} bytes past the last durable point, one worker makes it durable (the others
 * go on) and the listener hears of it through {@link DataListener#flushed}, so a restart after a crash re-checks or
 * fetches again only what lies past it. An upload makes it durable with a PATCH flush on the server, a download with
 * an fsync of the local file.
 */
final class DurablePrefix {
    @FunctionalInterface
    interface Action {
        void run() throws TransferException, InterruptedException, IOException;
    }

    private final long every;
    private final Action makeDurable;
    private final DataListener listener;
    private final AtomicLong durableBelow;
    private final AtomicBoolean busy = new AtomicBoolean();

    /** @param from where this run starts (what an earlier run left durable, or 0) */
    DurablePrefix(long from, long every, Action makeDurable, DataListener listener) {
        this.every = every;
        this.makeDurable = makeDurable;
        this.listener = listener;
        this.durableBelow = new AtomicLong(from);
    }

    /** Every write below {@code doneBelow} has returned: makes it durable when {@code every} bytes are due. */
    void finished(long doneBelow) throws TransferException, InterruptedException, IOException {
        if (doneBelow - durableBelow.get() >= every && busy.compareAndSet(false, true)) {
            try {
                now(doneBelow);
            } finally {
                busy.set(false);
            }
        }
    }

    /** Makes everything below {@code doneBelow} durable at once (at the end, or when the mover stops). */
    void now(long doneBelow) throws TransferException, InterruptedException, IOException {
        makeDurable.run();
        durableBelow.accumulateAndGet(doneBelow, Math::max);
        listener.flushed(doneBelow);
    }
}
