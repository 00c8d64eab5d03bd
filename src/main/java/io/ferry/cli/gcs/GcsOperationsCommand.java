package io.ferry.cli.gcs;

import io.ferry.domain.Direction;
import io.ferry.domain.Transfer;
import io.ferry.domain.TransferPhase;
import io.ferry.provider.TransferException;
import io.ferry.provider.gcs.GcsNames;
import io.ferry.provider.gcs.GcsOperation;
import io.ferry.provider.gcs.GcsOptions;
import io.ferry.provider.gcs.GcsProvider;
import io.ferry.provider.gcs.OperationFilter;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ferry gcs operations list|get|pause|resume|cancel|watch}. */
@Command(name = "operations",
        description = "List, show, watch, pause, resume and cancel transfer operations.")
final class GcsOperationsCommand {
    @Mixin
    HelpOption help;

    @Command(name = "list",
            description = "List the project's operations, newest first (all pages unless --limit).")
    int list(
            @Mixin GcsConnection conn,
            @Option(names = "--job-names", split = ",", paramLabel = "JOB", description = "Only these jobs.") List<String> jobNames,
            @Option(names = "--operation-names", split = ",", paramLabel = "NAME", description = "Only these operations.") List<String> operationNames,
            @Option(names = "--statuses", split = ",", paramLabel = "STATUS",
                    description = "Only these statuses: in_progress, paused, success, failed, aborted.") List<String> statuses,
            @Option(names = "--limit", defaultValue = "0", paramLabel = "N", description = "At most this many (0: all).") int limit) {
        return conn.call(() -> {
            var filter = new OperationFilter(conn.project(), jobNames, operationNames, statuses);
            List<GcsOperation> ops = conn.client().listOperations(filter, Math.max(0, limit));
            if (conn.json) {
                conn.out().println(GcsOutput.json(Map.of("operations", ops.stream().map(GcsOutput::operationJson).toList())));
            } else if (ops.isEmpty()) {
                conn.out().println("No operations in project " + filter.projectId() + " match.");
            } else {
                conn.out().print(GcsOutput.operationsTable(ops));
            }
            return GcsConnection.OK;
        });
    }

    @Command(name = "get", aliases = "describe",
            description = "Show one operation: status, phase, progress, every counter and error sample.")
    int get(@Mixin GcsConnection conn, @Parameters(paramLabel = "OPERATION") String name) {
        return conn.call(() -> {
            GcsOperation op = conn.client().getOperation(name);
            conn.out().print(conn.json ? GcsOutput.json(GcsOutput.operationJson(op)) + "\n" : GcsOutput.operationDetail(op));
            return GcsConnection.OK;
        });
    }

    @Command(name = "pause", description = "Pause an IN_PROGRESS operation.")
    int pause(@Mixin GcsConnection conn, @Parameters(paramLabel = "OPERATION") String name) {
        return conn.call(() -> {
            conn.client().pauseOperation(name);
            return requested(conn, name, "pause", "it drains (SUSPENDING) and then shows PAUSED");
        });
    }

    @Command(name = "resume", description = "Resume a PAUSED operation.")
    int resume(@Mixin GcsConnection conn, @Parameters(paramLabel = "OPERATION") String name) {
        return conn.call(() -> {
            conn.client().resumeOperation(name);
            return requested(conn, name, "resume", "it shows IN_PROGRESS again");
        });
    }

    @Command(name = "cancel",
            description = "Cancel an operation (asynchronous; a finished one is left as it is).")
    int cancel(@Mixin GcsConnection conn, @Parameters(paramLabel = "OPERATION") String name) {
        return conn.call(() -> {
            conn.client().cancelOperation(name);
            return requested(conn, name, "cancel", "it shows ABORTED once the service has stopped it");
        });
    }

    @Command(name = "watch", aliases = "monitor",
            description = "Follow an operation until it ends; exit 0 on SUCCESS, 1 on FAILED or ABORTED.")
    int watch(
            @Mixin GcsConnection conn,
            @Parameters(paramLabel = "OPERATION") String name,
            @Option(names = "--interval", defaultValue = "10", paramLabel = "SECONDS",
                    description = "Seconds between polls (default ${DEFAULT-VALUE}).") String interval) {
        return conn.call(() -> follow(conn, GcsNames.operation(name), interval, Map.of()));
    }

    private static int requested(GcsConnection conn, String name, String action, String next) {
        String full = GcsNames.operation(name);
        if (conn.json) {
            conn.out().println(GcsOutput.compactJson(Map.of("name", full, "action", action, "requested", true)));
        } else {
            conn.out().println(Character.toUpperCase(action.charAt(0)) + action.substring(1) + " requested for " + full + "; " + next + ".");
        }
        return GcsConnection.OK;
    }

    /**
     * Follows an operation (or runs and follows a job) through {@link GcsProvider}, the same watcher the GUI uses,
     * printing as it goes; the exit code says how it ended.
     */
    static int follow(GcsConnection conn, String source, String interval, Map<String, String> extra)
            throws TransferException, InterruptedException {
        var options = new java.util.LinkedHashMap<String, String>(extra);
        options.put(GcsOptions.POLL_INTERVAL, interval);
        if (source.startsWith(GcsNames.JOB_PREFIX)) {
            options.put(GcsOptions.PROJECT, conn.project());
        }
        Transfer start = Transfer.create(UUID.randomUUID().toString(), GcsProvider.ID, Direction.WATCH, source, source, "",
                options, Instant.now());
        var provider = new GcsProvider(t -> conn.client());
        var ctx = new WatchContext(start, conn.out(), conn.json, !conn.json && System.console() != null);
        try {
            provider.run(ctx);
        } catch (io.ferry.provider.TransferStopped stopped) {
            conn.err().println("ferry gcs: watch stopped (" + stopped.why() + ")");
            return GcsConnection.FAILED;
        } finally {
            ctx.finish();
        }
        Transfer end = ctx.current();
        if (conn.json) {
            conn.out().println(GcsOutput.compactJson(GcsOutput.transferJson(end)));
        } else {
            conn.out().println("Operation " + end.attributes().getOrDefault("operationName", source) + " ended "
                    + end.phase().apiName() + " (" + end.nativeStatus() + ")"
                    + (end.ended() == null ? "" : " at " + io.ferry.domain.Rfc3339.format(end.ended())));
            if (!end.errors().isEmpty()) {
                conn.out().println(end.errors().totalCount() + " error(s); to see the samples run: ferry gcs operations get "
                        + GcsNames.stripOperationPrefix(end.attributes().getOrDefault("operationName", source)));
            }
        }
        return end.phase() == TransferPhase.FINISHED_SUCCESS ? GcsConnection.OK : GcsConnection.FAILED;
    }
}
