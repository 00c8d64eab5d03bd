package io.ferry.cli;

import io.ferry.domain.Transfer;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code ferry resume-all}: every paused transfer (and any a stopped Ferry left running). */
@Command(name = "resume-all", mixinStandardHelpOptions = true,
        description = "Resume every paused transfer, and continue any that a stopped Ferry left running.")
public final class ResumeAllCommand implements Callable<Integer> {
    private final CliContext context;

    @Spec
    CommandSpec spec;

    @Mixin
    JsonOption json;

    public ResumeAllCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws InterruptedException {
        List<Transfer> wanted = context.backend().transfers().stream()
                .filter(t -> t.phase().canResume() || t.phase().isActive())
                .toList();
        if (wanted.isEmpty()) {
            spec.commandLine().getOut().println("Nothing to resume: no transfer is paused.");
            spec.commandLine().getOut().flush();
            return 0;
        }
        return ActionSupport.resume(context, ProgressPrinter.mode(json.enabled(), context.terminal()),
                spec.commandLine().getOut(), spec.commandLine().getErr(), wanted);
    }
}
