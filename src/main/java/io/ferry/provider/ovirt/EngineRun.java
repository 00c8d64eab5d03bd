package io.ferry.provider.ovirt;

import io.ferry.domain.ErrorCode;
import io.ferry.domain.Transfer;
import io.ferry.domain.TransferPhase;
import io.ferry.provider.LocalPaths;
import io.ferry.provider.TransferContext;
import io.ferry.provider.TransferException;
import io.ferry.provider.TransferStopped;
import io.ferry.provider.ovirt.engine.DiskSpec;
import io.ferry.provider.ovirt.engine.EngineClient;
import io.ferry.provider.ovirt.engine.EngineModel.Disk;
import io.ferry.provider.ovirt.engine.EngineModel.ImageTransfer;
import io.ferry.provider.ovirt.engine.TransferSpec;
import io.ferry.provider.ovirt.engine.TransferWatch;
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
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;

/**
 * One upload or download through the engine: disk, image transfer, imageio data, verification, finalize. The
 * engine's phases are recorded as it reports them; the data plane continues from the done offset after a pause.
 */
final class EngineRun {
    static final String TRANSFER_ID = "transfer_id";
    static final String DISK_ID = "disk_id";
    static final String DISK_CREATED = "disk_created";
    /** The file a download into a folder writes (named after the disk, made safe by LocalPaths). */
    static final String DOWNLOAD_FILE = "download_file";
    private static final int MAX_SYSTEM_RESUMES = 3;

    private final TransferContext ctx;
    private final OvirtOptions o;
    private final EngineClient engine;
    private final OkHttpClient http;
    private final TransferWatch watch;
    private final TransferWatch.Backoff pausedBackoff;
    private int systemResumes;
    /** True while a download's engine side finishes: the engine's finished_success must wait for the rename. */
    private volatile boolean holdSuccess;

    EngineRun(TransferContext ctx, OvirtOptions o, EngineClient engine, OkHttpClient http, TransferWatch.Backoff backoff) {
        this.ctx = ctx;
        this.o = o;
        this.engine = engine;
        this.http = http;
        this.pausedBackoff = new TransferWatch.Backoff(backoff.first(), backoff.max().multipliedBy(2), backoff.timeout());
        this.watch = new TransferWatch(engine, ctx::sleep, (phase, raw, reason) -> {
            if (phase == TransferPhase.FINISHED_SUCCESS && holdSuccess) {
                return; // a download is done only once its file is in place: finishDownload reports it then
            }
            ctx.observe(phase, raw, reason);
        }, ctx.clock(), backoff);
    }

    /** The engine ended the transfer on its own or by an operator's cancel: the observed phase is the outcome. */
    static final class RemoteEnded extends Exception {
        RemoteEnded(String why) {
            super(why, null, false, false);
        }
    }

    private static boolean isCancelPhase(TransferPhase p) {
        return p == TransferPhase.CANCELLED || p == TransferPhase.CANCELLED_USER || p == TransferPhase.CANCELLED_SYSTEM
                || p == TransferPhase.FINALIZING_CLEANUP || p == TransferPhase.FINISHED_CLEANUP;
    }

    /** Follows a cancelled transfer until its cleanup is done (finished_cleanup or gone), then ends the run. */
    private RemoteEnded followCancel(String transferId) throws TransferException, TransferStopped, InterruptedException {
        Duration d = pausedBackoff.first();
        for (int i = 0; i < 60; i++) {
            Optional<ImageTransfer> now = watch.poll(transferId);
            if (now.isEmpty() || TransferWatch.phaseOf(now.get().phase()) == TransferPhase.FINISHED_CLEANUP) {
                break;
            }
            ctx.sleep(d);
            d = pausedBackoff.next(d);
        }
        if (ctx.current().phase() != TransferPhase.FINISHED_CLEANUP) {
            ctx.observe(TransferPhase.FINISHED_CLEANUP, "finished_cleanup",
                    "the engine ended and removed the transfer (cancelled)");
        }
        return new RemoteEnded("cancelled on the engine");
    }

    private String attr(String key) {
        return ctx.current().attributes().getOrDefault(key, "");
    }

    private long doneBelow() {
        return Long.parseLong(ctx.current().attributes().getOrDefault(ContextListener.DONE_BELOW, "0"));
    }

    // ---- upload

    @SuppressWarnings("try") // the keepalive runs while the block runs
    void upload(Path file, DiskImage img) throws TransferException, TransferStopped, InterruptedException, IOException, RemoteEnded {
        String format = o.format().isEmpty() ? img.format().ovirtName() : o.format();
        if (!format.equals(img.format().ovirtName())) {
            throw new TransferException(ErrorCode.INVALID_ARGUMENT, file.toString(), file.getFileName() + " is "
                    + img.describe() + " and is sent as is, so it needs a " + img.format().ovirtName()
                    + " disk, not " + format + "; drop --format or convert the image with qemu-img first");
        }
        ctx.update(t -> t.withBytes(t.bytesDone(), img.fileSize()).withAttribute("image_format", img.describe()));
        engine.login();
        String diskId = attr(DISK_ID);
        if (diskId.isEmpty()) {
            if (o.storageDomain().isEmpty()) {
                throw new TransferException(ErrorCode.INVALID_ARGUMENT, "", "no storage domain: give --storage-domain");
            }
            String name = o.diskName().isEmpty() ? defaultDiskName(file) : o.diskName();
            String content = file.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".iso") ? "iso" : "data";
            Disk d = engine.createDisk(new DiskSpec(name, img.virtualSize(), img.fileSize(), format,
                    "cow".equals(format) || o.sparse(), o.storageDomain(), content));
            diskId = d.id();
            String id = diskId;
            ctx.update(t -> t.withAttribute(DISK_ID, id).withAttribute(DISK_CREATED, "true")
                    .withAttribute("disk_name", name));
        }
        if (attr(TRANSFER_ID).isEmpty()) {
            // a retried run whose engine transfer still exists finds the disk locked by that transfer: it
            // follows the transfer (openTransfer) instead of waiting for a lock that only it can release
            watchDiskReady(diskId);
        }
        ImageTransfer tr = openTransfer(diskId, "upload", format);
        try (Keepalive ka = Keepalive.start(engine, tr.id(), o.keepalive())) {
            moveData(tr, (endpoint, listener) -> {
                UploadResume.Point at = UploadResume.find(ctx, endpoint.client(), endpoint.options(), file, img.fileSize(),
                        connections(endpoint.options().maxReaders()));
                ImageioUpload.run(endpoint.client(), endpoint.options(), file, img.fileSize(), at.from(),
                        connections(endpoint.options().maxWriters()), new ContextListener(ctx, at.from(), img.fileSize()));
                if (o.verify() && at.wholeImageChecked()) {
                    ctx.update(t -> t.withAttribute("verified", "read-back"));
                } else if (o.verify()) {
                    long serverSize = serverSize(endpoint);
                    var v = ImageioVerify.verify(endpoint.client(), file, img.fileSize(), serverSize,
                            connections(endpoint.options().maxReaders()), ContextListener.checkpointsOnly(ctx));
                    ctx.update(t -> t.withAttribute("verified", v.method()));
                }
            }, img.fileSize());
        }
        ctx.checkpoint();
        finish(tr.id(), diskId);
    }

    private void watchDiskReady(String diskId) throws TransferException, TransferStopped, InterruptedException {
        watch.waitDiskOk(diskId);
    }

    static String defaultDiskName(Path file) {
        String n = file.getFileName().toString();
        int dot = n.lastIndexOf('.');
        return dot > 0 ? n.substring(0, dot) : n;
    }

    // ---- download

    @SuppressWarnings("try") // the keepalive runs while the block runs
    void download(Path chosen) throws TransferException, TransferStopped, InterruptedException, IOException, RemoteEnded {
        String diskId = o.diskId().isEmpty() ? ctx.current().source() : o.diskId();
        boolean intoFolder = Files.isDirectory(chosen);
        String earlier = attr(DOWNLOAD_FILE);
        if (!intoFolder && Files.exists(chosen) && !o.overwrite()) {
            throw new TransferException(ErrorCode.ALREADY_EXISTS, chosen.toString(),
                    chosen + " already exists; choose another path or allow overwriting");
        }
        engine.login();
        Disk disk = engine.findDisk(diskId).orElseThrow(() -> new TransferException(ErrorCode.NOT_FOUND,
                "disks/" + diskId, "the engine has no disk " + diskId));
        Path target = chosen;
        if (intoFolder) {
            // the disk's name comes from the engine: it is made safe and kept inside the chosen folder
            try {
                target = earlier.isEmpty()
                        ? LocalPaths.fileIn(chosen, disk.name().isBlank() ? diskId : disk.name(),
                                "cow".equals(disk.format()) ? ".qcow2" : ".raw")
                        : Path.of(earlier);
            } catch (IOException e) {
                throw new TransferException(ErrorCode.INVALID_ARGUMENT, chosen.toString(), e.getMessage(), e);
            }
            if (earlier.isEmpty() && Files.exists(target) && !o.overwrite()) {
                throw new TransferException(ErrorCode.ALREADY_EXISTS, target.toString(),
                        target + " already exists; choose another path or allow overwriting");
            }
            Path file = target;
            ctx.update(t -> t.withAttribute(DOWNLOAD_FILE, file.toString()));
        }
        if (!disk.isOk() && attr(TRANSFER_ID).isEmpty()) {
            throw new TransferException(ErrorCode.FAILED_PRECONDITION, "disks/" + diskId,
                    "disk " + disk.name() + " is " + disk.status() + "; it can be downloaded when it is ok");
        }
        String format = disk.format().isEmpty() ? "raw" : disk.format();
        ctx.update(t -> t.withAttribute(DISK_ID, diskId).withAttribute("disk_name", disk.name())
                .withAttribute("disk_format", format));
        Path part = partFile(target);
        ImageTransfer tr = openTransfer(diskId, "download", format);
        long[] size = {-1};
        try (Keepalive ka = Keepalive.start(engine, tr.id(), o.keepalive())) {
            moveData(tr, (endpoint, listenerIgnored) -> {
                List<Extent> extents = ImageioDownload.plan(endpoint.client(), endpoint.options(),
                        "raw".equals(format) ? disk.provisionedSize() : -1);
                size[0] = ImageioDownload.size(extents);
                long from = ContextListener.downloadStart(ctx, Files.exists(part));
                ctx.update(t -> t.withBytes(Math.min(t.bytesDone(), size[0]), size[0]));
                try (RandomAccessFile raf = new RandomAccessFile(part.toFile(), "rw")) {
                    if (from == 0) {
                        raf.setLength(0);
                    }
                    raf.setLength(size[0]);
                }
                try (FileChannel ch = FileChannel.open(part, StandardOpenOption.WRITE)) {
                    ImageioDownload.run(endpoint.client(), endpoint.options(), extents, from, ch,
                            connections(endpoint.options().maxReaders()), new ContextListener(ctx, from, size[0]));
                    ch.force(true);
                }
                if (o.verify()) {
                    var v = ImageioVerify.verify(endpoint.client(), part, size[0], size[0],
                            connections(endpoint.options().maxReaders()), ContextListener.checkpointsOnly(ctx));
                    ctx.update(t -> t.withAttribute("verified", v.method()));
                }
            }, -1);
        }
        ctx.checkpoint();
        finishDownload(tr.id(), diskId, part, target);
    }

    static Path partFile(Path target) {
        return target.resolveSibling(target.getFileName() + ".part");
    }

    private void finishDownload(String transferId, String diskId, Path part, Path target)
            throws TransferException, TransferStopped, InterruptedException, IOException {
        TransferWatch.Outcome out;
        holdSuccess = true;
        try {
            out = watch.finalizeAndWait(transferId, diskId);
        } finally {
            holdSuccess = false;
        }
        if (!out.success()) {
            if (ctx.current().phase() != TransferPhase.FINISHED_FAILURE) {
                ctx.observe(TransferPhase.FINISHED_FAILURE, "finished_failure", out.reason());
            }
            throw new TransferException(ErrorCode.FAILED_PRECONDITION, "imagetransfers/" + transferId, out.reason());
        }
        if (o.overwrite()) {
            Files.move(part, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } else {
            Files.move(part, target, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        }
        if (ctx.current().phase() != TransferPhase.FINISHED_SUCCESS) {
            ctx.observe(TransferPhase.FINISHED_SUCCESS, "finished_success", out.reason());
        }
    }

    // ---- shared

    private int connections(int serverMax) {
        return Math.max(1, Math.min(o.connections(), serverMax));
    }

    private long serverSize(ImageioConnect.Endpoint ep) throws TransferException, InterruptedException {
        if (ep.options().has("extents")) {
            return ImageioDownload.size(ep.client().extents());
        }
        return ep.client().sizeFromContentRange().orElse(-1L);
    }

    private void finish(String transferId, String diskId) throws TransferException, TransferStopped, InterruptedException {
        TransferWatch.Outcome out = watch.finalizeAndWait(transferId, diskId);
        if (!out.success()) {
            if (ctx.current().phase() != TransferPhase.FINISHED_FAILURE) {
                ctx.observe(TransferPhase.FINISHED_FAILURE, "finished_failure", out.reason());
            }
            throw new TransferException(ErrorCode.FAILED_PRECONDITION, "imagetransfers/" + transferId, out.reason());
        }
        if (ctx.current().phase() != TransferPhase.FINISHED_SUCCESS) {
            ctx.observe(TransferPhase.FINISHED_SUCCESS, "finished_success", out.reason());
        }
    }

    /** Reuses this transfer's engine transfer when it still runs (resuming it if paused), else creates one. */
    private ImageTransfer openTransfer(String diskId, String direction, String format)
            throws TransferException, TransferStopped, InterruptedException, RemoteEnded {
        String tid = attr(TRANSFER_ID);
        ImageTransfer tr = null;
        if (!tid.isEmpty()) {
            Optional<ImageTransfer> existing = watch.poll(tid);
            if (existing.isPresent() && !TransferWatch.phaseOf(existing.get().phase()).isFinal()) {
                tr = existing.get();
                TransferPhase p = TransferWatch.phaseOf(tr.phase());
                if (p.isPaused()) {
                    tr = resume(tid);
                } else if (p == TransferPhase.INITIALIZING || p == TransferPhase.RESUMING) {
                    tr = watch.waitReady(tid);
                }
            } else {
                // the engine ended it: start over with a new transfer from the beginning, once the disk is free
                ctx.update(t -> t.withAttribute(ContextListener.DONE_BELOW, "0").withBytes(0, t.bytesTotal()));
                watch.waitDiskOk(diskId);
            }
        }
        if (tr == null) {
            tr = engine.createTransfer(new TransferSpec(diskId, direction, o.hostId(), format, o.inactivityTimeout(),
                    o.timeoutPolicy()));
            String id = tr.id();
            ctx.update(t -> t.withAttribute(TRANSFER_ID, id));
            watch.report(tr, "transfer created");
            tr = watch.waitReady(tr.id());
        }
        return ensureTransferring(tr);
    }

    private ImageTransfer resume(String tid) throws TransferException, TransferStopped, InterruptedException {
        try {
            return watch.resume(tid);
        } catch (TransferException e) {
            if (e.code() == ErrorCode.ABORTED || e.code() == ErrorCode.FAILED_PRECONDITION
                    || e.code() == ErrorCode.INVALID_ARGUMENT) {
                // already resumed by the operator's action: just follow it
                return watch.waitReady(tid);
            }
            throw e;
        }
    }

    private ImageTransfer ensureTransferring(ImageTransfer tr) throws TransferException, TransferStopped, InterruptedException, RemoteEnded {
        while (true) {
            TransferPhase p = TransferWatch.phaseOf(tr.phase());
            if (p == TransferPhase.TRANSFERRING) {
                String host = tr.hostId();
                ctx.update(t -> t.withAttribute("host_id", host));
                return tr;
            }
            if (p == TransferPhase.PAUSED_USER) {
                tr = waitWhilePaused(tr);
            } else if (p == TransferPhase.PAUSED_SYSTEM) {
                String policy = ctx.current().option(OvirtOptions.PAUSED_SYSTEM, "wait");
                if ("resume".equalsIgnoreCase(policy) && systemResumes < MAX_SYSTEM_RESUMES) {
                    systemResumes++;
                    tr = resume(tr.id());
                } else if (o.waitWhenPausedBySystem()) {
                    tr = waitWhilePaused(tr);
                } else {
                    throw new TransferException(ErrorCode.UNAVAILABLE, "imagetransfers/" + tr.id(),
                            "the engine paused the transfer (paused_system: the session timed out or imageio is not "
                                    + "running on the host); resume it to continue");
                }
            } else if (isCancelPhase(p)) {
                throw followCancel(tr.id());
            } else {
                throw new TransferException(ErrorCode.ABORTED, "imagetransfers/" + tr.id(),
                        "the transfer is " + tr.phase() + " on the engine; it cannot move data");
            }
        }
    }

    /**
     * A paused transfer waits for the operator's resume (or cancel), polling slowly; then follows resuming. While
     * it waits it holds no slot of the Ferry engine (queued transfers run meanwhile); once the engine says it runs
     * again, it gets back in line for a slot before it moves data, and looks again when the operator acts
     * meanwhile (a pause or cancel on the engine while it waits for the slot).
     */
    private ImageTransfer waitWhilePaused(ImageTransfer tr) throws TransferException, TransferStopped, InterruptedException, RemoteEnded {
        ctx.beginWait();
        Duration d = pausedBackoff.first();
        boolean lookNow = false;
        while (true) {
            if (!lookNow) {
                ctx.sleep(d);
                d = pausedBackoff.next(d);
            }
            lookNow = false;
            Optional<ImageTransfer> now = watch.poll(tr.id());
            if (now.isEmpty()) {
                throw new TransferException(ErrorCode.ABORTED, "imagetransfers/" + tr.id(),
                        "the engine removed the paused transfer");
            }
            TransferPhase p = TransferWatch.phaseOf(now.get().phase());
            if (isCancelPhase(p)) {
                throw followCancel(tr.id());
            }
            if (p.isPaused()) {
                ctx.beginWait(); // (still or again) paused: out of the line for a slot
                continue;
            }
            if (!ctx.endWait()) {
                lookNow = true; // the operator acted while it waited for a slot: see what the engine says now
                continue;
            }
            return p == TransferPhase.RESUMING || p == TransferPhase.INITIALIZING ? watch.waitReady(tr.id()) : now.get();
        }
    }

    interface DataStep {
        void run(ImageioConnect.Endpoint endpoint, ContextListener listener)
                throws TransferException, TransferStopped, InterruptedException, IOException;
    }

    /**
     * Runs the data step (data, then verification) against the transfer's imageio endpoint; when the data plane
     * fails because the engine paused the transfer, follows the pause and continues from the done offset.
     */
    private void moveData(ImageTransfer first, DataStep step, long total)
            throws TransferException, TransferStopped, InterruptedException, IOException, RemoteEnded {
        ImageTransfer tr = first;
        while (true) {
            try {
                ImageioConnect.Endpoint ep = ImageioConnect.connect(http, url(tr.transferUrl()), url(tr.proxyUrl()));
                ctx.update(t -> t.withAttribute("imageio", ep.viaProxy() ? "proxy" : "host"));
                step.run(ep, new ContextListener(ctx, doneBelow(), total < 0 ? ctx.current().bytesTotal() : total));
                return;
            } catch (TransferException e) {
                tr = afterDataFailure(tr, e);
            }
        }
    }

    private ImageTransfer afterDataFailure(ImageTransfer tr, TransferException e)
            throws TransferException, TransferStopped, InterruptedException, RemoteEnded {
        if (e.code() != ErrorCode.PERMISSION_DENIED && e.code() != ErrorCode.NOT_FOUND
                && e.code() != ErrorCode.UNAVAILABLE && e.code() != ErrorCode.DEADLINE_EXCEEDED) {
            throw e;
        }
        // the ticket may be gone because the engine paused or ended the transfer: ask it (it notices within seconds)
        Duration d = pausedBackoff.first();
        for (int i = 0; i < 8; i++) {
            Optional<ImageTransfer> now = watch.poll(tr.id());
            if (now.isEmpty()) {
                // the engine removes a transfer only once it has ended; while data moved, that is a cancel (by an
                // operator elsewhere or by the system), whose cleanup may already be over when we look
                throw followCancel(tr.id());
            }
            TransferPhase p = TransferWatch.phaseOf(now.get().phase());
            if (p != TransferPhase.TRANSFERRING) {
                return ensureTransferring(p == TransferPhase.RESUMING ? watch.waitReady(tr.id()) : now.get());
            }
            if (e.code() != ErrorCode.PERMISSION_DENIED) {
                break; // still transferring and the host did not answer: the error stands
            }
            ctx.sleep(d);
            d = pausedBackoff.next(d);
        }
        throw e;
    }

    private static HttpUrl url(String s) {
        return s == null || s.isEmpty() ? null : HttpUrl.parse(s);
    }

    // ---- stop

    /** After a checkpoint said pause or cancel: do the same on the engine. */
    void onStopped(TransferStopped stop, Transfer t) {
        String tid = t.attributes().getOrDefault(TRANSFER_ID, "");
        if (tid.isEmpty()) {
            return;
        }
        try {
            if (stop.why() == TransferStopped.Why.CANCEL) {
                watch.cancelAndWait(tid);
            } else if (stop.why() == TransferStopped.Why.PAUSE) {
                Optional<ImageTransfer> now = engine.findTransfer(tid);
                if (now.isPresent() && TransferWatch.phaseOf(now.get().phase()) == TransferPhase.TRANSFERRING) {
                    engine.action(tid, "pause");
                }
            }
        } catch (TransferException e) {
            ctx.recordError(e.code(), e.sample());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
