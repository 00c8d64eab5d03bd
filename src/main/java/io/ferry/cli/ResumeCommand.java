package io.ferry.cli;

import io.ferry.domain.PhaseAction;
import io.ferry.domain.PhaseTransitions;
import io.ferry.domain.Transfer;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ferry resume ID}: continues a paused transfer from its last durable checkpoint. */
@Command(name = "resume", mixinStandardHelpOptions = true,
        description = "Resume a paused transfer from its last checkpoint. If no Ferry is running transfers, this"
                + " command runs it here until it ends; otherwise the running Ferry resumes it.")
public final class ResumeCommand implements Callable<Integer> {
    private final CliContext context;

    @Spec
    CommandSpec spec;

    @Mixin
    JsonOption json;

    @Parameters(paramLabel = "ID", description = "The transfer's id, or a unique prefix of it.")
    String id;

    public ResumeCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws InterruptedException {
        Transfer t = TransferIds.find(context.backend().transfers(), id);
        if (!t.phase().isActive()) { // an active one (left running by a stopped Ferry) is picked up by the runner
            PhaseTransitions.apply(t.phase(), PhaseAction.RESUME);
        }
        return ActionSupport.resume(context, ProgressPrinter.mode(json.enabled(), context.terminal()),
                spec.commandLine().getOut(), spec.commandLine().getErr(), List.of(t));
    }
}
