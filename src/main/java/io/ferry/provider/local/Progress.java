package io.ferry.provider.local;

import io.ferry.domain.Counter;
import io.ferry.domain.TransferCounters;
import io.ferry.provider.TransferContext;

/**
 * The running totals of one local transfer: bytes and objects done over total, and the seed-002 counters. Bytes
 * are logical (a hole counts as done when passed), so the percentage tracks the file's size. Each change is pushed
 * to the engine with {@link TransferContext#update}.
 */
final class Progress {
    private final TransferContext ctx;
    private TransferCounters counters = TransferCounters.EMPTY;
    private long bytesTotal = -1;
    private long objectsTotal = -1;
    private long base; // bytes of the objects already finished
    private long inFile; // bytes done in the current object
    private long objectsDone;
    private String status = "";

    Progress(TransferContext ctx) {
        this.ctx = ctx;
    }

    void totals(long bytes, long objects) {
        bytesTotal = bytes;
        objectsTotal = objects;
        publish();
    }

    void count(Counter c, long delta) {
        counters = counters.plus(c, delta);
    }

    /** Sets a counter that must appear (as "0") even before anything was counted. */
    void touch(Counter c) {
        if (!counters.has(c)) {
            counters = counters.with(c, 0);
        }
    }

    long get(Counter c) {
        return counters.get(c);
    }

    /** Bytes done inside the current object. */
    void fileOffset(long offset) {
        inFile = offset;
        publish();
    }

    /** The current object is done (copied, skipped or failed); its size counts as done. */
    void objectDone(long size) {
        base += size;
        inFile = 0;
        objectsDone++;
        publish();
    }

    void status(String nativeStatus) {
        status = nativeStatus;
        publish();
    }

    long bytesDone() {
        return base + inFile;
    }

    void publish() {
        long done = base + inFile;
        long od = objectsDone;
        long bt = bytesTotal;
        long ot = objectsTotal;
        TransferCounters c = counters;
        String s = status;
        ctx.update(t -> t.withBytes(done, bt).withObjects(od, ot).withCounters(c).withNativeStatus(s));
    }
}
