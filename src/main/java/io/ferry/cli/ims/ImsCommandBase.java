package io.ferry.cli.ims;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.ferry.cli.remote.CliErrors;
import io.ferry.cli.remote.ConsoleTransferContext;
import io.ferry.cli.remote.TransferJson;
import io.ferry.domain.Direction;
import io.ferry.domain.Transfer;
import io.ferry.domain.TransferPhase;
import io.ferry.provider.TransferException;
import io.ferry.provider.TransferStopped;
import io.ferry.provider.ims.ImsClient;
import io.ferry.provider.ims.ImsJobApi;
import io.ferry.provider.ims.ImsOptions;
import io.ferry.provider.ims.ImsProvider;
import io.ferry.provider.remote.PollLoop;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** What every {@code ferry ims} command shares: the account options, --json, --api, and the watch loop. */
abstract class ImsCommandBase implements Callable<Integer> {
    static final ObjectMapper JSON = new ObjectMapper();

    @Spec
    CommandSpec spec;

    @Mixin
    ImsConnection connection;

    @Option(names = "--json", description = "Print JSON instead of text.")
    boolean json;

    @Option(names = "--api", defaultValue = "jobs", paramLabel = "API",
            description = "Job query: jobs (GET /v1/{project_id}/jobs/{job_id}) or progress (GET /v1/cloudimages/job/{job_id},"
                    + " with percent; falls back to jobs). Default: ${DEFAULT-VALUE}.")
    String api;

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    PrintWriter err() {
        return spec.commandLine().getErr();
    }

    ImsJobApi jobApi() {
        return ImsJobApi.parse(api).orElseThrow(() -> new IllegalArgumentException("--api must be jobs or progress, got \"" + api + "\""));
    }

    @Override
    public final Integer call() {
        return CliErrors.run(out(), err(), () -> run(connection.client()));
    }

    abstract int run(ImsClient client) throws TransferException, InterruptedException;

    String json(Object o) {
        return TransferJson.write(JSON, o);
    }

    /** Follows a job in the foreground through the ims provider; exit 0 on SUCCESS, 1 otherwise. */
    int watch(ImsClient client, Map<String, String> options, double intervalSeconds) throws InterruptedException {
        Map<String, String> o = new LinkedHashMap<>(options);
        o.put(ImsOptions.JOB_API, jobApi().name().toLowerCase(java.util.Locale.ROOT));
        Duration interval = Duration.ofMillis(Math.round(Math.max(0.05, intervalSeconds) * 1000));
        o.put(PollLoop.OPTION_INTERVAL, Double.toString(interval.toMillis() / 1000.0));
        Transfer t = Transfer.create(UUID.randomUUID().toString(), ImsProvider.ID, Direction.WATCH,
                "ims " + o.getOrDefault(ImsOptions.JOB_ID, o.getOrDefault(ImsOptions.START, "")), client.profile().imsEndpoint(),
                "", o, Clock.systemUTC().instant());
        ConsoleTransferContext ctx = new ConsoleTransferContext(t, out(), json, JSON, Clock.systemUTC());
        try {
            new ImsProvider(x -> client, interval).run(ctx);
        } catch (TransferException e) {
            return CliErrors.report(err(), e);
        } catch (TransferStopped e) {
            return CliErrors.FAILED;
        }
        Transfer end = ctx.current();
        if (json) {
            out().println(json(TransferJson.summary(end)));
        } else {
            out().println("result: " + end.phase().apiName()
                    + (end.attributes().containsKey("image_id") ? ", image " + end.attributes().get("image_id") : "")
                    + (end.message().isEmpty() ? "" : " — " + end.message()));
        }
        return end.phase() == TransferPhase.FINISHED_SUCCESS ? CliErrors.OK : CliErrors.FAILED;
    }
}
