package io.ferry.provider.ovirt;

import io.ferry.domain.Transfer;
import io.ferry.provider.TransferContext;
import io.ferry.provider.TransferException;
import io.ferry.provider.TransferStopped;
import io.ferry.provider.ovirt.imageio.ImageioClient;
import io.ferry.provider.ovirt.imageio.ImageioOptions;
import io.ferry.provider.ovirt.imageio.ImageioUpload;
import io.ferry.provider.ovirt.imageio.ImageioVerify;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Where an upload that was interrupted (a crash, a kill, a restart, a retry) continues. The durable
 * {@code done_below} offset says what an earlier run had sent, but not that the server still holds it: data goes
 * with {@code flush=n}, and only what a PATCH flush covered ({@code flushed_below}) is on the server's storage —
 * an imageio restart may lose the rest. That unflushed part of the prefix is read back and compared with the local
 * file (as the local copy re-checks its part file); the upload continues at the chunk holding the first byte that
 * differs — never silently from zero, and never past bytes the server does not hold.
 */
final class UploadResume {
    /**
     * @param from              where to continue sending
     * @param wholeImageChecked every byte of the image was read back and matched just now (nothing left to send):
     *                          that is a read-back verification already
     */
    record Point(long from, boolean wholeImageChecked) {}

    private UploadResume() {}

    static Point find(TransferContext ctx, ImageioClient client, ImageioOptions opts, Path file, long length, int readers)
            throws TransferException, TransferStopped, InterruptedException, IOException {
        long had = Math.min(length, attribute(ctx, ContextListener.DONE_BELOW));
        if (had <= 0) {
            return new Point(0, false);
        }
        long flushed = Math.min(had, attribute(ctx, ContextListener.FLUSHED_BELOW));
        if (flushed >= had) {
            ctx.update(t -> t.withMessage("resumed at byte " + had + ", all of it flushed on the server before"));
            return new Point(had, false);
        }
        long unsure = had - flushed;
        ctx.update(t -> t.withMessage("re-checking the " + unsure + " bytes sent without flush before"));
        long differs = ImageioVerify.firstDifference(client, file, flushed, had, readers, ContextListener.checkpointsOnly(ctx));
        long from = differs >= had ? had : flushed + (differs - flushed) / ImageioUpload.CHUNK * ImageioUpload.CHUNK;
        if (opts.has("flush") && from > flushed) {
            client.flush(); // what was just found right is made durable, so the next restart need not read it again
            ctx.update(t -> t.withAttribute(ContextListener.FLUSHED_BELOW, Long.toString(from)));
        }
        if (differs >= had) {
            ctx.update(t -> t.withMessage("resumed at byte " + had + " after re-checking the " + unsure
                    + " bytes sent without flush before against the source"));
            return new Point(had, flushed == 0 && had == length);
        }
        ctx.update(t -> rewound(t, from, length, "the server's image differs from the source at byte " + differs
                + " (sent without flush before); resumed at byte " + from));
        return new Point(from, false);
    }

    private static long attribute(TransferContext ctx, String key) {
        return Long.parseLong(ctx.current().attributes().getOrDefault(key, "0"));
    }

    private static Transfer rewound(Transfer t, long from, long length, String message) {
        return t.withBytes(from, length).withAttribute(ContextListener.DONE_BELOW, Long.toString(from)).withMessage(message);
    }
}
