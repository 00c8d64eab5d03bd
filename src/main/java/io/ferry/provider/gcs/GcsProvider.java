package io.ferry.provider.gcs;

import io.ferry.domain.Direction;
import io.ferry.domain.ErrorBreakdown;
import io.ferry.domain.ErrorCode;
import io.ferry.domain.ErrorLogEntry;
import io.ferry.domain.ErrorSummary;
import io.ferry.domain.PhaseAction;
import io.ferry.domain.Rfc3339;
import io.ferry.domain.Transfer;
import io.ferry.domain.TransferPhase;
import io.ferry.provider.Provider;
import io.ferry.provider.TransferContext;
import io.ferry.provider.TransferException;
import io.ferry.provider.TransferStopped;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Watches and steers one Google Storage Transfer operation ({@link Direction#WATCH}). {@link #run} polls
 * transferOperations.get at the transfer's poll interval, backs off on errors, reports each poll through
 * {@code ctx.observe} and {@code ctx.update}, and returns once the operation reaches a final status
 * (SUCCESS, FAILED, ABORTED). {@link #act} forwards pause, resume and cancel to the API.
 */
public final class GcsProvider implements Provider {
    public static final String ID = "gcs";
    /** Consecutive NOT_FOUND answers tolerated for an operation never seen yet (a new run lists late). */
    static final int NOT_YET_LISTED_POLLS = 6;

    private final Function<Transfer, StorageTransferClient> clients;

    public GcsProvider() {
        this(new GcsClients());
    }

    /** With a client source (tests point it at a local server). */
    public GcsProvider(Function<Transfer, StorageTransferClient> clients) {
        this.clients = Objects.requireNonNull(clients, "clients");
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public void run(TransferContext ctx) throws TransferException, TransferStopped, InterruptedException {
        Transfer start = ctx.current();
        StorageTransferClient client = client(start);
        Duration interval;
        Duration maxBackoff;
        int maxFailed;
        try {
            interval = GcsOptions.pollInterval(start);
            maxBackoff = GcsOptions.maxBackoff(start);
            maxFailed = GcsOptions.maxFailedPolls(start);
        } catch (IllegalArgumentException badOption) {
            throw new TransferException(ErrorCode.INVALID_ARGUMENT, "", badOption.getMessage(), badOption);
        }

        String operation = resolveOperation(ctx, client);
        ErrorBreakdown lastRemote = remoteErrorsOf(start);
        boolean seen = !start.nativeStatus().isEmpty();
        boolean observed = false;
        int failed = 0;
        int notListed = 0;
        // No ctx.checkpoint() before this run's first observation: for the engine a checkpoint means "data is
        // moving" (initializing or resuming → transferring), which only the service may say. Stops arrive in
        // ctx.sleep, which also makes the checkpoint between polls.
        while (true) {
            if (observed) {
                ctx.checkpoint();
            }
            GcsOperation op;
            try {
                op = client.getOperation(operation);
            } catch (TransferException e) {
                if (e.code() == ErrorCode.CANCELLED && Thread.interrupted()) {
                    throw new InterruptedException("stopped while polling " + operation);
                }
                if (e.code() == ErrorCode.NOT_FOUND && !seen && ++notListed <= NOT_YET_LISTED_POLLS) {
                    ctx.observe(TransferPhase.INITIALIZING, "", "operation not listed by Storage Transfer yet");
                    ctx.sleep(interval);
                    continue;
                }
                if (!worthRetrying(e.code()) || ++failed >= maxFailed) {
                    throw e;
                }
                ctx.recordError(e.code(), e.sample());
                ctx.sleep(backoff(interval, maxBackoff, failed));
                continue;
            }
            seen = true;
            failed = 0;
            report(ctx, op, lastRemote);
            lastRemote = op.errorBreakdowns();
            observed = true;
            if (op.phase().isFinal()) {
                return;
            }
            ctx.sleep(interval);
        }
    }

    /**
     * UNAVAILABLE, DEADLINE_EXCEEDED and ABORTED by their guidance; RESOURCE_EXHAUSTED (a throttled poll); also UNKNOWN and INTERNAL,
     * which is what a garbled answer (malformed JSON, an HTML page from a proxy) becomes — a watcher polls the
     * same read-only call again. UNAUTHENTICATED, PERMISSION_DENIED, NOT_FOUND and the other client errors stop.
     */
    static boolean worthRetrying(ErrorCode code) {
        return code.isRetryable() || code == ErrorCode.RESOURCE_EXHAUSTED || code == ErrorCode.UNKNOWN
                || code == ErrorCode.INTERNAL;
    }

    /** interval × 2^failures, at least 100 ms × 2^failures, at most {@code max}. */
    static Duration backoff(Duration interval, Duration max, int failures) {
        Duration floor = Duration.ofMillis(100);
        Duration base = interval.compareTo(floor) < 0 ? floor : interval;
        Duration d = base.multipliedBy(1L << Math.min(20, failures));
        return d.compareTo(max) > 0 ? max : d;
    }

    /** The operation to poll: the remembered one, the source if it is an operation, else a job's (new) operation. */
    private String resolveOperation(TransferContext ctx, StorageTransferClient client) throws TransferException {
        Transfer t = ctx.current();
        String known = t.options().get(GcsOptions.OPERATION);
        if (known != null && !known.isBlank()) {
            return GcsNames.operation(known);
        }
        String source = t.source().trim();
        if (source.isEmpty()) {
            throw new TransferException(ErrorCode.INVALID_ARGUMENT, "",
                    "no Storage Transfer operation or job named: give transferOperations/… or transferJobs/…");
        }
        String operation;
        if (source.startsWith(GcsNames.JOB_PREFIX)) {
            String project = project(t);
            if ("true".equalsIgnoreCase(t.options().get(GcsOptions.RUN_JOB))) {
                operation = runOrFind(ctx, client, source, project);
            } else {
                GcsJob job = client.getJob(source, project);
                if (job.latestOperationName().isEmpty()) {
                    throw new TransferException(ErrorCode.FAILED_PRECONDITION, source,
                            "the job has never run; start a run (ferry gcs jobs run " + job.shortName() + ")");
                }
                operation = job.latestOperationName();
            }
        } else {
            operation = GcsNames.operation(source);
        }
        String name = operation;
        ctx.update(tr -> tr.withOption(GcsOptions.OPERATION, name).withAttribute("operationName", name));
        return name;
    }

    /**
     * Starts a run of {@code job}, or finds the one an earlier {@code :run} started. Before the run is sent, the job's
     * {@code latestOperationName} is kept in the store ({@value GcsOptions#RUN_AFTER}); when that value is already
     * stored (a run was sent before: its answer was lost, or Ferry stopped before storing the operation), or when
     * the run now sent gets no answer, transferJobs.get is asked: a {@code latestOperationName} other than the
     * stored one is the run's operation, and is followed. The same one → the run did not start: the transport
     * failure stands and the engine's retry policy may send the run again (a job has at most one active
     * operation, so a run that did start after all is answered ALREADY_EXISTS and followed).
     */
    private static String runOrFind(TransferContext ctx, StorageTransferClient client, String job, String project)
            throws TransferException {
        String before = ctx.current().options().get(GcsOptions.RUN_AFTER);
        if (before != null) {
            String latest = client.getJob(job, project).latestOperationName();
            if (!latest.isEmpty() && !latest.equals(before)) {
                ctx.update(t -> t.withAttribute("foundBy", "the job's latestOperationName after an earlier run whose answer was not stored"));
                return latest;
            }
        } else {
            String b = client.getJob(job, project).latestOperationName();
            ctx.update(t -> t.withOption(GcsOptions.RUN_AFTER, b));
            ctx.saveNow(); // in the store before the run leaves: a restart compares against it first
            before = b;
        }
        return runOrFollowActive(ctx, client, job, project, before);
    }

    /**
     * Starts a run. A job has at most one active operation, so when the service answers ALREADY_EXISTS (our own
     * earlier run, if Ferry stopped before the operation's name was saved, or someone else's) the active one is
     * followed instead of failing or starting another. A run whose answer was lost is resolved by
     * {@link StorageTransferClient#runJobOrFind}.
     */
    private static String runOrFollowActive(TransferContext ctx, StorageTransferClient client, String job, String project,
            String before) throws TransferException {
        try {
            StorageTransferClient.CheckedRun run = client.runJobOrFind(job, project, before);
            if (run.foundAfterLostAnswer()) {
                ctx.recordError(run.lostAnswer().code(), run.lostAnswer().sample());
                ctx.update(t -> t.withAttribute("foundBy", "the job's latestOperationName after transferJobs.run got no answer"));
            }
            if (!run.operationName().isEmpty()) {
                return run.operationName();
            }
        } catch (TransferException e) {
            if (e.code() != ErrorCode.ALREADY_EXISTS) {
                throw e;
            }
        }
        String latest = client.getJob(job, project).latestOperationName();
        if (latest.isEmpty()) {
            throw new TransferException(ErrorCode.UNAVAILABLE, job,
                    "the run started but Storage Transfer has not named its operation yet; watch the job again");
        }
        return latest;
    }

    private static String project(Transfer t) throws TransferException {
        String p = t.options().get(GcsOptions.PROJECT);
        if (p == null || p.isBlank()) {
            throw new TransferException(ErrorCode.INVALID_ARGUMENT, t.source(),
                    "a project id is needed to follow a transfer job (option " + GcsOptions.PROJECT + ")");
        }
        return p.trim();
    }

    /**
     * Progress first, then the phase: the engine publishes a phase change at once (and a final phase as the last
     * event of a run), so the counters, errors and times must already be on the transfer when the phase moves.
     *
     * <p>Errors: the service's breakdown replaces the one from the previous poll ({@code lastRemote}); what Ferry
     * recorded itself (failed polls, refused actions, the engine's retries) stays. The service's breakdown is kept
     * in option {@value #REMOTE_ERRORS} with the errors, so this holds across restarts too.
     */
    static void report(TransferContext ctx, GcsOperation op, ErrorBreakdown lastRemote) {
        String reason = op.status().reason();
        if (!op.errorBreakdowns().isEmpty()) {
            reason += "; " + op.errorBreakdowns().totalCount() + " error(s) reported";
        }
        if (!op.problems().isEmpty()) {
            reason += "; could not read: " + String.join("; ", op.problems());
        }
        Map<String, String> attributes = attributes(op);
        ErrorBreakdown remote = op.errorBreakdowns();
        String remoteWire = toJson(remote);
        ctx.update(t -> {
            Map<String, String> a = new LinkedHashMap<>(t.attributes());
            a.putAll(attributes);
            return t.withCounters(op.counters())
                    .withBytes(op.bytesCopied(), op.bytesFound())
                    .withObjects(op.objectsCopied(), op.objectsFound())
                    .withErrors(remote.merge(minus(t.errors(), lastRemote)))
                    .withOption(REMOTE_ERRORS, remoteWire)
                    .withAttributes(a)
                    .withTimes(op.startTime() != null ? op.startTime() : t.started(),
                            op.endTime() != null ? op.endTime() : t.ended());
        });
        ctx.observe(op.phase(), op.rawStatus(), reason);
    }

    /** Where the last breakdown the service reported is kept (seed 002's JSON), to tell it from Ferry's own. */
    static final String REMOTE_ERRORS = "gcs.remoteErrors";

    private static ErrorBreakdown remoteErrorsOf(Transfer t) {
        String wire = t.options().get(REMOTE_ERRORS);
        if (wire == null || wire.isBlank()) {
            return ErrorBreakdown.EMPTY;
        }
        try {
            return ErrorBreakdown.fromWire(StsJson.mapper().readValue(wire, List.class));
        } catch (java.io.IOException | RuntimeException e) {
            return ErrorBreakdown.EMPTY;
        }
    }

    private static String toJson(ErrorBreakdown b) {
        try {
            return StsJson.mapper().writeValueAsString(b.toWire());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** {@code all} without what {@code part} contributed: counts subtracted, its samples removed. */
    static ErrorBreakdown minus(ErrorBreakdown all, ErrorBreakdown part) {
        ErrorBreakdown out = ErrorBreakdown.EMPTY;
        for (ErrorSummary s : all.summaries()) {
            long count = s.errorCount();
            List<ErrorLogEntry> samples = new ArrayList<>(s.errorLogEntries());
            var p = part.get(s.errorCode());
            if (p.isPresent()) {
                count -= p.get().errorCount();
                samples.removeAll(p.get().errorLogEntries());
            }
            if (count > 0 || !samples.isEmpty()) {
                out = out.add(s.errorCode(), Math.max(0, count), samples);
            }
        }
        return out;
    }

    /** What the operator sees beside the counters: names, project, where from and to, a console link. */
    static Map<String, String> attributes(GcsOperation op) {
        Map<String, String> a = new LinkedHashMap<>();
        put(a, "operationName", op.name());
        put(a, "transferJobName", op.transferJobName());
        put(a, "projectId", op.projectId());
        put(a, "source", op.source());
        put(a, "sink", op.sink());
        if (op.objectsPercent() >= 0) {
            a.put("objectsPercent", String.format(java.util.Locale.ROOT, "%.1f", op.objectsPercent()));
        }
        if (op.startTime() != null) {
            a.put("startTime", Rfc3339.format(op.startTime()));
        }
        if (op.endTime() != null) {
            a.put("endTime", Rfc3339.format(op.endTime()));
        }
        if (!op.projectId().isEmpty()) {
            a.put("consoleUrl", "https://console.cloud.google.com/transfer/cloud/jobs?project="
                    + URLEncoder.encode(op.projectId(), StandardCharsets.UTF_8));
        }
        return a;
    }

    private static void put(Map<String, String> a, String k, String v) {
        if (v != null && !v.isEmpty()) {
            a.put(k, v);
        }
    }

    /**
     * Pause (only while IN_PROGRESS), resume (only while PAUSED) and cancel (while not final) go to the API and
     * return {@link ActionResult#REMOTE}; the watcher then reports the phase the service moves to. Retry starts
     * the watcher again ({@link ActionResult#LOCAL}). Finalize and extend do not exist for Storage Transfer.
     */
    @Override
    public ActionResult act(Transfer transfer, PhaseAction action) throws TransferException {
        if (action == PhaseAction.RETRY) {
            return ActionResult.LOCAL;
        }
        String op = transfer.options().getOrDefault(GcsOptions.OPERATION, "");
        if (op.isBlank()) {
            op = transfer.source().startsWith(GcsNames.JOB_PREFIX) ? "" : transfer.source();
        }
        if (op.isBlank()) {
            throw new TransferException(ErrorCode.FAILED_PRECONDITION, transfer.source(),
                    "no Storage Transfer operation is known for this transfer yet; wait for the first poll");
        }
        String raw = transfer.nativeStatus();
        StorageTransferClient client = client(transfer);
        switch (action) {
            case PAUSE -> {
                require(GcsStatusMapping.canPause(raw), op, "pause works only while the operation is IN_PROGRESS", raw);
                client.pauseOperation(op);
            }
            case RESUME -> {
                require(GcsStatusMapping.canResume(raw), op, "resume works only while the operation is PAUSED", raw);
                client.resumeOperation(op);
            }
            case CANCEL -> {
                require(GcsStatusMapping.canCancel(raw), op, "the operation has already ended", raw);
                client.cancelOperation(op);
            }
            default -> throw new TransferException(ErrorCode.FAILED_PRECONDITION, op,
                    "Storage Transfer operations have no " + action.wireName() + " action; use pause, resume or cancel");
        }
        return ActionResult.REMOTE;
    }

    private static void require(boolean ok, String op, String what, String raw) throws TransferException {
        if (!ok) {
            throw new TransferException(ErrorCode.FAILED_PRECONDITION, op,
                    what + " (it is " + (raw.isEmpty() ? "not known yet" : raw) + ")");
        }
    }

    private StorageTransferClient client(Transfer t) throws TransferException {
        try {
            return clients.apply(t);
        } catch (IllegalArgumentException e) {
            throw new TransferException(ErrorCode.INVALID_ARGUMENT, t.options().getOrDefault(GcsOptions.CREDENTIALS, ""),
                    e.getMessage(), e);
        }
    }

    /** For the GUI's "Watch…" list: the project's recent operations, newest first. */
    public List<GcsOperation> recentOperations(Map<String, String> options, int limit) throws TransferException {
        Transfer probe = Transfer.create("probe", ID, Direction.WATCH, "", "", "", options, java.time.Instant.EPOCH);
        OperationFilter filter;
        try {
            filter = OperationFilter.project(options.getOrDefault(GcsOptions.PROJECT, ""));
        } catch (IllegalArgumentException noProject) {
            throw new TransferException(ErrorCode.INVALID_ARGUMENT, "", noProject.getMessage(), noProject);
        }
        return client(probe).listOperations(filter, limit);
    }
}
