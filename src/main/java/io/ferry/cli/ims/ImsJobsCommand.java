package io.ferry.cli.ims;

import io.ferry.cli.remote.CliErrors;
import io.ferry.cli.remote.TransferJson;
import io.ferry.domain.Direction;
import io.ferry.domain.SubJob;
import io.ferry.domain.Transfer;
import io.ferry.domain.TransferPhase;
import io.ferry.provider.TransferException;
import io.ferry.provider.ims.ImsClient;
import io.ferry.provider.ims.ImsJob;
import io.ferry.provider.ims.ImsJobMapper;
import io.ferry.provider.ims.ImsOptions;
import io.ferry.provider.ims.ImsProvider;
import io.ferry.provider.ims.ImsStatusMapping;
import java.time.Clock;
import java.util.Map;
import java.util.UUID;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ferry ims jobs get|watch JOB_ID}. */
@Command(name = "jobs", mixinStandardHelpOptions = true, description = "Query or follow an asynchronous IMS job.",
        subcommands = {ImsJobsCommand.Get.class, ImsJobsCommand.Watch.class})
public final class ImsJobsCommand {

    @Command(name = "get", mixinStandardHelpOptions = true, description = "Show a job once.")
    static final class Get extends ImsCommandBase {
        @Parameters(index = "0", paramLabel = "JOB_ID")
        String jobId;

        @Override
        int run(ImsClient client) throws TransferException {
            ImsJob job = client.getJob(jobId, jobApi());
            var m = ImsStatusMapping.map(job.status());
            Transfer t = ImsJobMapper.apply(Transfer.create(UUID.randomUUID().toString(), ImsProvider.ID, Direction.WATCH,
                    "ims " + jobId, client.profile().imsEndpoint(), "", Map.of(ImsOptions.JOB_ID, jobId), Clock.systemUTC().instant()), job)
                    .withPhase(m.phase(), Clock.systemUTC().instant(), m.known() ? job.status() : "unrecognised status \"" + job.status() + "\"");
            String url = client.jobUrl(io.ferry.provider.ims.ImsJobApi.JOBS, jobId, client.tokens().token().projectId());
            for (ImsJobMapper.JobError e : ImsJobMapper.errors(job, url)) {
                t = t.withErrors(t.errors().record(e.code(), e.sample()));
            }
            if (json) {
                out().println(json(TransferJson.summary(t)));
            } else {
                out().println("job        " + job.jobId() + (job.jobType().isEmpty() ? "" : "  (" + job.jobType() + ")"));
                out().println("status     " + job.status() + "  → " + t.phase().apiName());
                double p = t.progressPercent();
                if (p >= 0) {
                    out().println("progress   " + Math.round(p) + "%" + (job.currentTask().isEmpty() ? "" : "  " + job.currentTask()));
                }
                t.attributes().forEach((k, v) -> {
                    if (k.startsWith("image_") || k.endsWith("_time")) {
                        out().println(String.format("%-10s %s", k, v));
                    }
                });
                if (!job.errorCode().isEmpty() || !job.failReason().isEmpty()) {
                    out().println("error      " + job.errorCode() + (job.failReason().isEmpty() ? "" : ": " + job.failReason()));
                }
                for (SubJob s : t.subJobs()) {
                    out().println("  └ " + s.id() + "  " + s.type() + "  " + s.phase().apiName() + " (" + s.nativeStatus() + ")"
                            + (s.attributes().containsKey("image_id") ? "  image " + s.attributes().get("image_id") : "")
                            + (s.errorCode().isEmpty() ? "" : "  " + s.errorCode()) + (s.failReason().isEmpty() ? "" : ": " + s.failReason()));
                }
            }
            return t.phase() == TransferPhase.FINISHED_FAILURE ? CliErrors.FAILED : CliErrors.OK;
        }
    }

    @Command(name = "watch", mixinStandardHelpOptions = true, description = "Follow a job until SUCCESS or FAIL.")
    static final class Watch extends ImsCommandBase {
        @Parameters(index = "0", paramLabel = "JOB_ID")
        String jobId;

        @Option(names = "--interval", defaultValue = "5", paramLabel = "SECONDS", description = "Poll interval (default: ${DEFAULT-VALUE}).")
        double interval;

        @Override
        int run(ImsClient client) throws InterruptedException {
            return watch(client, Map.of(ImsOptions.JOB_ID, jobId), interval);
        }
    }
}
