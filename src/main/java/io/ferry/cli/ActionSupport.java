package io.ferry.cli;

import io.ferry.domain.PhaseAction;
import io.ferry.domain.PhaseTransitions;
import io.ferry.domain.Transfer;
import io.ferry.engine.TransferService;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Shared by pause, resume, cancel and resume-all. */
final class ActionSupport {
    /** How long a command waits to see a queued action applied by the running process before saying so. */
    static final Duration CONFIRM_WAIT = Duration.ofSeconds(3);

    private ActionSupport() {}

    /** Pause or cancel: checked against the phase table, then applied here or queued for the running process. */
    static int pauseOrCancel(CliContext context, PrintWriter out, String id, PhaseAction action) throws InterruptedException {
        CliBackend backend = context.backend();
        Transfer t = TransferIds.find(backend.transfers(), id);
        PhaseTransitions.apply(t.phase(), action); // throws, naming the action and the phase, when not allowed
        CliBackend.ActionOutcome outcome = backend.act(t, action);
        if (!outcome.wasQueued()) {
            out.println(describe(t, outcome.transfer()));
            out.flush();
            return 0;
        }
        Transfer after = waitForChange(backend, t);
        if (after.phase() != t.phase()) {
            out.println(describe(t, after) + "  (applied by Ferry process " + outcome.runnerPid() + ")");
        } else {
            out.println("Asked the Ferry process (pid " + outcome.runnerPid() + ") that runs transfers to "
                    + action.wireName() + " " + t.id() + "; it has not done so yet (`ferry show " + Formats.shortId(t.id())
                    + "` shows its phase).");
        }
        out.flush();
        return 0;
    }

    /**
     * Resume: if no process runs transfers, this one becomes the runner and follows the transfers to their end;
     * otherwise the resume is queued for the running process.
     */
    static int resume(CliContext context, ProgressPrinter.Mode mode, PrintWriter out, PrintWriter err, List<Transfer> wanted)
            throws InterruptedException {
        CliBackend backend = context.backend();
        TransferService runner;
        try {
            runner = backend.startRunner();
        } catch (RunnerBusyException busy) {
            List<Transfer> paused = wanted.stream().filter(t -> t.phase().canResume()).toList();
            for (Transfer t : paused) {
                backend.act(t, PhaseAction.RESUME);
            }
            if (paused.isEmpty()) {
                out.println("Nothing to resume: the Ferry process (pid " + busy.pid() + ") that runs transfers is already"
                        + " running " + (wanted.size() == 1 ? wanted.getFirst().id() : "them") + ".");
            } else {
                out.println("Asked the Ferry process (pid " + busy.pid() + ") that runs transfers to resume " + paused.size()
                        + (paused.size() == 1 ? " transfer (" + paused.getFirst().id() + ")." : " transfers."));
            }
            out.flush();
            return 0;
        }
        try (runner) {
            Thread stopOnCtrlC = new Thread(runner::close, "ferry-stop");
            Runtime.getRuntime().addShutdownHook(stopOnCtrlC);
            try (TransferFollower follower = new TransferFollower(runner)) {
                Set<String> ids = new LinkedHashSet<>();
                for (Transfer w : wanted) {
                    Transfer now = runner.get(w.id()).orElseThrow(() -> CliException.badInput("No transfer with id " + w.id()));
                    if (now.phase().canResume()) {
                        runner.act(now.id(), PhaseAction.RESUME);
                    } else if (!now.phase().isActive()) {
                        PhaseTransitions.apply(now.phase(), PhaseAction.RESUME); // throws the clear message
                    }
                    ids.add(now.id());
                }
                ProgressPrinter printer = new ProgressPrinter(mode, out, Clock.systemUTC());
                Map<String, Transfer> last = follower.await(ids, printer::update);
                int exit = 0;
                for (String id : ids) {
                    printer.finish(last.get(id));
                    exit = Math.max(exit, CopyCommand.exitCode(last.get(id), err));
                }
                return exit;
            } finally {
                try {
                    Runtime.getRuntime().removeShutdownHook(stopOnCtrlC);
                } catch (IllegalStateException exiting) {
                    // the hook is running
                }
            }
        }
    }

    private static Transfer waitForChange(CliBackend backend, Transfer before) throws InterruptedException {
        Instant deadline = Instant.now().plus(CONFIRM_WAIT);
        Transfer now = before;
        while (Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
            now = backend.transfers().stream().filter(x -> x.id().equals(before.id())).findFirst().orElse(now);
            if (now.phase() != before.phase()) {
                return now;
            }
        }
        return now;
    }

    static String describe(Transfer before, Transfer after) {
        return Formats.shortId(after.id()) + "  " + after.name() + ": " + before.phase().apiName() + " → "
                + after.phase().apiName();
    }
}
