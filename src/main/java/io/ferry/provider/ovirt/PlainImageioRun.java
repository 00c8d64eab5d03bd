package io.ferry.provider.ovirt;

import io.ferry.domain.Direction;
import io.ferry.domain.ErrorCode;
import io.ferry.domain.PhaseAction;
import io.ferry.domain.PhaseTransitions;
import io.ferry.domain.TransferPhase;
import io.ferry.provider.TransferContext;
import io.ferry.provider.TransferException;
import io.ferry.provider.TransferStopped;
import io.ferry.provider.ovirt.image.DiskImage;
import io.ferry.provider.ovirt.image.Extent;
import io.ferry.provider.ovirt.imageio.ImageioConnect;
import io.ferry.provider.ovirt.imageio.ImageioDownload;
import io.ferry.provider.ovirt.imageio.ImageioUpload;
import io.ferry.provider.ovirt.imageio.ImageioVerify;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;

/**
 * imageio without the engine: an existing transfer URL (as imageio's own client takes). Ferry owns the phases:
 * transferring once the server answers OPTIONS, finalizing_success when the data is sent (an upload is verified
 * there; a download is verified before its rename, then moves on), finished_success at the end. An upload resumed
 * after a restart first re-checks what it had sent ({@link UploadResume}). Finalizing the engine's transfer stays with whoever created it.
 */
final class PlainImageioRun {
    private final TransferContext ctx;
    private final OvirtOptions o;
    private final OkHttpClient http;

    PlainImageioRun(TransferContext ctx, OvirtOptions o, OkHttpClient http) {
        this.ctx = ctx;
        this.o = o;
        this.http = http;
    }

    void run(DiskImage uploadImage) throws TransferException, TransferStopped, InterruptedException, IOException {
        HttpUrl url = HttpUrl.parse(transferUrl(ctx, o));
        if (url == null) {
            throw new TransferException(ErrorCode.INVALID_ARGUMENT, "", "not an http(s) imageio URL");
        }
        ImageioConnect.Endpoint ep = ImageioConnect.connect(http, url, null);
        move(TransferPhase.TRANSFERRING, PhaseAction.SYSTEM, "imageio answered OPTIONS");
        int writers = Math.max(1, Math.min(o.connections(), ep.options().maxWriters()));
        int readers = Math.max(1, Math.min(o.connections(), ep.options().maxReaders()));
        long done = Long.parseLong(ctx.current().attributes().getOrDefault(ContextListener.DONE_BELOW, "0"));
        String method = "";
        if (ctx.current().direction() == Direction.UPLOAD) {
            Path file = Path.of(ctx.current().source());
            long len = uploadImage.fileSize();
            ctx.update(t -> t.withBytes(Math.min(t.bytesDone(), len), len));
            UploadResume.Point at = UploadResume.find(ctx, ep.client(), ep.options(), file, len, readers);
            ImageioUpload.run(ep.client(), ep.options(), file, len, at.from(), writers, new ContextListener(ctx, at.from(), len));
            // as a local copy: verification runs in finalizing_success, so a restart knows every byte was sent
            move(TransferPhase.FINALIZING_SUCCESS, PhaseAction.FINALIZE, o.verify() ? "data sent; verifying" : "data sent");
            if (o.verify() && at.wholeImageChecked()) {
                method = "read-back"; // the re-check after the restart read every byte back
            } else if (o.verify()) {
                ctx.update(t -> t.withMessage("verifying the upload"));
                long serverSize = ep.options().has("extents") ? ImageioDownload.size(ep.client().extents())
                        : ep.client().sizeFromContentRange().orElse(-1L);
                method = ImageioVerify.verify(ep.client(), file, len, serverSize, readers, ContextListener.checkpointsOnly(ctx)).method();
            }
        } else {
            Path target = Path.of(ctx.current().target());
            if (Files.exists(target) && !o.overwrite()) {
                throw new TransferException(ErrorCode.ALREADY_EXISTS, target.toString(),
                        target + " already exists; choose another path or allow overwriting");
            }
            Path part = EngineRun.partFile(target);
            List<Extent> extents = ImageioDownload.plan(ep.client(), ep.options(), -1);
            long size = ImageioDownload.size(extents);
            long from = ContextListener.downloadStart(ctx, Files.exists(part));
            ctx.update(t -> t.withBytes(Math.min(t.bytesDone(), size), size));
            try (RandomAccessFile raf = new RandomAccessFile(part.toFile(), "rw")) {
                if (from == 0) {
                    raf.setLength(0);
                }
                raf.setLength(size);
            }
            try (FileChannel ch = FileChannel.open(part, StandardOpenOption.WRITE)) {
                ImageioDownload.run(ep.client(), ep.options(), extents, from, ch, readers,
                        new ContextListener(ctx, from, size));
                ch.force(true);
            }
            if (o.verify()) {
                method = ImageioVerify.verify(ep.client(), part, size, size, readers, ContextListener.checkpointsOnly(ctx)).method();
            }
            if (o.overwrite()) {
                Files.move(part, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } else {
                Files.move(part, target, StandardCopyOption.ATOMIC_MOVE);
            }
        }
        String m = method;
        if (!m.isEmpty()) {
            ctx.update(t -> t.withAttribute("verified", m));
        }
        move(TransferPhase.FINALIZING_SUCCESS, PhaseAction.FINALIZE, "data moved" + (m.isEmpty() ? "" : ", verified by " + m));
        move(TransferPhase.FINISHED_SUCCESS, PhaseAction.SYSTEM, m.isEmpty() ? "done" : "verified by " + m);
    }

    /**
     * The transfer URL with its ticket: from the secret store (the option holds it redacted, {@code /images/***}),
     * else the option itself when that is the whole URL (a run without the engine, or a URL without a ticket).
     */
    static String transferUrl(TransferContext ctx, OvirtOptions o) throws TransferException {
        java.util.Optional<String> kept = ctx.secret(OvirtOptions.IMAGEIO_URL);
        if (kept.isPresent()) {
            return kept.get();
        }
        if (!o.imageioUrl().contains(REDACTED)) {
            return o.imageioUrl();
        }
        boolean upload = ctx.current().direction() == Direction.UPLOAD;
        throw new TransferException(ErrorCode.FAILED_PRECONDITION, o.imageioUrl(), "the imageio transfer URL ("
                + o.imageioUrl() + ") is not in the secret store: its ticket is a credential, so Ferry keeps the URL "
                + "there and never in the history, and either no secret store is open in this session (set "
                + "FERRY_PASSPHRASE, or unlock the secrets file in the window) or the URL was removed when the transfer "
                + "ended. Start the transfer again with the URL: ferry imageio "
                + (upload ? "upload " + ctx.current().source() + " URL" : "download URL " + ctx.current().target()));
    }

    /** What {@link io.ferry.provider.ovirt.http.Redact#url} leaves of a ticket. */
    private static final String REDACTED = "/images/***";

    private void move(TransferPhase to, PhaseAction cause, String reason) {
        TransferPhase now = ctx.current().phase();
        if (now != to && PhaseTransitions.allows(now, cause, to)) {
            ctx.moveTo(to, cause, reason);
        }
    }
}
