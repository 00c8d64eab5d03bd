package io.ferry.provider.element;

import io.ferry.domain.Direction;
import io.ferry.domain.ErrorCode;
import io.ferry.domain.ErrorLogEntry;
import io.ferry.domain.PhaseAction;
import io.ferry.domain.Transfer;
import io.ferry.domain.TransferPhase;
import io.ferry.provider.Provider;
import io.ferry.provider.TransferContext;
import io.ferry.provider.TransferException;
import io.ferry.provider.TransferStopped;
import io.ferry.provider.remote.MappedStatus;
import io.ferry.provider.remote.RemoteJobProvider;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Provider {@code element}: follows a NetApp Element bulk volume job until it is done or failed, and starts one
 * first when asked to ({@link Direction#DOWNLOAD}: StartBulkVolumeRead, volume → script target;
 * {@link Direction#UPLOAD}: StartBulkVolumeWrite, script source → volume). A watched job
 * ({@link Direction#WATCH}) names its key, its async handle, or both.
 *
 * <p>Each poll reads ListBulkVolumeJobs and finds the job by key. Once the job has left the list (the cluster
 * lists running jobs only), GetAsyncResult with keepResult=true tells how it ended: complete + result →
 * finished_success; complete + error → finished_failure with the error in the breakdown; handle unknown →
 * unknown ("no longer tracked by the cluster").
 */
public final class ElementProvider extends RemoteJobProvider<ElementClient> {
    public static final String ID = "element";

    public ElementProvider(ElementConnector connector, Duration defaultInterval) {
        super(ID, connector::connect, defaultInterval);
    }

    /** The script parameters carry S3 keys: the engine keeps them in the secret store, never in the transfer. */
    @Override
    public Set<String> secretOptions() {
        return Set.of(ElementOptions.SCRIPT_PARAMETERS);
    }

    @Override
    public void run(TransferContext ctx) throws TransferException, TransferStopped, InterruptedException {
        Transfer t = ctx.current();
        ElementClient client = connect(t);
        String key = t.option(ElementOptions.KEY, "").trim();
        long handle = parseHandle(t.option(ElementOptions.ASYNC_HANDLE, ""));
        if (key.isEmpty() && handle < 0) {
            if (t.direction() == Direction.WATCH) {
                throw new TransferException(ErrorCode.INVALID_ARGUMENT, client.profile().endpoint(),
                        "an Element job to watch needs its key (" + ElementOptions.KEY + ") or async handle ("
                                + ElementOptions.ASYNC_HANDLE + ")");
            }
            if (BulkVolumeDataRun.movesData(t)) {
                BulkVolumeDataRun.preflight(t);
            }
            StartedBulkVolumeJob started = startOrFind(ctx, client, t);
            key = started.key();
            handle = started.asyncHandle();
        }
        String k = key;
        long h = handle;
        boolean data = BulkVolumeDataRun.movesData(t);
        if (data) {
            if (k.isEmpty() || t.direction() == Direction.WATCH) {
                throw new TransferException(ErrorCode.INVALID_ARGUMENT, client.profile().endpoint(),
                        "Ferry moves a job's data only for a read (download) or write (upload) it knows the key of");
            }
            new BulkVolumeDataRun(ctx, client, k).run();
        }
        pollUntilFinal(ctx, t, () -> pollOnce(ctx, client, k, h, data));
    }

    /**
     * Starts the job, carrying Ferry's marker in its attributes (saved in the store before the start is sent), or
     * finds the job an earlier start created: when the marker is already stored (a start was sent before: its
     * answer was lost, or Ferry stopped before storing it), ListBulkVolumeJobs is asked first; when the start
     * now sent gets no answer, it is asked at once. Found → that job is followed as if the start had answered
     * (its key; the async handle and url are not in the list). Not found → the start did not create a job: it is
     * an ordinary transport failure the engine's retry policy may repeat, with the same marker.
     */
    private StartedBulkVolumeJob startOrFind(TransferContext ctx, ElementClient client, Transfer t) throws TransferException {
        BulkVolumeRequest req;
        try {
            req = BulkVolumeRequest.fromOptions(t.options());
        } catch (IllegalArgumentException e) {
            throw new TransferException(ErrorCode.INVALID_ARGUMENT, client.profile().endpoint(), e.getMessage());
        }
        if (t.direction() != Direction.DOWNLOAD && t.direction() != Direction.UPLOAD) {
            throw new TransferException(ErrorCode.INVALID_ARGUMENT, client.profile().endpoint(),
                    "Element jobs are started as download (read) or upload (write), not " + t.direction().wireName());
        }
        String method = t.direction() == Direction.DOWNLOAD ? "StartBulkVolumeRead" : "StartBulkVolumeWrite";
        String marker = t.option(ElementOptions.REQUEST, "").trim();
        if (!marker.isEmpty()) {
            Optional<BulkVolumeJob> earlier = findByMarker(client, marker);
            if (earlier.isPresent()) {
                return adopt(ctx, earlier.get().key(), "found by Ferry's marker after an earlier " + method + " whose answer was not stored");
            }
        } else {
            marker = UUID.randomUUID().toString();
            String m = marker;
            ctx.update(x -> x.withOption(ElementOptions.REQUEST, m).withAttribute("ferryRequest", m));
            ctx.saveNow(); // in the store before the start leaves: a restart looks for this marker first
        }
        // read only now: a job found by its marker above needs no parameters (the cluster has them)
        req = withScriptParameters(ctx, req, client.profile().endpoint());
        ElementClient.MarkedStart s = client.startMarked(t.direction() == Direction.DOWNLOAD, req, marker);
        if (s.foundByMarker()) {
            ctx.recordError(s.lostAnswer().code(), s.lostAnswer().sample());
            return adopt(ctx, s.job().key(), "found by Ferry's marker after " + method + " got no answer");
        }
        remember(ctx, s.job().key(), s.job().asyncHandle(), s.job().url(), "");
        return s.job();
    }

    /**
     * The request with the script parameters to send: from the secret store, where the engine keeps them (the
     * option holds {@link Provider#SECRET_PLACEHOLDER}); else the option itself (a run without the engine, as the
     * CLI's {@code bulk-jobs start-read --watch}, where nothing is stored). Read on every start, so a start repeated
     * after a lost answer or a restart sends them again.
     *
     * @throws TransferException FAILED_PRECONDITION when the option says they are in the secret store and they are
     *                           not there (none open in this session, or already removed)
     */
    private static BulkVolumeRequest withScriptParameters(TransferContext ctx, BulkVolumeRequest req, String endpoint)
            throws TransferException {
        Optional<String> kept = ctx.secret(ElementOptions.SCRIPT_PARAMETERS);
        if (kept.isEmpty() && !req.scriptParameters().equals(Provider.SECRET_PLACEHOLDER)) {
            return req;
        }
        if (kept.isEmpty()) {
            throw new TransferException(ErrorCode.FAILED_PRECONDITION, endpoint, "the script parameters of this job ("
                    + ElementOptions.SCRIPT_PARAMETERS + ") are not in the secret store, so the job cannot be started:"
                    + " they usually carry S3 keys, so Ferry keeps them there and never in its database, and either no"
                    + " secret store is open in this session (no OS secret store answers: set FERRY_PASSPHRASE, or unlock"
                    + " the secrets file in the window, then retry) or they were removed when the transfer ended (start a"
                    + " new transfer with the script parameters)");
        }
        return new BulkVolumeRequest(req.volumeID(), req.format(), req.snapshotID(), req.script(), kept.get(),
                req.attributes());
    }

    private static Optional<BulkVolumeJob> findByMarker(ElementClient client, String marker) throws TransferException {
        return client.findJobsByAttribute(ElementOptions.MARKER_ATTRIBUTE, marker).stream().findFirst();
    }

    /**
     * A job found by its marker: ListBulkVolumeJobs gives its key (enough to follow it, and for Ferry's own data
     * movement: the node's url comes with the first UpdateBulkVolumeStatus) but neither the async handle nor the url.
     */
    private static StartedBulkVolumeJob adopt(TransferContext ctx, String key, String how) {
        remember(ctx, key, -1, "", how);
        return new StartedBulkVolumeJob(-1, key, "");
    }

    /**
     * Remembers the job at once so a restart follows it instead of starting another one; the script parameters (S3
     * secrets) are not needed again now that the cluster has them: they leave the secret store, and the option
     * says they were sent.
     */
    private static void remember(TransferContext ctx, String key, long handle, String url, String foundBy) {
        ctx.update(x -> {
            Transfer y = x.withOption(ElementOptions.KEY, key).withAttribute("key", key);
            if (handle >= 0) {
                y = y.withOption(ElementOptions.ASYNC_HANDLE, Long.toString(handle))
                        .withAttribute("asyncHandle", Long.toString(handle));
            }
            if (!url.isEmpty()) {
                y = y.withAttribute("url", url);
            }
            if (!foundBy.isEmpty()) {
                y = y.withOption(ElementOptions.FOUND_BY_MARKER, "true").withAttribute("foundBy", foundBy);
            }
            if (x.options().containsKey(ElementOptions.SCRIPT_PARAMETERS)) {
                y = y.withOption(ElementOptions.SCRIPT_PARAMETERS, "(sent to the cluster; not stored)");
            }
            return y;
        });
        ctx.saveNow();
        ctx.forgetSecret(ElementOptions.SCRIPT_PARAMETERS);
    }

    /**
     * One poll. {@code settling}: Ferry moved the data and reported complete; the bytes on the row are its own,
     * and only the cluster's final word is reported as a phase (the row stays in finalizing_success until then).
     */
    private boolean pollOnce(TransferContext ctx, ElementClient client, String key, long handle, boolean settling)
            throws TransferException {
        if (!key.isEmpty()) {
            List<BulkVolumeJob> jobs = client.listBulkVolumeJobs();
            Optional<BulkVolumeJob> job = jobs.stream().filter(j -> key.equals(j.key())).findFirst();
            if (job.isPresent()) {
                BulkVolumeJob j = job.get();
                ctx.update(t -> settling ? ElementJobMapper.apply(t, j).withBytes(t.bytesDone(), t.bytesTotal())
                        : ElementJobMapper.apply(t, j));
                MappedStatus m = ElementStatusMapping.map(j.status());
                if (settling && !m.phase().isFinal()) {
                    return false;
                }
                ctx.observe(m.phase(), j.status(), reason(m, j));
                if (m.phase() == TransferPhase.FINISHED_FAILURE) {
                    recordFailure(ctx, client, key, handle, j.status());
                }
                return m.phase().isFinal();
            }
        }
        if (handle < 0 && !key.isEmpty() && "true".equals(ctx.current().option(ElementOptions.FOUND_BY_MARKER, ""))) {
            return pollSession(ctx, client, key, settling);
        }
        if (handle < 0) {
            ctx.update(t -> t.withNativeStatus(""));
            ctx.observe(TransferPhase.UNKNOWN, "",
                    "job " + key + " is no longer listed by ListBulkVolumeJobs and Ferry has no async handle to ask "
                            + "how it ended; see the cluster's event log (bulkOpEvent)");
            return true;
        }
        AsyncResult r;
        try {
            r = client.getAsyncResult(handle);
        } catch (ElementRpcException e) {
            if (!ElementErrorCodes.isGone(e.name())) {
                throw e;
            }
            ctx.recordError(ErrorCode.NOT_FOUND, e.sample());
            ctx.observe(TransferPhase.UNKNOWN, e.name(),
                    "job no longer tracked by the cluster (async handle " + handle + ": " + e.name()
                            + "); see the cluster's event log (bulkOpEvent)");
            return true;
        }
        ctx.update(t -> ElementJobMapper.apply(t, r));
        MappedStatus m = ElementStatusMapping.map(r.status());
        if (settling && !m.phase().isFinal()) {
            return false;
        }
        if (m.phase() == TransferPhase.FINISHED_SUCCESS && r.failed()) {
            ctx.recordError(ElementErrorCodes.map(r.errorName()), new ErrorLogEntry(client.profile().rpcUrl(),
                    List.of(r.errorMessage(), "name: " + r.errorName(), "asyncHandle: " + handle)));
            ctx.observe(TransferPhase.FINISHED_FAILURE, r.status(),
                    "async task failed: " + r.errorName() + ": " + r.errorMessage());
            return true;
        }
        ctx.observe(m.phase(), r.status(), m.known()
                ? "GetAsyncResult(" + handle + "): " + r.status() + (r.resultMessage().isEmpty() ? "" : ": " + r.resultMessage())
                : "unrecognised async result status \"" + r.status() + "\"");
        return m.phase().isFinal();
    }

    /**
     * A job Ferry found by its marker has left ListBulkVolumeJobs and Ferry has no async handle (the list does not
     * give it): the session's status is read with UpdateBulkVolumeStatus and the key alone (the read practitioners
     * use, cloud-apis.md §2.3 E-5; nothing is reported). done → finished_success, failed → finished_failure; a
     * cluster that no longer knows the key → unknown, pointing to the event log.
     */
    private static boolean pollSession(TransferContext ctx, ElementClient client, String key, boolean settling)
            throws TransferException {
        BulkVolumeStatus st;
        try {
            st = client.updateBulkVolumeStatus(key, null, null, null, null);
        } catch (ElementRpcException e) {
            if (!ElementErrorCodes.isGone(e.name())) {
                throw e;
            }
            ctx.recordError(ErrorCode.NOT_FOUND, e.sample());
            ctx.observe(TransferPhase.UNKNOWN, e.name(), "job " + key + " is no longer listed and the cluster no longer knows"
                    + " its key (" + e.name() + "); Ferry found it by its marker and has no async handle; see the cluster's"
                    + " event log (bulkOpEvent)");
            return true;
        }
        MappedStatus m = ElementStatusMapping.map(st.status());
        if (settling && !m.phase().isFinal()) {
            return false;
        }
        if (m.phase() == TransferPhase.FINISHED_FAILURE) {
            ctx.recordError(ErrorCode.ABORTED, new ErrorLogEntry(client.profile().rpcUrl(),
                    List.of("bulk volume job " + key + " reported status " + st.status() + " (UpdateBulkVolumeStatus)")));
        }
        ctx.update(t -> t.withNativeStatus(st.status()));
        ctx.observe(m.phase(), st.status(), m.known()
                ? "UpdateBulkVolumeStatus(" + key + "): " + st.status() + " (no longer listed; no async handle: the job was found by Ferry's marker)"
                : "unrecognised bulk volume session status \"" + st.status() + "\"");
        return m.phase().isFinal();
    }

    /** A job the list reports failed: the async result's error when the cluster still has it, else the status. */
    private static void recordFailure(TransferContext ctx, ElementClient client, String key, long handle, String status) {
        if (handle >= 0) {
            try {
                AsyncResult r = client.getAsyncResult(handle);
                if (r.failed()) {
                    ctx.update(t -> ElementJobMapper.apply(t, r).withNativeStatus(status));
                    ctx.recordError(ElementErrorCodes.map(r.errorName()), new ErrorLogEntry(client.profile().rpcUrl(),
                            List.of(r.errorMessage(), "name: " + r.errorName(), "asyncHandle: " + handle)));
                    return;
                }
            } catch (TransferException e) {
                // fall back to the listed status below
            }
        }
        ctx.recordError(ErrorCode.ABORTED, new ErrorLogEntry(client.profile().rpcUrl(),
                List.of("bulk volume job " + key + " reported status " + status)));
    }

    private static String reason(MappedStatus m, BulkVolumeJob j) {
        if (!m.known()) {
            return "unrecognised bulk volume job status \"" + j.status() + "\"";
        }
        return "ListBulkVolumeJobs: " + j.status()
                + (j.percentComplete() >= 0 ? " " + fmt(j.percentComplete()) + "%" : "")
                + (j.remainingTime() >= 0 ? ", " + j.remainingTime() + " s remaining" : "");
    }

    private static String fmt(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }

    private static long parseHandle(String s) {
        try {
            return s == null || s.isBlank() ? -1 : Long.parseLong(s.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /**
     * Cancel marks the job failed and finalize marks it complete, both through UpdateBulkVolumeStatus (the only
     * write the API has on a running job; meant for jobs whose data the caller moves). Pause, resume and extend
     * do not exist for bulk volume jobs and are rejected, except resume of a transfer Ferry paused itself
     * ({@code paused_system}: waiting to retry a start or a poll, or restored so after a restart): the engine runs
     * it again.
     */
    @Override
    public ActionResult act(Transfer transfer, PhaseAction action) throws TransferException {
        String key = transfer.option(ElementOptions.KEY, "").trim();
        if (BulkVolumeDataRun.movesData(transfer) && (action == PhaseAction.CANCEL || action == PhaseAction.FINALIZE)) {
            String reported = transfer.option(ElementOptions.REPORTED, "");
            boolean moving = !reported.equals(BulkVolumeDataRun.MOVED) && !reported.equals("complete");
            if (action == PhaseAction.FINALIZE && moving) {
                throw new TransferException(ErrorCode.FAILED_PRECONDITION, "", "Ferry is moving this job's data itself;"
                        + " it reports the job complete once all data is moved");
            }
            if (action == PhaseAction.CANCEL && moving) {
                // Ferry's own data path: the engine stops the worker, which reports the job failed
                // ("cancelled by the operator") and removes the partial file; cleanup() covers a worker not running.
                return ActionResult.LOCAL;
            }
        }
        if (action == PhaseAction.RESUME && transfer.phase() == TransferPhase.PAUSED_SYSTEM) {
            // Ferry itself stopped (a start or poll failed and it waits to retry, or it stopped meanwhile): resuming
            // asks the cluster nothing; the engine runs the transfer again, which finds its job by key or marker
            // before it starts anything
            return ActionResult.LOCAL;
        }
        switch (action) {
            case CANCEL, FINALIZE -> {
                if (key.isEmpty()) {
                    throw new TransferException(ErrorCode.FAILED_PRECONDITION, "",
                            "cannot " + action.wireName() + " this Element job: Ferry does not know its key");
                }
                ElementClient client = connect(transfer);
                if (action == PhaseAction.CANCEL) {
                    client.updateBulkVolumeStatus(key, "failed", null, "cancelled by the operator in Ferry", null);
                } else {
                    client.updateBulkVolumeStatus(key, "complete", "100", "finalized by the operator in Ferry", null);
                }
                return ActionResult.REMOTE;
            }
            case PAUSE, RESUME, EXTEND -> throw new TransferException(ErrorCode.FAILED_PRECONDITION, "",
                    "Element bulk volume jobs cannot be " + pastTense(action)
                            + ": the Element API has no such call (only cancel, which marks the job failed)");
            default -> {
                return ActionResult.LOCAL;
            }
        }
    }

    /** A cancelled job whose data Ferry moved: the partial file goes, and the cluster hears "failed" if not yet. */
    @Override
    public void cleanup(Transfer transfer) throws TransferException {
        if (!BulkVolumeDataRun.movesData(transfer)) {
            return;
        }
        ElementClient client = null;
        TransferException unreachable = null;
        try {
            client = connect(transfer);
        } catch (TransferException e) {
            unreachable = e;
        }
        BulkVolumeDataRun.cleanup(transfer, client);
        if (unreachable != null && !transfer.option(ElementOptions.KEY, "").isBlank()) {
            throw unreachable;
        }
    }

    private static String pastTense(PhaseAction a) {
        return switch (a) {
            case PAUSE -> "paused";
            case RESUME -> "resumed";
            case EXTEND -> "extended";
            default -> a.wireName() + "ed";
        };
    }
}
