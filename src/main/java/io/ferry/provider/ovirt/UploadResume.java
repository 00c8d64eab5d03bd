package io.ferry.provider.ovirt;

import io.ferry.domain.Transfer;
import io.ferry.provider.TransferContext;
import io.ferry.provider.TransferException;
import io.ferry.provider.TransferStopped;
import io.ferry.provider.ovirt.imageio.ImageioClient;
import io.ferry.provider.ovirt.imageio.ImageioUpload;
import io.ferry.provider.ovirt.imageio.ImageioVerify;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Where an upload that was interrupted (a crash, a kill, a restart, a retry) continues. The durable
 * {@code done_below} offset says what an earlier run had sent, but not that the server still holds it: data goes
 * with {@code flush=n} and only the last PATCH flush makes it durable, so an imageio restart, another writer or a
 * lost disk may have changed it. The prefix is read back and compared with the local file (as the local copy
 * re-checks its part file); the upload continues at the chunk holding the first byte that differs — never
 * silently from zero, and never past bytes the server does not hold.
 */
final class UploadResume {
    /**
     * @param from              where to continue sending
     * @param wholeImageChecked every byte of the image was re-checked and matched (nothing left to send): that is
     *                          a read-back verification already
     */
    record Point(long from, boolean wholeImageChecked) {}

    private UploadResume() {}

    static Point find(TransferContext ctx, ImageioClient client, Path file, long length, int readers)
            throws TransferException, TransferStopped, InterruptedException, IOException {
        long had = Math.min(length,
                Long.parseLong(ctx.current().attributes().getOrDefault(ContextListener.DONE_BELOW, "0")));
        if (had <= 0) {
            return new Point(0, false);
        }
        ctx.update(t -> t.withMessage("re-checking the " + had + " bytes sent before against the source"));
        long differs = ImageioVerify.firstDifference(client, file, had, readers, ContextListener.checkpointsOnly(ctx));
        if (differs >= had) {
            ctx.update(t -> t.withMessage("resumed at byte " + had + " after re-checking the " + had
                    + " bytes sent before against the source"));
            return new Point(had, had == length);
        }
        long from = differs / ImageioUpload.CHUNK * ImageioUpload.CHUNK;
        ctx.update(t -> rewound(t, from, length, "the server's image differs from the source at byte " + differs
                + " of the " + had + " bytes sent before; resumed at byte " + from));
        return new Point(from, false);
    }

    private static Transfer rewound(Transfer t, long from, long length, String message) {
        return t.withBytes(from, length).withAttribute(ContextListener.DONE_BELOW, Long.toString(from)).withMessage(message);
    }
}
