package io.ferry.provider.ovirt.imageio;

import io.ferry.provider.TransferException;
import io.ferry.provider.TransferStopped;
import io.ferry.provider.ovirt.image.Extent;
import io.ferry.provider.io.Zeros;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads an imageio ticket into a local file: the extents API first, zero areas left as holes, data as ranged GETs
 * over several connections written where they belong; all-zero chunks are not written either, so the file stays
 * sparse.
 */
public final class ImageioDownload {
    public static final int CHUNK = ImageioUpload.CHUNK;
    /** How much downloaded prefix may wait for an fsync: what a restart after a power loss fetches again. */
    public static final long SYNC_EVERY = ImageioUpload.FLUSH_EVERY;

    private ImageioDownload() {}

    /** The image's extents (the server's map, or one data extent of {@code fallbackSize} without the API). */
    public static List<Extent> plan(ImageioClient client, ImageioOptions opts, long fallbackSize)
            throws TransferException, InterruptedException {
        if (opts.has("extents")) {
            return client.extents();
        }
        long size = fallbackSize >= 0 ? fallbackSize : client.sizeFromContentRange().orElseThrow(
                () -> new TransferException(io.ferry.domain.ErrorCode.FAILED_PRECONDITION, client.shownUrl(),
                        "the server offers no extents and no image size; cannot tell how much to download"));
        return size == 0 ? List.of() : List.of(new Extent(0, size, false));
    }

    public static long size(List<Extent> extents) {
        return extents.isEmpty() ? 0 : extents.getLast().end();
    }

    /**
     * Downloads {@code [from, size)} into {@code out} (an open, writable channel already sized to the image).
     *
     * @return bytes of data received
     */
    public static long run(ImageioClient client, ImageioOptions opts, List<Extent> extents, long from,
            FileChannel out, int connections, DataListener listener)
            throws TransferException, TransferStopped, InterruptedException, IOException {
        return run(client, opts, extents, from, out, connections, listener, SYNC_EVERY);
    }

    /**
     * As above, with the written prefix made durable ({@code fdatasync}) and reported through
     * {@link DataListener#flushed} about every {@code syncEvery} bytes, and once more when a pause or cancel stops
     * the download: a restart after a crash resumes from there, never past what reached the disk.
     */
    static long run(ImageioClient client, ImageioOptions opts, List<Extent> extents, long from,
            FileChannel out, int connections, DataListener listener, long syncEvery)
            throws TransferException, TransferStopped, InterruptedException, IOException {
        List<Extent> todo = new ArrayList<>();
        for (Extent e : extents) {
            if (e.end() > from) {
                long s = Math.max(e.start(), from);
                todo.add(new Extent(s, e.end() - s, e.zero()));
            }
        }
        WorkPlan plan = new WorkPlan(todo, CHUNK, Long.MAX_VALUE / 4);
        int n = Math.max(1, Math.min(connections, Math.min(opts.maxReaders(), plan.size())));
        long[] received = new long[1];
        DurablePrefix synced = new DurablePrefix(from, syncEvery, () -> out.force(false), listener);
        try {
            Workers.run(n, "imageio-get", stop -> {
                ByteBuffer buf = ByteBuffer.allocateDirect(CHUNK);
                for (WorkPlan.Item it = plan.take(); it != null && !stop.get(); it = plan.take()) {
                    listener.checkpoint();
                    if (!it.zero()) {
                        int len = (int) it.length();
                        listener.acquire(len);
                        client.get(it.start(), buf, len);
                        if (!Zeros.isZero(buf, len)) {
                            ByteBuffer bb = buf.duplicate().clear().limit(len);
                            while (bb.hasRemaining()) {
                                out.write(bb, it.start() + bb.position());
                            }
                        }
                        synchronized (received) {
                            received[0] += len;
                        }
                    }
                    long[] p = plan.done(it);
                    listener.progress(p[0], p[1]);
                    synced.finished(p[1]); // every write below p[1] had returned before this
                }
            });
        } catch (TransferStopped stopped) {
            // every write below the done offset has returned: make it durable, so a resume after a crash starts there
            synced.now(plan.doneBelow());
            throw stopped;
        }
        return received[0];
    }
}
