package io.ferry.provider.ovirt;

import io.ferry.domain.Direction;
import io.ferry.domain.ErrorCode;
import io.ferry.domain.PhaseAction;
import io.ferry.domain.Transfer;
import io.ferry.provider.Provider;
import io.ferry.provider.TransferContext;
import io.ferry.provider.TransferException;
import io.ferry.provider.TransferStopped;
import io.ferry.provider.ovirt.engine.EngineClient;
import io.ferry.provider.ovirt.engine.TransferWatch;
import io.ferry.provider.tls.Trust;
import io.ferry.provider.ovirt.image.DiskImage;
import io.ferry.provider.ovirt.image.DiskImageProbe;
import io.ferry.provider.ovirt.image.UnsupportedImageException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import okhttp3.OkHttpClient;

/**
 * oVirt / RHV disk uploads and downloads through image transfers and ovirt-imageio (provider id {@code ovirt}),
 * and the plain imageio mode (option {@code imageio_url}: a transfer URL someone else created, no engine).
 * Operator actions on an engine transfer go to the engine's REST API and return {@link ActionResult#REMOTE}.
 */
public final class OvirtProvider implements Provider {
    public static final String ID = "ovirt";

    private final PasswordSource passwords;
    private final TransferWatch.Backoff backoff;
    private final HttpClients clients;
    private final Map<String, EngineClient> engines = new ConcurrentHashMap<>();

    public OvirtProvider() {
        this(PasswordSource.fromFile(), TransferWatch.Backoff.DEFAULT);
    }

    public OvirtProvider(PasswordSource passwords, TransferWatch.Backoff backoff) {
        this(passwords, backoff, HttpClients.DEFAULT_TIMEOUT);
    }

    /**
     * @param ioTimeout how long an HTTP read or write may make no progress (a stalled server) before the call fails
     *                  with DEADLINE_EXCEEDED and is retried; 120 s by default
     */
    public OvirtProvider(PasswordSource passwords, TransferWatch.Backoff backoff, Duration ioTimeout) {
        this.passwords = passwords;
        this.backoff = backoff;
        this.clients = new HttpClients(ioTimeout);
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public void run(TransferContext ctx) throws TransferException, TransferStopped, InterruptedException {
        Transfer t = ctx.current();
        OvirtOptions o;
        try {
            o = OvirtOptions.of(t);
        } catch (IllegalArgumentException e) {
            throw new TransferException(ErrorCode.INVALID_ARGUMENT, "", e.getMessage());
        }
        DiskImage image = t.direction() == Direction.UPLOAD ? probe(Path.of(t.source())) : null;
        EngineRun run = null;
        try {
            if (o.plainImageio()) {
                new PlainImageioRun(ctx, o, clients.with(trust(o))).run(image);
                return;
            }
            EngineClient engine = engine(t, o, ctx.clock());
            run = new EngineRun(ctx, o, engine, clients.with(trust(o)), backoff);
            switch (t.direction()) {
                case UPLOAD -> run.upload(Path.of(t.source()), image);
                case DOWNLOAD -> run.download(Path.of(t.target()));
                default -> throw new TransferException(ErrorCode.INVALID_ARGUMENT, "",
                        "an oVirt transfer is an upload or a download, not " + t.direction().wireName());
            }
        } catch (EngineRun.RemoteEnded ended) {
            // the engine's phase (finished_cleanup after a cancel) is the outcome
        } catch (TransferStopped stop) {
            if (run != null) {
                run.onStopped(stop, ctx.current());
            }
            if (stop.why() == TransferStopped.Why.CANCEL && t.direction() == Direction.DOWNLOAD) {
                deletePart(ctx.current());
            }
            throw stop;
        } catch (IOException e) {
            throw new TransferException(ErrorCode.INTERNAL, t.direction() == Direction.UPLOAD ? t.source() : t.target(),
                    "local file: " + e.getMessage(), e);
        }
    }

    private static DiskImage probe(Path file) throws TransferException {
        try {
            return DiskImageProbe.probe(file);
        } catch (UnsupportedImageException e) {
            throw new TransferException(ErrorCode.INVALID_ARGUMENT, file.toString(), e.getMessage());
        } catch (IOException e) {
            throw new TransferException(ErrorCode.NOT_FOUND, file.toString(), "cannot read " + file + ": " + e.getMessage());
        }
    }

    private static Trust trust(OvirtOptions o) throws TransferException {
        if (o.caFile() == null) {
            return Trust.system();
        }
        try {
            return Trust.pemFile(o.caFile());
        } catch (IOException e) {
            throw new TransferException(ErrorCode.INVALID_ARGUMENT, o.caFile().toString(), e.getMessage());
        }
    }

    private EngineClient engine(Transfer t, OvirtOptions o, Clock clock) throws TransferException {
        if (o.engineUrl().isEmpty() || o.user().isEmpty()) {
            throw new TransferException(ErrorCode.INVALID_ARGUMENT, "",
                    "an oVirt transfer needs the engine URL and user (--engine, --user)");
        }
        String key = o.engineUrl() + "|" + o.user() + "|" + o.caFile();
        EngineClient existing = engines.get(key);
        if (existing != null) {
            return existing;
        }
        char[] pw;
        try {
            pw = passwords.password(t, o);
        } catch (IOException e) {
            throw new TransferException(ErrorCode.UNAUTHENTICATED, o.engineUrl(), e.getMessage());
        }
        OkHttpClient http = clients.with(trust(o));
        try {
            EngineClient c = new EngineClient(http, o.engineUrl(), o.user(), pw, clock);
            engines.put(key, c);
            return c;
        } catch (IllegalArgumentException e) {
            throw new TransferException(ErrorCode.INVALID_ARGUMENT, o.engineUrl(), e.getMessage());
        } finally {
            java.util.Arrays.fill(pw, '\0');
        }
    }

    @Override
    public ActionResult act(Transfer transfer, PhaseAction action) throws TransferException {
        String tid = transfer.attributes().getOrDefault(EngineRun.TRANSFER_ID, "");
        OvirtOptions o = OvirtOptions.of(transfer);
        if (o.plainImageio() || tid.isEmpty() || action == PhaseAction.RETRY || !action.isOperatorAction()) {
            return ActionResult.LOCAL;
        }
        EngineClient engine = engine(transfer, o, Clock.systemUTC());
        try {
            engine.action(tid, action.wireName());
            if (action == PhaseAction.RESUME) {
                waitWhileResuming(engine, tid);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TransferException(ErrorCode.CANCELLED, "imagetransfers/" + tid, "interrupted");
        }
        return ActionResult.REMOTE;
    }

    private void waitWhileResuming(EngineClient engine, String tid) throws TransferException, InterruptedException {
        Duration d = backoff.first();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            Optional<String> phase = engine.findTransfer(tid).map(x -> x.phase());
            if (phase.isEmpty() || !"resuming".equals(phase.get())) {
                return;
            }
            Thread.sleep(d);
            d = Duration.ofMillis(Math.min(backoff.max().toMillis(), d.toMillis() * 3 / 2));
        }
    }

    /**
     * Cancels the engine transfer if there is one (the engine then removes a partial upload's disk); a disk Ferry
     * created for an upload that never got a transfer is deleted; a download's .part file is removed.
     */
    @Override
    public void cleanup(Transfer transfer) throws TransferException {
        OvirtOptions o = OvirtOptions.of(transfer);
        Map<String, String> a = transfer.attributes();
        String tid = a.getOrDefault(EngineRun.TRANSFER_ID, "");
        if (!o.plainImageio() && (!tid.isEmpty() || "true".equals(a.get(EngineRun.DISK_CREATED)))) {
            EngineClient engine = engine(transfer, o, Clock.systemUTC());
            TransferWatch w = new TransferWatch(engine, Thread::sleep, (p, raw, r) -> {}, Clock.systemUTC(), backoff);
            try {
                if (!tid.isEmpty()) {
                    w.cancelAndWait(tid);
                } else if (transfer.direction() == Direction.UPLOAD) {
                    String diskId = a.getOrDefault(EngineRun.DISK_ID, "");
                    if (!diskId.isEmpty() && engine.findDisk(diskId).isPresent()) {
                        engine.deleteDisk(diskId);
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (transfer.direction() == Direction.DOWNLOAD) {
            deletePart(transfer);
        }
    }

    private static void deletePart(Transfer t) {
        if (t.target().isEmpty()) {
            return;
        }
        try {
            String file = t.attributes().getOrDefault(EngineRun.DOWNLOAD_FILE, "");
            Files.deleteIfExists(EngineRun.partFile(Path.of(file.isEmpty() ? t.target() : file)));
        } catch (IOException ignored) {
            // nothing more to do: the .part name already says it is incomplete
        }
    }
}
