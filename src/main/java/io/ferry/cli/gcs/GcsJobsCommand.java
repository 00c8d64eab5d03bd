package io.ferry.cli.gcs;

import io.ferry.provider.gcs.GcsJob;
import io.ferry.provider.gcs.GcsNames;
import io.ferry.provider.gcs.GcsOperation;
import io.ferry.provider.gcs.GcsOptions;
import io.ferry.provider.gcs.JobFilter;
import io.ferry.provider.gcs.StorageTransferClient;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ferry gcs jobs list|get|run}. */
@Command(name = "jobs", description = "List, show and run transfer jobs.")
final class GcsJobsCommand {
    @Mixin
    HelpOption help;

    @Command(name = "list", description = "List the project's transfer jobs.")
    int list(
            @Mixin GcsConnection conn,
            @Option(names = "--job-names", split = ",", paramLabel = "JOB", description = "Only these jobs.") List<String> jobNames,
            @Option(names = "--job-statuses", split = ",", paramLabel = "STATUS",
                    description = "Only these statuses: enabled, disabled, deleted.") List<String> statuses,
            @Option(names = "--limit", defaultValue = "0", paramLabel = "N", description = "At most this many (0: all).") int limit) {
        return conn.call(() -> {
            var filter = new JobFilter(conn.project(), jobNames, statuses);
            List<GcsJob> jobs = conn.client().listJobs(filter, Math.max(0, limit));
            if (conn.json) {
                conn.out().println(GcsOutput.json(Map.of("transferJobs", jobs.stream().map(GcsOutput::jobJson).toList())));
            } else if (jobs.isEmpty()) {
                conn.out().println("No transfer jobs in project " + filter.projectId() + " match.");
            } else {
                conn.out().print(GcsOutput.jobsTable(jobs));
            }
            return GcsConnection.OK;
        });
    }

    @Command(name = "get", aliases = "describe", description = "Show one transfer job.")
    int get(@Mixin GcsConnection conn, @Parameters(paramLabel = "JOB") String name) {
        return conn.call(() -> {
            GcsJob job = conn.client().getJob(name, conn.project());
            conn.out().print(conn.json ? GcsOutput.json(GcsOutput.jobJson(job)) + "\n" : GcsOutput.jobDetail(job));
            return GcsConnection.OK;
        });
    }

    @Command(name = "run",
            description = "Start a run of a job now and print the operation it created; --watch follows it to the end.")
    int run(
            @Mixin GcsConnection conn,
            @Parameters(paramLabel = "JOB") String name,
            @Option(names = "--watch", description = "Follow the new operation until it ends (exit 0 on SUCCESS).") boolean watch,
            @Option(names = "--interval", defaultValue = "10", paramLabel = "SECONDS",
                    description = "Seconds between polls with --watch (default ${DEFAULT-VALUE}).") String interval) {
        return conn.call(() -> {
            String job = GcsNames.job(name);
            if (watch) {
                // the watcher runs the job itself and remembers the operation, so it is never run twice
                return GcsOperationsCommand.follow(conn, job, interval, Map.of(GcsOptions.RUN_JOB, "true"));
            }
            // the job's latest run before this one: a run whose answer is lost is recognised by a newer one
            String before = conn.client().getJob(job, conn.project()).latestOperationName();
            StorageTransferClient.CheckedRun run = conn.client().runJobOrFind(job, conn.project(), before);
            if (run.foundAfterLostAnswer()) {
                if (conn.json) {
                    conn.out().println(GcsOutput.json(Map.of("name", run.operationName(), "foundAfterLostAnswer", true,
                            "lostAnswer", run.lostAnswer().getMessage())));
                } else {
                    conn.out().println("Started " + run.operationName() + " for " + job + " (the run's answer was lost; Ferry"
                            + " found the operation as the job's latestOperationName).");
                    conn.out().println("Follow it with: ferry gcs operations watch " + GcsNames.stripOperationPrefix(run.operationName()));
                }
                return GcsConnection.OK;
            }
            GcsOperation op = run.answered();
            if (conn.json) {
                conn.out().println(GcsOutput.json(GcsOutput.operationJson(op)));
            } else if (op.name().isEmpty()) {
                conn.out().println("Started a run of " + job + "; Storage Transfer has not listed its operation yet."
                        + " Find it with: ferry gcs operations list --job-names " + GcsNames.stripJobPrefix(job));
            } else {
                conn.out().println("Started " + op.name() + " (" + op.rawStatus() + ") for " + job + ".");
                conn.out().println("Follow it with: ferry gcs operations watch " + op.shortName());
            }
            return GcsConnection.OK;
        });
    }
}
