package io.ferry.ui.demo;

import io.ferry.domain.Counter;
import io.ferry.domain.Direction;
import io.ferry.domain.ErrorBreakdown;
import io.ferry.domain.ErrorCode;
import io.ferry.domain.ErrorLogEntry;
import io.ferry.domain.PhaseAction;
import io.ferry.domain.PhaseTransitions;
import io.ferry.domain.SubJob;
import io.ferry.domain.Transfer;
import io.ferry.domain.TransferCounters;
import io.ferry.domain.TransferPhase;
import io.ferry.engine.TransferEvent;
import io.ferry.engine.TransferListener;
import io.ferry.engine.TransferRequest;
import io.ferry.engine.TransferService;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A simulated {@link TransferService} for the demo mode, the screenshot tour, the responsiveness bench and UI tests
 * that run before the real engine is wired: a realistic set of transfers from every provider (an oVirt upload with
 * progress, a paused download, finished and cancelled copies, a failed Storage Transfer operation with an error
 * breakdown, an Element bulk job with message and attributes, an IMS job with sub-jobs) that advance by
 * {@link #tick(Duration)}. Actions follow the phase table. It moves no bytes: it is a stand-in, not an engine.
 */
public final class DemoTransfers implements TransferService {
    private static final long MIB = 1024L * 1024;
    private static final long GIB = 1024L * MIB;

    private final Map<String, Transfer> transfers = new LinkedHashMap<>();
    private final Map<String, Long> rates = new LinkedHashMap<>();
    private final List<TransferListener> listeners = new CopyOnWriteArrayList<>();
    private Instant now;
    private int maxConcurrent = 3;
    private long bandwidthLimit;
    private ScheduledExecutorService ticker;

    public DemoTransfers(Instant now) {
        this.now = now;
    }

    /** The realistic set, as it stands at {@code now}. */
    public static DemoTransfers seeded(Instant now) {
        DemoTransfers d = new DemoTransfers(now);
        d.seed();
        return d;
    }

    private Instant ago(long minutes) {
        return now.minus(Duration.ofMinutes(minutes));
    }

    private Transfer base(String id, String provider, Direction dir, String name, String source, String target,
            long startedMinutesAgo) {
        Transfer t = Transfer.create(id, provider, dir, name, source, target, Map.of(), ago(startedMinutesAgo + 1));
        return t.withPhase(TransferPhase.TRANSFERRING, ago(startedMinutesAgo), "session ready");
    }

    private void seed() {
        put(base("7f3c2a10", "ovirt", Direction.UPLOAD, "rhel-9.4-x86_64.qcow2", "/srv/images/rhel-9.4-x86_64.qcow2",
                        "ovirt://engine.lab.example/disks/3f1e9a2b (storage: nfs-data-01)", 12)
                .withBytes(6_812 * MIB, 10 * GIB).withNativeStatus("transferring")
                .withAttribute("disk_id", "3f1e9a2b-8c41-4d0e-9a6a-22d1f0c3b7e5")
                // as the oVirt provider keeps it: the engine's transfer id, never the transfer URL with its ticket
                .withAttribute("transfer_id", "4b7c9d1e-55aa-4f3b-8e0f-6a2c1d9e7b30").withAttribute("imageio", "host"),
                92 * MIB);
        put(base("a91d44e2", "local", Direction.COPY, "db-backup-2026-11-22.tar.zst", "/var/backups/db-backup-2026-11-22.tar.zst",
                        "/mnt/archive/2026-11/db-backup-2026-11-22.tar.zst", 2)
                .withBytes(820 * MIB, 2_458 * MIB).withOption("verify", "true"),
                212 * MIB);
        put(Transfer.create("c0ffee01", "ovirt", Direction.UPLOAD, "fedora-41-cloud.qcow2", "/srv/images/fedora-41-cloud.qcow2",
                        "ovirt://engine.lab.example/disks/new", Map.of(), ago(0))
                .withNativeStatus("initializing"), 0);
        put(base("5e6b7c88", "gcs", Direction.WATCH, "archive-to-dr (nightly)",
                        "gs://ferry-archive-eu", "gs://ferry-dr-us", 35)
                .withNativeStatus("IN_PROGRESS").withBytes(118 * GIB, 164 * GIB).withObjects(48_210, 66_804)
                .withCounters(TransferCounters.EMPTY
                        .with(Counter.OBJECTS_FOUND_FROM_SOURCE, 66_804).with(Counter.BYTES_FOUND_FROM_SOURCE, 164 * GIB)
                        .with(Counter.OBJECTS_COPIED_TO_SINK, 48_210).with(Counter.BYTES_COPIED_TO_SINK, 118 * GIB)
                        .with(Counter.OBJECTS_FROM_SOURCE_SKIPPED_BY_SYNC, 1_204)
                        .with(Counter.BYTES_FROM_SOURCE_SKIPPED_BY_SYNC, 3 * GIB + 211 * MIB))
                .withAttribute("operation", "transferOperations/transferJobs-7781923465-1732321200"),
                140 * MIB);
        put(base("d3a1f7b9", "element", Direction.WATCH, "vol-db01 bulk read", "element://cluster-a/volumes/1042",
                        "https://10.10.23.47:8443/", 18)
                .withNativeStatus("running").withPercent(47).withMessage("Reading volume blocks: 2,331 of 4,960 slices")
                .withAttribute("key", "0a1c5e7f3b9d2468")
                .withAttribute("format", "native")
                .withAttribute("snapshotID", "88")
                .withAttribute("url", "https://10.10.23.47:8443/"),
                0);
        put(imsJob(), 0);
        put(base("b2c4d6e8", "ovirt", Direction.DOWNLOAD, "win2022-template.raw",
                        "ovirt://engine.lab.example/disks/9c2d5e11", "/srv/exports/win2022-template.raw", 50)
                .withBytes(14_438 * MIB, 40 * GIB).withNativeStatus("paused_user")
                .withPhase(TransferPhase.PAUSED_USER, ago(20), "paused by operator"), 0);
        put(base("e4f5a6b7", "ovirt", Direction.UPLOAD, "centos-stream-9.qcow2", "/srv/images/centos-stream-9.qcow2",
                        "ovirt://engine.lab.example/disks/77aa01c3", 40)
                .withBytes(1_310 * MIB, 11 * GIB).withNativeStatus("paused_system")
                .withPhase(TransferPhase.PAUSED_SYSTEM, ago(38), "imageio daemon not reachable on host-03 (connection refused)"), 0);
        put(failedOperation(), 0);
        put(base("0b1c2d3e", "local", Direction.COPY, "ubuntu-24.04.1-live-server-amd64.iso",
                        "/home/ops/Downloads/ubuntu-24.04.1-live-server-amd64.iso", "/mnt/archive/iso/ubuntu-24.04.1-live-server-amd64.iso", 95)
                .withBytes(2_694 * MIB, 2_694 * MIB)
                .withPhase(TransferPhase.FINALIZING_SUCCESS, ago(93), "all bytes written; verifying")
                .withPhase(TransferPhase.FINISHED_SUCCESS, ago(92), "sha256 verified"), 0);
        put(base("1a2b3c4d", "ovirt", Direction.UPLOAD, "debian-12-generic-amd64.qcow2", "/srv/images/debian-12-generic-amd64.qcow2",
                        "ovirt://engine.lab.example/disks/51be9f20", 130)
                .withBytes(2 * GIB + 96 * MIB, 2 * GIB + 96 * MIB).withNativeStatus("finished_success")
                .withPhase(TransferPhase.FINALIZING_SUCCESS, ago(121), "finalize requested")
                .withPhase(TransferPhase.FINISHED_SUCCESS, ago(120), "image verified"), 0);
        put(base("9e8d7c6b", "local", Direction.COPY, "vm-export-2026-11.ova", "/srv/exports/vm-export-2026-11.ova",
                        "/mnt/usb/vm-export-2026-11.ova", 70)
                .withBytes(3_150 * MIB, 18 * GIB)
                .withPhase(TransferPhase.CANCELLED_USER, ago(66), "cancelled by operator")
                .withPhase(TransferPhase.FINALIZING_CLEANUP, ago(66), "removing partial file")
                .withPhase(TransferPhase.FINISHED_CLEANUP, ago(65), "partial file removed"), 0);
    }

    private Transfer imsJob() {
        Instant begin = ago(9);
        SubJob done = new SubJob("9a175ac892fa13420193006c29e133f0", "imsImportImageJob", TransferPhase.FINISHED_SUCCESS,
                "SUCCESS", begin.plusSeconds(60), ago(4), "", "",
                Map.of("image_name", "erp-appliance-disk1", "image_id", "fc496c19-40c2-4220-8b1a-eba9d53fca7b"));
        SubJob running = new SubJob("9a175ac892fa13420193006c29e13401", "imsImportImageJob", TransferPhase.TRANSFERRING,
                "RUNNING", ago(4), null, "", "", Map.of("image_name", "erp-appliance-disk2"));
        SubJob waiting = new SubJob("9a175ac892fa13420193006c29e13402", "imsImportImageJob", TransferPhase.INITIALIZING,
                "INIT", null, null, "", "", Map.of("image_name", "erp-appliance-disk3"));
        return base("9a175ac8", "ims", Direction.WATCH, "erp-appliance.ova (imsImportOvaImageJob)",
                        "obs://ferry-images/erp-appliance.ova", "ims://eu-de/images", 9)
                .withNativeStatus("RUNNING").withObjects(1, 3)
                .withSubJobs(List.of(done, running, waiting))
                .withAttribute("job_id", "9a175ac892fa13420193006a49173317")
                .withAttribute("job_type", "imsImportOvaImageJob");
    }

    private Transfer failedOperation() {
        ErrorBreakdown errors = ErrorBreakdown.EMPTY;
        for (int i = 1; i <= 12; i++) {
            errors = errors.record(ErrorCode.NOT_FOUND, ErrorLogEntry.of(
                    "gs://ferry-archive-eu/projects/2026/q3/report-" + (100 + i) + ".parquet",
                    "object deleted from source after listing", "generation 17328" + (40 + i)));
        }
        for (int i = 1; i <= 3; i++) {
            errors = errors.record(ErrorCode.PERMISSION_DENIED, ErrorLogEntry.of(
                    "gs://ferry-archive-eu/restricted/hr-" + i + ".csv",
                    "storage.objects.get denied for transfer-sa@ferry-prod.iam.gserviceaccount.com"));
        }
        for (int i = 1; i <= 7; i++) {
            errors = errors.record(ErrorCode.UNAVAILABLE, ErrorLogEntry.of(
                    "gs://ferry-dr-us/mirror/chunk-" + (4400 + i) + ".bin", "503 Service Unavailable; retried 5 times"));
        }
        errors = errors.record(ErrorCode.DEADLINE_EXCEEDED, ErrorLogEntry.of(
                "gs://ferry-archive-eu/big/db-dump.tar", "copy exceeded 3600 s deadline"));
        Transfer t = base("f00dbabe", "gcs", Direction.WATCH, "photos-eu-to-us (weekly)",
                        "gs://ferry-photos-eu", "gs://ferry-photos-us", 240)
                .withNativeStatus("FAILED").withBytes(41 * GIB, 52 * GIB).withObjects(20_311, 26_001)
                .withCounters(TransferCounters.EMPTY
                        .with(Counter.OBJECTS_FOUND_FROM_SOURCE, 26_001).with(Counter.BYTES_FOUND_FROM_SOURCE, 52 * GIB)
                        .with(Counter.OBJECTS_FOUND_ONLY_FROM_SINK, 14).with(Counter.BYTES_FOUND_ONLY_FROM_SINK, 88 * MIB)
                        .with(Counter.OBJECTS_COPIED_TO_SINK, 20_311).with(Counter.BYTES_COPIED_TO_SINK, 41 * GIB)
                        .with(Counter.OBJECTS_FROM_SOURCE_FAILED, 23).with(Counter.BYTES_FROM_SOURCE_FAILED, 6 * GIB + 120 * MIB)
                        .with(Counter.OBJECTS_DELETED_FROM_SINK, 2).with(Counter.BYTES_DELETED_FROM_SINK, 4 * MIB)
                        .with(Counter.DIRECTORIES_FOUND_FROM_SOURCE, 412)
                        .with(Counter.DIRECTORIES_SUCCESSFULLY_LISTED_FROM_SOURCE, 410)
                        .with(Counter.DIRECTORIES_FAILED_TO_LIST_FROM_SOURCE, 2))
                .withErrors(errors)
                .withAttribute("operation", "transferOperations/transferJobs-4417720931-1732284000")
                .withAttribute("console", "https://console.cloud.google.com/transfer/jobs/transferJobs%2F4417720931");
        return t.withPhase(TransferPhase.FINALIZING_FAILURE, ago(150), "23 objects failed")
                .withPhase(TransferPhase.FINISHED_FAILURE, ago(149), "operation FAILED: 23 errors in 4 codes");
    }

    private synchronized void put(Transfer t, long bytesPerSecond) {
        transfers.put(t.id(), t);
        rates.put(t.id(), bytesPerSecond);
    }

    /** Advances the simulation by {@code dt}: bytes move at each transfer's rate, phases follow. */
    public void tick(Duration dt) {
        List<TransferEvent> events = new ArrayList<>();
        synchronized (this) {
            now = now.plus(dt);
            double seconds = dt.toNanos() / 1e9;
            for (Transfer t : new ArrayList<>(transfers.values())) {
                Transfer next = step(t, seconds);
                if (next != t) {
                    transfers.put(t.id(), next);
                    events.add(new TransferEvent(
                            next.phase() != t.phase() ? TransferEvent.Kind.PHASE : TransferEvent.Kind.PROGRESS, next));
                }
            }
        }
        events.forEach(this::fire);
    }

    private Transfer step(Transfer t, double seconds) {
        long rate = rates.getOrDefault(t.id(), 0L);
        return switch (t.phase()) {
            case INITIALIZING -> rate > 0 ? t.withPhase(TransferPhase.TRANSFERRING, now, "session ready") : t;
            case RESUMING -> t.withPhase(TransferPhase.TRANSFERRING, now, "session resumed");
            case FINALIZING_SUCCESS -> t.withPhase(TransferPhase.FINISHED_SUCCESS, now, "verified");
            case CANCELLED_USER -> t.withPhase(TransferPhase.FINALIZING_CLEANUP, now, "removing partial data");
            case FINALIZING_CLEANUP -> t.withPhase(TransferPhase.FINISHED_CLEANUP, now, "cleaned up");
            case TRANSFERRING -> {
                if (rate <= 0 || t.bytesTotal() <= 0) {
                    yield t;
                }
                long limit = bandwidthLimit > 0 ? bandwidthLimit : Long.MAX_VALUE;
                long done = Math.min(t.bytesTotal(), t.bytesDone() + (long) (Math.min(rate, limit) * seconds));
                Transfer moved = t.withBytes(done, t.bytesTotal());
                yield done >= t.bytesTotal()
                        ? moved.withPhase(TransferPhase.FINALIZING_SUCCESS, now, "all bytes written")
                        : moved;
            }
            default -> t;
        };
    }

    /** Ticks every {@code period} on a daemon thread until {@link #close()}. */
    public synchronized DemoTransfers startTicking(Duration period) {
        if (ticker == null) {
            ticker = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread th = new Thread(r, "ferry-demo-ticker");
                th.setDaemon(true);
                return th;
            });
            ticker.scheduleAtFixedRate(() -> tick(period), period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
        }
        return this;
    }

    /** Lets bench and tests put any snapshot in and announce it. */
    public void publish(Transfer t, long bytesPerSecond) {
        Transfer previous;
        synchronized (this) {
            previous = transfers.get(t.id());
            put(t, bytesPerSecond);
        }
        fire(new TransferEvent(previous == null ? TransferEvent.Kind.ADDED
                : previous.phase() != t.phase() ? TransferEvent.Kind.PHASE : TransferEvent.Kind.PROGRESS, t));
    }

    private void fire(TransferEvent e) {
        for (TransferListener l : listeners) {
            l.onEvent(e);
        }
    }

    @Override
    public Transfer submit(TransferRequest r) {
        String id = UUID.randomUUID().toString();
        Transfer t;
        synchronized (this) {
            t = Transfer.create(id, r.provider(), r.direction(), r.name(), r.source(), r.target(), r.options(), now);
            long size = 0;
            try {
                size = java.nio.file.Files.size(java.nio.file.Path.of(r.source()));
            } catch (java.io.IOException | RuntimeException notAFile) {
                size = 512 * MIB;
            }
            t = t.withBytes(0, size);
            put(t, 64 * MIB);
        }
        fire(new TransferEvent(TransferEvent.Kind.ADDED, t));
        return t;
    }

    @Override
    public void act(String id, PhaseAction action) {
        Transfer next;
        synchronized (this) {
            Transfer t = transfers.get(id);
            if (t == null) {
                throw new NoSuchElementException("no transfer " + id);
            }
            TransferPhase to = PhaseTransitions.apply(t.phase(), action);
            next = action == PhaseAction.RETRY
                    ? t.withBytes(0, t.bytesTotal()).withErrors(ErrorBreakdown.EMPTY).withPhase(to, now, "retried by operator")
                    : to == t.phase() ? t : t.withPhase(to, now, action.wireName() + " by operator");
            if (action == PhaseAction.RETRY && rates.getOrDefault(id, 0L) == 0) {
                rates.put(id, 48 * MIB);
            }
            transfers.put(id, next);
        }
        fire(new TransferEvent(TransferEvent.Kind.PHASE, next));
    }

    @Override
    public void remove(String id) {
        Transfer t;
        synchronized (this) {
            t = transfers.get(id);
            if (t == null) {
                throw new NoSuchElementException("no transfer " + id);
            }
            if (t.phase().isActive()) {
                throw new IllegalStateException("transfer " + t.name() + " is still running; cancel it first");
            }
            transfers.remove(id);
            rates.remove(id);
        }
        fire(new TransferEvent(TransferEvent.Kind.REMOVED, t));
    }

    @Override
    public synchronized List<Transfer> list() {
        return List.copyOf(transfers.values());
    }

    @Override
    public synchronized Optional<Transfer> get(String id) {
        return Optional.ofNullable(transfers.get(id));
    }

    @Override
    public AutoCloseable subscribe(TransferListener listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    @Override
    public synchronized int maxConcurrent() {
        return maxConcurrent;
    }

    @Override
    public synchronized void setMaxConcurrent(int max) {
        if (max < 1) {
            throw new IllegalArgumentException("max concurrent must be at least 1: " + max);
        }
        maxConcurrent = max;
    }

    @Override
    public synchronized long bandwidthLimit() {
        return bandwidthLimit;
    }

    @Override
    public synchronized void setBandwidthLimit(long bytesPerSecond) {
        bandwidthLimit = Math.max(0, bytesPerSecond);
    }

    public synchronized Instant now() {
        return now;
    }

    @Override
    public synchronized void close() {
        if (ticker != null) {
            ticker.shutdownNow();
            ticker = null;
        }
    }
}
