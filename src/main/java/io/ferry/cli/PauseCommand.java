package io.ferry.cli;

import io.ferry.domain.PhaseAction;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ferry pause ID}: applied at once, or handed to the Ferry process that runs the transfer. */
@Command(name = "pause", mixinStandardHelpOptions = true, description = "Pause a running transfer (it keeps what it has copied).")
public final class PauseCommand implements Callable<Integer> {
    private final CliContext context;

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "ID", description = "The transfer's id, or a unique prefix of it.")
    String id;

    public PauseCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws InterruptedException {
        return ActionSupport.pauseOrCancel(context, spec.commandLine().getOut(), id, PhaseAction.PAUSE);
    }
}
