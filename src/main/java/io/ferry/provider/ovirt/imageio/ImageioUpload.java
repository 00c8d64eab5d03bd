package io.ferry.provider.ovirt.imageio;

import io.ferry.provider.TransferException;
import io.ferry.provider.TransferStopped;
import io.ferry.provider.ovirt.image.Extent;
import io.ferry.provider.ovirt.image.SparseMap;
import io.ferry.provider.io.Zeros;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Sends a local file to an imageio ticket: holes (lseek) and all-zero chunks as PATCH zero, data as ranged PUTs
 * over several connections (without flush), a PATCH flush about every {@value #FLUSH_EVERY} bytes of finished
 * prefix and one at the end. The listener hears of each flush, so a resumed upload needs to re-check only what
 * was sent after the last one.
 */
public final class ImageioUpload {
    public static final int CHUNK = 8 * 1024 * 1024;
    private static final long MAX_ZERO = 1L << 30;
    /** How much finished prefix may wait for a flush: bounds what a restart must re-check. */
    public static final long FLUSH_EVERY = 256L << 20;

    private ImageioUpload() {}

    /** What the upload did: bytes sent as data and bytes sent as zero requests. */
    public record Result(long dataBytes, long zeroBytes) {}

    /**
     * @param length      bytes to send ({@code [from, length)} of the file; past its end is sent as zeros)
     * @param from        where to start (0, or the done offset of an earlier run)
     * @param connections how many connections at once (at most the server's max_writers)
     */
    public static Result run(ImageioClient client, ImageioOptions opts, Path file, long length, long from,
            int connections, DataListener listener)
            throws TransferException, TransferStopped, InterruptedException, IOException {
        List<Extent> map = new ArrayList<>();
        for (Extent e : SparseMap.scan(file, length)) {
            if (e.end() <= from) {
                continue;
            }
            long s = Math.max(e.start(), from);
            map.add(new Extent(s, e.end() - s, e.zero()));
        }
        boolean canZero = opts.has("zero");
        WorkPlan plan = new WorkPlan(map, CHUNK, canZero ? MAX_ZERO : CHUNK);
        int n = Math.max(1, Math.min(connections, Math.min(opts.maxWriters(), plan.size())));
        long[] sent = new long[2];
        boolean canFlush = opts.has("flush");
        DurablePrefix flushed = new DurablePrefix(from, canFlush ? FLUSH_EVERY : Long.MAX_VALUE, client::flush, listener);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            Workers.run(n, "imageio-put", stop -> {
                ByteBuffer buf = ByteBuffer.allocateDirect(CHUNK);
                ByteBuffer zeros = null;
                for (WorkPlan.Item it = plan.take(); it != null && !stop.get(); it = plan.take()) {
                    listener.checkpoint();
                    boolean zero = it.zero();
                    int len = (int) Math.min(it.length(), CHUNK);
                    if (!zero) {
                        readFully(ch, buf, it.start(), len);
                        zero = canZero && Zeros.isZero(buf, len);
                    }
                    if (zero && canZero) {
                        client.zero(it.start(), it.length());
                    } else if (zero) {
                        // no zero support: send the zeros as data, one chunk at a time
                        if (zeros == null) {
                            zeros = ByteBuffer.allocateDirect(CHUNK);
                        }
                        listener.acquire(len);
                        client.put(it.start(), zeros, len);
                    } else {
                        listener.acquire(len);
                        client.put(it.start(), buf, len);
                    }
                    synchronized (sent) {
                        sent[zero ? 1 : 0] += it.length();
                    }
                    long[] p = plan.done(it);
                    listener.progress(p[0], p[1]);
                    flushed.finished(p[1]); // every write below p[1] had returned before this
                }
            });
        }
        if (canFlush) {
            flushed.now(length);
        }
        return new Result(sent[0], sent[1]);
    }

    /** Reads {@code len} bytes at {@code pos} into the start of {@code buf}; past the end of the file reads zeros. */
    static void readFully(FileChannel ch, ByteBuffer buf, long pos, int len) throws IOException {
        ByteBuffer b = buf.duplicate().clear().limit(len);
        while (b.hasRemaining()) {
            if (ch.read(b, pos + b.position()) < 0) {
                while (b.hasRemaining()) {
                    b.put((byte) 0);
                }
            }
        }
    }
}
