package io.ferry.provider.element;

import io.ferry.domain.Direction;
import io.ferry.domain.ErrorCode;
import io.ferry.domain.PhaseAction;
import io.ferry.domain.Transfer;
import io.ferry.domain.TransferPhase;
import io.ferry.provider.TransferContext;
import io.ferry.provider.TransferException;
import io.ferry.provider.TransferStopped;
import io.ferry.provider.remote.PollLoop;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import okhttp3.HttpUrl;

/**
 * A bulk volume job whose data Ferry itself moves (started without a script, {@link ElementOptions#FILE} set):
 * reports {@code running} with UpdateBulkVolumeStatus (which also gives the node's URL while the session is
 * active), moves the data through that URL ({@link BulkVolumeData}) with progress on the transfer row, reports
 * {@code running} with the percentage every {@link ElementOptions#STATUS_STEP} points or
 * {@link ElementOptions#STATUS_EVERY} seconds, and {@code complete} at the end. A read lands in {@code FILE.part},
 * fsynced and renamed only when complete.
 *
 * <p>On an error that the engine will retry, the job is left running (the next attempt asks for the URL again
 * and starts the data over); on any other error, and on cancel, the job is reported {@code failed} with the
 * reason, and the partial file is removed.
 */
final class BulkVolumeDataRun {
    static final String CANCELLED = "cancelled by the operator";
    /** {@link ElementOptions#REPORTED} once the data is in place but complete is not yet reported. */
    static final String MOVED = "moved";

    private final TransferContext ctx;
    private final ElementClient client;
    private final String key;
    private final Path file;
    private final boolean read;
    private final Duration every;
    private final double step;
    private Instant lastReportAt;
    private double lastReported = -1;

    BulkVolumeDataRun(TransferContext ctx, ElementClient client, String key) {
        this.ctx = ctx;
        this.client = client;
        this.key = key;
        Transfer t = ctx.current();
        this.file = fileOf(t);
        this.read = t.direction() == Direction.DOWNLOAD;
        this.every = Duration.ofMillis(Math.round(1000 * number(t.option(ElementOptions.STATUS_EVERY, ""), 5)));
        this.step = Math.min(100, number(t.option(ElementOptions.STATUS_STEP, ""), 10));
    }

    /** A positive number from an option, or {@code dflt}. */
    private static double number(String raw, double dflt) {
        try {
            double d = Double.parseDouble(raw.trim());
            return d > 0 && Double.isFinite(d) ? d : dflt;
        } catch (NumberFormatException e) {
            return dflt;
        }
    }

    static boolean movesData(Transfer t) {
        return !t.option(ElementOptions.FILE, "").isBlank();
    }

    static Path fileOf(Transfer t) {
        return Path.of(t.option(ElementOptions.FILE, "").trim());
    }

    static Path partOf(Path target) {
        return target.resolveSibling(target.getFileName() + ".part");
    }

    /**
     * What must hold before a job is started at all: no script (a script moves the data itself), the file to
     * write exists and is readable, the file to read into does not exist yet (unless overwriting is allowed) and
     * its folder does.
     */
    static void preflight(Transfer t) throws TransferException {
        Path f = fileOf(t);
        String shown = f.toString();
        if (!t.option(ElementOptions.SCRIPT, "").isBlank()) {
            throw new TransferException(ErrorCode.INVALID_ARGUMENT, shown, "give either a script (the cluster moves"
                    + " the data) or a local file (Ferry moves it through the node's URL), not both");
        }
        if (t.direction() == Direction.UPLOAD) {
            if (!Files.isRegularFile(f)) {
                throw new TransferException(ErrorCode.NOT_FOUND, shown, f + " is not a file Ferry can read: check the path");
            }
            if (!Files.isReadable(f)) {
                throw new TransferException(ErrorCode.PERMISSION_DENIED, shown, f + " is not readable by Ferry's user");
            }
        } else {
            if (Files.exists(f) && !overwrite(t)) {
                throw new TransferException(ErrorCode.ALREADY_EXISTS, shown,
                        f + " already exists; choose another file or allow overwriting");
            }
            Path dir = f.toAbsolutePath().getParent();
            if (dir == null || !Files.isDirectory(dir)) {
                throw new TransferException(ErrorCode.NOT_FOUND, shown, "the folder of " + f + " does not exist");
            }
        }
    }

    private static boolean overwrite(Transfer t) {
        return Boolean.parseBoolean(t.option(ElementOptions.OVERWRITE, "false").trim());
    }

    /** Moves the data (unless an earlier attempt already did) and reports complete. */
    void run() throws TransferException, TransferStopped, InterruptedException {
        String reported = ctx.current().option(ElementOptions.REPORTED, "");
        if ("failed".equals(reported)) {
            throw new TransferException(ErrorCode.FAILED_PRECONDITION, client.profile().rpcUrl(), "Ferry already"
                    + " reported job " + key + " failed; start a new transfer to move the data again");
        }
        if (!MOVED.equals(reported) && !"complete".equals(reported)) {
            moveData();
        }
        if (!"complete".equals(ctx.current().option(ElementOptions.REPORTED, ""))) {
            long n = ctx.current().bytesDone();
            String message = (read ? "read " : "wrote ") + n + " bytes " + (read ? "into " : "from ") + file + " (Ferry)";
            client.updateBulkVolumeStatus(key, "complete", "100", message, Map.of("bytes", n));
            remember("complete");
            ctx.update(t -> t.withMessage(message));
        }
        TransferPhase p = ctx.current().phase();
        if (p != TransferPhase.FINALIZING_SUCCESS) {
            ctx.moveTo(TransferPhase.FINALIZING_SUCCESS, PhaseAction.FINALIZE,
                    "all data moved; complete reported to the cluster");
        }
    }

    private void moveData() throws TransferException, TransferStopped, InterruptedException {
        BulkVolumeStatus s = client.updateBulkVolumeStatus(key, "running", "0",
                "Ferry is " + (read ? "reading the volume into " : "writing the volume from ") + file, null);
        remember("running");
        TransferPhase remote = ElementStatusMapping.map(s.status()).phase();
        if (remote.isFinal()) {
            throw new TransferException(ErrorCode.FAILED_PRECONDITION, client.profile().rpcUrl(), "the cluster says job "
                    + key + " is already " + s.status() + "; start a new transfer");
        }
        String url = !s.url().isBlank() ? s.url() : ctx.current().attributes().getOrDefault("url", "");
        HttpUrl data = BulkVolumeData.dataUrl(url, key);
        ctx.update(t -> t.withNativeStatus(s.status()).withAttribute("url", url).withAttribute("dataUrl", data.toString())
                .withBytes(0, -1).withPercent(-1));
        TransferPhase now = ctx.current().phase();
        if (now == TransferPhase.INITIALIZING || now == TransferPhase.RESUMING) {
            ctx.moveTo(TransferPhase.TRANSFERRING, PhaseAction.SYSTEM, "the node's URL is ready: Ferry moves the data");
        }
        lastReportAt = ctx.clock().instant();
        lastReported = 0;
        Path part = partOf(file);
        try {
            if (read) {
                BulkVolumeData.download(client.dataHttp(), data, part, listener());
                if (overwrite(ctx.current())) {
                    Files.move(part, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                } else if (Files.exists(file)) {
                    throw new TransferException(ErrorCode.ALREADY_EXISTS, file.toString(), file
                            + " appeared while the volume was being read; the data is kept in " + part);
                } else {
                    Files.move(part, file, StandardCopyOption.ATOMIC_MOVE);
                }
                syncFolder(file);
            } else {
                BulkVolumeData.upload(client.dataHttp(), data, file, listener());
            }
        } catch (IOException e) {
            TransferException te = BulkVolumeData.local(e, file, "rename " + part + " to");
            failed(te, part);
            throw te;
        } catch (TransferStopped stop) {
            if (stop.why() == TransferStopped.Why.CANCEL) {
                reportFailed(CANCELLED);
            }
            removePart(part);
            throw stop;
        } catch (TransferException e) {
            if (e.code() == ErrorCode.ALREADY_EXISTS && read && Files.exists(part)) {
                reportFailed(e.sample().errorDetails().getFirst());
                throw e; // keep the data the operator may want
            }
            failed(e, part);
            throw e;
        }
        remember(MOVED);
    }

    private void failed(TransferException e, Path part) {
        removePart(part);
        String why = e.code().name() + ": " + e.sample().errorDetails().getFirst();
        if (ctx.willRetry(e.code())) {
            report("running", null, "interrupted, Ferry retries: " + why);
        } else {
            reportFailed(why);
        }
    }

    private BulkVolumeData.Listener listener() {
        return new BulkVolumeData.Listener() {
            @Override
            public void acquire(int bytes) throws InterruptedException {
                ctx.acquireBandwidth(bytes);
            }

            @Override
            public void progress(long done, long total) throws TransferStopped, TransferException {
                ctx.update(t -> t.withBytes(done, total));
                ctx.checkpoint();
                reportProgress(done, total);
            }
        };
    }

    /** running + percentComplete, at most every {@code step} points or {@code every}, whichever comes first. */
    private void reportProgress(long done, long total) throws TransferException {
        Instant now = ctx.clock().instant();
        double pct = total > 0 ? Math.floor(100.0 * done / total) : -1;
        boolean byStep = pct >= 0 && pct < 100 && pct >= lastReported + step;
        boolean byTime = !now.isBefore(lastReportAt.plus(every)) && pct != lastReported && pct < 100;
        if (!byStep && !byTime) {
            return;
        }
        lastReportAt = now;
        lastReported = pct;
        try {
            client.updateBulkVolumeStatus(key, "running", pct >= 0 ? fmt(pct) : null, null, null);
        } catch (TransferException e) {
            if (!PollLoop.isTransient(e.code())) {
                throw e; // the session is gone or refused: no use moving more data
            }
            ctx.recordError(e.code(), e.sample()); // a missed progress report does not stop the data
        }
    }

    private void reportFailed(String message) {
        report("failed", null, message);
    }

    /** A report at the end of an attempt: its own failure goes into the breakdown, never over the real error. */
    private void report(String status, String percent, String message) {
        try {
            long done = ctx.current().bytesDone();
            long total = ctx.current().bytesTotal();
            String pct = percent != null ? percent : total > 0 ? fmt(Math.floor(100.0 * done / total)) : null;
            client.updateBulkVolumeStatus(key, status, pct, message, null);
            if (!"running".equals(status)) {
                remember(status);
            }
        } catch (TransferException e) {
            ctx.recordError(e.code(), e.sample());
        }
    }

    private void remember(String status) {
        ctx.update(t -> t.withOption(ElementOptions.REPORTED, status));
    }

    /** Only a read has a partial file ({@code FILE.part}); a write never touches anything beside its source. */
    private void removePart(Path part) {
        if (!read) {
            return;
        }
        try {
            Files.deleteIfExists(part);
        } catch (IOException e) {
            // cleanup() tries again; the name ends in .part, so nothing looks complete
        }
    }

    /** Makes the rename durable where the platform allows opening a folder (Linux, macOS). */
    private static void syncFolder(Path f) {
        Path dir = f.toAbsolutePath().getParent();
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // not supported here (Windows): the file itself was fsynced before the rename
        }
    }

    /**
     * What a cancelled transfer leaves: the partial file goes, and a job Ferry had not yet reported as ended is
     * reported failed ("cancelled by the operator").
     */
    static void cleanup(Transfer t, ElementClient client) throws TransferException {
        if (t.direction() == Direction.DOWNLOAD) {
            Path part = partOf(fileOf(t));
            try {
                Files.deleteIfExists(part);
            } catch (IOException e) {
                throw BulkVolumeData.local(e, part, "remove");
            }
        }
        String key = t.option(ElementOptions.KEY, "").trim();
        String reported = t.option(ElementOptions.REPORTED, "");
        if (client != null && !key.isEmpty() && !"failed".equals(reported) && !"complete".equals(reported)) {
            client.updateBulkVolumeStatus(key, "failed", null, CANCELLED, null);
        }
    }

    private static String fmt(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : String.format(Locale.ROOT, "%.1f", d);
    }
}
