package io.ferry.cli.element;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.ferry.cli.remote.CliErrors;
import io.ferry.cli.remote.ConsoleTransferContext;
import io.ferry.cli.remote.TransferJson;
import io.ferry.domain.Direction;
import io.ferry.domain.Transfer;
import io.ferry.domain.TransferPhase;
import io.ferry.provider.TransferException;
import io.ferry.provider.element.BulkVolumeJob;
import io.ferry.provider.element.BulkVolumeRequest;
import io.ferry.provider.element.BulkVolumeStatus;
import io.ferry.provider.element.ElementClient;
import io.ferry.provider.element.ElementOptions;
import io.ferry.provider.element.ElementProvider;
import io.ferry.provider.element.ElementStatusMapping;
import io.ferry.provider.element.StartedBulkVolumeJob;
import io.ferry.provider.remote.PollLoop;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ferry element bulk-jobs list|start-read|start-write|update|watch}. */
@Command(name = "bulk-jobs", mixinStandardHelpOptions = true, description = "List, start, update and watch bulk volume jobs.",
        subcommands = {BulkJobsCommand.ListJobs.class, BulkJobsCommand.StartRead.class, BulkJobsCommand.StartWrite.class,
            BulkJobsCommand.Update.class, BulkJobsCommand.Watch.class})
public final class BulkJobsCommand {
    static final ObjectMapper JSON = new ObjectMapper().disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);

    abstract static class Base implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        ElementConnection connection;

        @Option(names = "--json", description = "Print JSON instead of text.")
        boolean json;

        PrintWriter out() {
            return spec.commandLine().getOut();
        }

        PrintWriter err() {
            return spec.commandLine().getErr();
        }

        @Override
        public Integer call() {
            return CliErrors.run(out(), err(), () -> {
                ElementClient c = connection.clientOrExplain(err());
                return c == null ? CliErrors.USAGE : run(c);
            });
        }

        abstract int run(ElementClient c) throws TransferException, InterruptedException;

        String json(Object o) {
            return TransferJson.write(JSON, o);
        }

        int watch(ElementClient c, Direction d, Map<String, String> options, Duration interval) throws InterruptedException {
            Map<String, String> o = new LinkedHashMap<>(options);
            ElementProvider provider = new ElementProvider(x -> c, interval);
            // the script parameters (S3 keys) go to the provider beside the transfer, never in it
            Map<String, String> secrets = new LinkedHashMap<>();
            for (String k : provider.secretOptions()) {
                String v = o.get(k);
                if (v != null && !v.isBlank()) {
                    secrets.put(k, v);
                    o.put(k, io.ferry.provider.Provider.SECRET_PLACEHOLDER);
                }
            }
            o.put(PollLoop.OPTION_INTERVAL, Double.toString(interval.toMillis() / 1000.0));
            String file = o.getOrDefault(ElementOptions.FILE, "");
            String volume = "volume " + o.getOrDefault(ElementOptions.VOLUME_ID, "");
            Transfer t = Transfer.create(UUID.randomUUID().toString(), ElementProvider.ID, d,
                    "element " + o.getOrDefault(ElementOptions.KEY, o.getOrDefault(ElementOptions.VOLUME_ID, "")),
                    file.isEmpty() ? connection.endpoint : d == Direction.UPLOAD ? file : volume,
                    file.isEmpty() ? "" : d == Direction.UPLOAD ? volume : file, o, Clock.systemUTC().instant());
            ConsoleTransferContext ctx = new ConsoleTransferContext(t, out(), json, JSON, Clock.systemUTC(), secrets);
            // Ctrl-C while Ferry moves the data: stop at the next chunk, report the job failed, remove FILE.part
            java.util.concurrent.CountDownLatch finished = new java.util.concurrent.CountDownLatch(1);
            Thread onCtrlC = file.isEmpty() ? null : new Thread(() -> {
                ctx.requestCancel();
                try {
                    finished.await(15, java.util.concurrent.TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "ferry-element-ctrl-c");
            if (onCtrlC != null) {
                Runtime.getRuntime().addShutdownHook(onCtrlC);
            }
            try {
                provider.run(ctx);
            } catch (TransferException e) {
                return CliErrors.report(err(), e);
            } catch (io.ferry.provider.TransferStopped e) {
                err().println("ferry: cancelled: the job was reported failed to the cluster"
                        + (d == Direction.DOWNLOAD && !file.isEmpty() ? " and the partial file removed" : ""));
                err().flush();
                return CliErrors.FAILED;
            } finally {
                finished.countDown();
                if (onCtrlC != null) {
                    try {
                        Runtime.getRuntime().removeShutdownHook(onCtrlC);
                    } catch (IllegalStateException shuttingDown) {
                        // the hook is running: it waits for the countDown above
                    }
                }
            }
            Transfer end = ctx.current();
            if (json) {
                out().println(json(TransferJson.summary(end)));
            } else {
                out().println("result: " + end.phase().apiName() + (end.message().isEmpty() ? "" : " — " + end.message()));
            }
            return end.phase() == TransferPhase.FINISHED_SUCCESS ? CliErrors.OK : CliErrors.FAILED;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the cluster's running bulk volume jobs.")
    static final class ListJobs extends Base {
        @Override
        int run(ElementClient c) throws TransferException {
            List<BulkVolumeJob> jobs = c.listBulkVolumeJobs();
            if (json) {
                List<Map<String, Object>> rows = new ArrayList<>();
                for (BulkVolumeJob j : jobs) {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("key", j.key());
                    m.put("type", j.type());
                    m.put("status", j.status());
                    m.put("phase", ElementStatusMapping.map(j.status()).phase().apiName());
                    m.put("percentComplete", j.percentComplete());
                    m.put("elapsedTime", j.elapsedTime());
                    m.put("remainingTime", j.remainingTime());
                    m.put("srcVolumeID", j.srcVolumeID());
                    m.put("bulkVolumeID", j.bulkVolumeID());
                    m.put("snapshotID", j.snapshotID());
                    m.put("format", j.format());
                    m.put("script", j.script());
                    m.put("createTime", j.createTime());
                    m.put("attributes", j.attributes());
                    rows.add(m);
                }
                out().println(json(rows));
                return CliErrors.OK;
            }
            if (jobs.isEmpty()) {
                out().println("no bulk volume jobs running");
                return CliErrors.OK;
            }
            out().println(String.format(Locale.ROOT, "%-32s  %-5s  %-6s  %-10s  %-14s  %5s  %8s  %9s", "KEY", "TYPE", "VOLUME",
                    "STATUS", "PHASE", "DONE", "ELAPSED", "REMAINING"));
            for (BulkVolumeJob j : jobs) {
                out().println(String.format(Locale.ROOT, "%-32s  %-5s  %-6s  %-10s  %-14s  %5s  %7ss  %8ss", j.key(), j.type(),
                        j.srcVolumeID() < 0 ? "" : Long.toString(j.srcVolumeID()), j.status(),
                        ElementStatusMapping.map(j.status()).phase().apiName(),
                        j.percentComplete() < 0 ? "" : String.format(Locale.ROOT, "%.0f%%", j.percentComplete()),
                        j.elapsedTime() < 0 ? "?" : Long.toString(j.elapsedTime()),
                        j.remainingTime() < 0 ? "?" : Long.toString(j.remainingTime())));
            }
            return CliErrors.OK;
        }
    }

    abstract static class Start extends Base {
        @Option(names = "--volume-id", required = true, paramLabel = "ID")
        long volumeID;

        @Option(names = "--format", defaultValue = "native", description = "native or uncompressed (default: ${DEFAULT-VALUE}).")
        String format;

        @Option(names = "--script", paramLabel = "NAME", description = "Script the cluster runs, e.g. bv_internal.py.")
        String script;

        @Option(names = "--script-parameters", paramLabel = "JSON", description = "Script parameters as a JSON object.")
        String scriptParameters;

        @Option(names = "--script-parameters-file", paramLabel = "FILE",
                description = "Script parameters from a JSON file (they often hold S3 secrets: prefer this to the command line).")
        Path scriptParametersFile;

        @Option(names = "--attributes", paramLabel = "JSON", description = "Job attributes as a JSON object.")
        String attributes;

        @Option(names = "--attributes-file", paramLabel = "FILE", description = "Job attributes from a JSON file.")
        Path attributesFile;

        @Option(names = "--watch", description = "Follow the job until it ends.")
        boolean watch;

        @Option(names = "--interval", defaultValue = "5", paramLabel = "SECONDS", description = "Poll interval with --watch.")
        double interval;

        abstract Direction direction();

        long snapshot() {
            return -1;
        }

        /** The local file Ferry moves the data to or from itself (--to / --from), or null. */
        Path localFile() {
            return null;
        }

        boolean overwrite() {
            return false;
        }

        @Override
        int run(ElementClient c) throws TransferException, InterruptedException {
            BulkVolumeRequest r = new BulkVolumeRequest(volumeID, format, snapshot(), script,
                    text(scriptParameters, scriptParametersFile, "--script-parameters"), text(attributes, attributesFile, "--attributes"));
            Path local = localFile();
            if (local != null && script != null && !script.isBlank()) {
                throw new IllegalArgumentException("give --script (the cluster moves the data) or "
                        + (direction() == Direction.DOWNLOAD ? "--to" : "--from") + " (Ferry moves it), not both");
            }
            if (watch || local != null) {
                Map<String, String> o = new LinkedHashMap<>();
                if (local != null) {
                    o.put(ElementOptions.FILE, local.toAbsolutePath().toString());
                    o.put(ElementOptions.OVERWRITE, Boolean.toString(overwrite()));
                }
                o.put(ElementOptions.VOLUME_ID, Long.toString(r.volumeID()));
                o.put(ElementOptions.FORMAT, r.format());
                if (r.snapshotID() >= 0) {
                    o.put(ElementOptions.SNAPSHOT_ID, Long.toString(r.snapshotID()));
                }
                o.put(ElementOptions.SCRIPT, r.script());
                o.put(ElementOptions.SCRIPT_PARAMETERS, r.scriptParameters());
                o.put(ElementOptions.ATTRIBUTES, r.attributes());
                return watch(c, direction(), o, Duration.ofMillis(Math.round(Math.max(0.05, interval) * 1000)));
            }
            // a marker in the job's attributes: a start whose answer is lost is found again instead of left unknown
            ElementClient.MarkedStart m = c.startMarked(direction() == Direction.DOWNLOAD, r, UUID.randomUUID().toString());
            StartedBulkVolumeJob s = m.job();
            if (m.foundByMarker()) {
                if (json) {
                    out().println(json(Map.of("key", s.key(), "foundByMarker", true, "lostAnswer", m.lostAnswer().getMessage())));
                } else {
                    out().println("started: key " + s.key() + " (the start's answer was lost; Ferry found the job by its marker,"
                            + " so the async handle and url are not known)");
                    out().println("follow it with: ferry element bulk-jobs watch " + s.key() + " --endpoint " + connection.endpoint
                            + " --pin …");
                }
            } else if (json) {
                out().println(json(Map.of("asyncHandle", s.asyncHandle(), "key", s.key(), "url", s.url())));
            } else {
                out().println("started: key " + s.key() + ", async handle " + s.asyncHandle() + ", url " + s.url());
                out().println("follow it with: ferry element bulk-jobs watch " + s.key() + " --async-handle " + s.asyncHandle()
                        + " --endpoint " + connection.endpoint + " --pin …");
            }
            return CliErrors.OK;
        }

        /** The inline value or the file's content (not both). */
        static String text(String inline, Path file, String option) {
            if (file == null) {
                return inline;
            }
            if (inline != null) {
                throw new IllegalArgumentException("give " + option + " or " + option + "-file, not both");
            }
            try {
                return Files.readString(file);
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot read " + option + "-file " + file + ": " + e.getMessage());
            }
        }
    }

    @Command(name = "start-read", mixinStandardHelpOptions = true,
            description = "StartBulkVolumeRead: read a volume (or a snapshot of it) out through a script, or into a local"
                    + " file through the node's URL (--to).")
    static final class StartRead extends Start {
        @Option(names = "--snapshot-id", defaultValue = "-1", paramLabel = "ID",
                description = "Read this snapshot (default: a temporary snapshot the cluster makes and deletes).")
        long snapshotID;

        @Option(names = "--to", paramLabel = "FILE", description = "Ferry downloads the volume through the node's URL into"
                + " FILE (no --script), reports progress with UpdateBulkVolumeStatus and follows the job to its end.")
        Path to;

        @Option(names = "--overwrite", description = "With --to: replace FILE if it exists.")
        boolean overwrite;

        @Override
        Path localFile() {
            return to;
        }

        @Override
        boolean overwrite() {
            return overwrite;
        }

        @Override
        Direction direction() {
            return Direction.DOWNLOAD;
        }

        @Override
        long snapshot() {
            return snapshotID;
        }
    }

    @Command(name = "start-write", mixinStandardHelpOptions = true,
            description = "StartBulkVolumeWrite: write into a volume from a script's source, or from a local file through"
                    + " the node's URL (--from).")
    static final class StartWrite extends Start {
        @Option(names = "--from", paramLabel = "FILE", description = "Ferry uploads FILE into the volume through the node's"
                + " URL (no --script), reports progress with UpdateBulkVolumeStatus and follows the job to its end.")
        Path from;

        @Override
        Path localFile() {
            return from;
        }

        @Override
        Direction direction() {
            return Direction.UPLOAD;
        }
    }

    @Command(name = "update", mixinStandardHelpOptions = true,
            description = "UpdateBulkVolumeStatus: report a job's state (for jobs whose data you move through its URL).")
    static final class Update extends Base {
        @Parameters(index = "0", paramLabel = "KEY", description = "The job's key.")
        String key;

        @Option(names = "--status", paramLabel = "STATUS", description = "running, complete or failed (omit to just read the job).")
        String status;

        @Option(names = "--percent", paramLabel = "N", description = "percentComplete (sent as a string, as the API wants).")
        String percent;

        @Option(names = "--message", paramLabel = "TEXT")
        String message;

        @Option(names = "--attributes", paramLabel = "JSON", description = "Attributes as a JSON object.")
        String attributes;

        @Option(names = "--attributes-file", paramLabel = "FILE", description = "Attributes from a JSON file.")
        Path attributesFile;

        @Override
        int run(ElementClient c) throws TransferException {
            if (status != null && !List.of("running", "complete", "failed").contains(status)) {
                throw new IllegalArgumentException("--status must be running, complete or failed, got \"" + status + "\"");
            }
            Map<String, Object> attrs = null;
            String a = Start.text(attributes, attributesFile, "--attributes");
            if (a != null && !a.isBlank()) {
                try {
                    attrs = JSON.readValue(a, JSON.getTypeFactory().constructMapType(LinkedHashMap.class, String.class, Object.class));
                } catch (IOException e) {
                    throw new IllegalArgumentException("--attributes must be a JSON object: " + e.getMessage().lines().findFirst().orElse(""));
                }
            }
            BulkVolumeStatus s = c.updateBulkVolumeStatus(key, status, percent, message, attrs);
            if (json) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("status", s.status());
                m.put("phase", ElementStatusMapping.map(s.status()).phase().apiName());
                m.put("url", s.url());
                m.put("attributes", s.attributes());
                out().println(json(m));
            } else {
                out().println("status " + s.status() + " (" + ElementStatusMapping.map(s.status()).phase().apiName() + ")"
                        + (s.url().isEmpty() ? "" : ", url " + s.url()));
            }
            return CliErrors.OK;
        }
    }

    @Command(name = "watch", mixinStandardHelpOptions = true, description = "Follow a job by key (and async handle) until it ends.")
    static final class Watch extends Base {
        @Parameters(index = "0", arity = "0..1", paramLabel = "KEY")
        String key;

        @Option(names = "--async-handle", paramLabel = "N", description = "Ask GetAsyncResult (keepResult) once the job leaves the list.")
        Long asyncHandle;

        @Option(names = "--interval", defaultValue = "5", paramLabel = "SECONDS")
        double interval;

        @Override
        int run(ElementClient c) throws InterruptedException {
            Map<String, String> o = new LinkedHashMap<>();
            if (key != null) {
                o.put(ElementOptions.KEY, key);
            }
            if (asyncHandle != null) {
                o.put(ElementOptions.ASYNC_HANDLE, Long.toString(asyncHandle));
            }
            return watch(c, Direction.WATCH, o, Duration.ofMillis(Math.round(Math.max(0.05, interval) * 1000)));
        }
    }
}
