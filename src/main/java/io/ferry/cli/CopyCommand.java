package io.ferry.cli;

import io.ferry.domain.Direction;
import io.ferry.domain.ErrorCode;
import io.ferry.domain.ErrorSummary;
import io.ferry.domain.Transfer;
import io.ferry.domain.TransferPhase;
import io.ferry.engine.TransferRequest;
import io.ferry.engine.TransferService;
import io.ferry.provider.local.LocalOptions;
import io.ferry.provider.local.LocalProvider;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ferry copy SRC DST}: a local copy of a file or a folder tree, run here with progress. */
@Command(name = "copy", mixinStandardHelpOptions = true,
        description = "Copy a file or a folder tree on local disks: written under a temporary name, verified, then"
                + " renamed. If DST is an existing folder, the copy goes inside it.")
public final class CopyCommand implements Callable<Integer> {
    /** Option keys the local provider reads. */
    static final String OPT_VERIFY = LocalOptions.VERIFY;
    static final String OPT_OVERWRITE = LocalOptions.OVERWRITE;
    static final String OPT_SYNC = LocalOptions.SYNC;

    private final CliContext context;

    @Spec
    CommandSpec spec;

    @Mixin
    JsonOption json;

    @Parameters(index = "0", paramLabel = "SRC", description = "The file or folder to copy.")
    Path source;

    @Parameters(index = "1", paramLabel = "DST", description = "Where the copy goes.")
    Path target;

    @Option(names = "--no-verify", description = "Skip checking the written data against the data read.")
    boolean noVerify;

    @Option(names = "--overwrite", description = "Replace an existing target that differs.")
    boolean overwrite;

    @Option(names = "--sync", description = "Skip files whose size and modification time match the target's.")
    boolean sync;

    public CopyCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws Exception {
        LocalCopyPreflight.Plan plan = LocalCopyPreflight.check(source, target, overwrite, sync);
        CliBackend backend = context.backend();
        Map<String, String> options = new LinkedHashMap<>();
        options.put(OPT_VERIFY, Boolean.toString(!noVerify && backend.verifyByDefault()));
        options.put(OPT_OVERWRITE, Boolean.toString(overwrite));
        options.put(OPT_SYNC, Boolean.toString(sync));
        String name = plan.source().getFileName() == null ? plan.source().toString() : plan.source().getFileName().toString();
        TransferRequest request = new TransferRequest(LocalProvider.ID, Direction.COPY, name, plan.source().toString(),
                plan.target().toString(), options);

        try (TransferService runner = backend.startRunner()) {
            java.util.concurrent.atomic.AtomicReference<String> id = new java.util.concurrent.atomic.AtomicReference<>();
            Thread stopOnCtrlC = new Thread(() -> {
                runner.close();
                if (id.get() != null) {
                    System.err.println(System.lineSeparator() + "Stopped at the last checkpoint; `ferry resume " + id.get()
                            + "` continues the copy.");
                }
            }, "ferry-stop");
            Runtime.getRuntime().addShutdownHook(stopOnCtrlC);
            try (TransferFollower follower = new TransferFollower(runner)) {
                Transfer first = runner.submit(request);
                id.set(first.id());
                ProgressPrinter printer = new ProgressPrinter(
                        ProgressPrinter.mode(json.enabled(), context.terminal()), spec.commandLine().getOut(), Clock.systemUTC());
                printer.update(first);
                Transfer last = follower.await(Set.of(first.id()), printer::update).get(first.id());
                printer.finish(last);
                return exitCode(last, spec.commandLine().getErr());
            } finally {
                removeHook(stopOnCtrlC);
            }
        }
    }

    /**
     * 0 for finished_success; 2 when the copy failed on bad input the operator must fix (no space, permission
     * denied, vanished source), with one line naming it; 1 for any other failure or a cancel.
     */
    static int exitCode(Transfer t, java.io.PrintWriter err) {
        if (t.phase() == TransferPhase.FINISHED_SUCCESS) {
            return 0;
        }
        for (ErrorCode input : new ErrorCode[] {ErrorCode.RESOURCE_EXHAUSTED, ErrorCode.PERMISSION_DENIED, ErrorCode.NOT_FOUND}) {
            var s = t.errors().get(input);
            if (s.isPresent()) {
                err.println(problemLine(t, s.get()));
                err.flush();
                return CliException.BAD_INPUT;
            }
        }
        String why = t.errors().summaries().stream().findFirst().map(s -> problemLine(t, s)).orElse(
                t.phase().apiName() + ": " + (t.phaseReason().isEmpty() ? t.message() : t.phaseReason()));
        err.println(why);
        err.flush();
        return CliException.FAILED;
    }

    private static String problemLine(Transfer t, ErrorSummary s) {
        String what = switch (s.errorCode()) {
            case RESOURCE_EXHAUSTED -> "Not enough space";
            case PERMISSION_DENIED -> "Permission denied";
            case NOT_FOUND -> "Not found";
            case DATA_LOSS -> "Verification failed (data differs)";
            default -> s.errorCode().name();
        };
        String sample = s.errorLogEntries().isEmpty() ? "" : ": " + s.errorLogEntries().getFirst().url()
                + (s.errorLogEntries().getFirst().errorDetails().isEmpty() ? ""
                        : " (" + String.join("; ", s.errorLogEntries().getFirst().errorDetails()) + ")");
        String more = s.errorCount() > 1 ? " and " + (s.errorCount() - 1) + " more" : "";
        return what + sample + more + " — transfer " + t.id() + " ended " + t.phase().apiName() + ".";
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the JVM is exiting: the hook is running
        }
    }
}
