package io.ferry.cli.ovirt;

import io.ferry.engine.TransferRequest;
import io.ferry.provider.ovirt.OvirtProvider;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Spec;

/**
 * What {@code ferry ovirt} and {@code ferry imageio} share as parent commands: the runner their subcommands use
 * (handed on by {@link RunnerFactory}) and, when called without a subcommand, the usage on stderr with exit code 2.
 */
abstract class RunnerCommand implements Callable<Integer> {
    @Spec
    CommandLine.Model.CommandSpec spec;

    final TransferRunner runner;

    RunnerCommand(TransferRunner runner) {
        this.runner = runner;
    }

    /** The runner of the stand-alone entry points: the oVirt provider in this process. */
    static TransferRunner localRunner() {
        return new LocalRunner(new OvirtProvider());
    }

    /** The command line for {@code top}, with its subcommands created with the same runner. */
    static CommandLine commandLine(RunnerCommand top) {
        return new CommandLine(top, new RunnerFactory(top.runner));
    }

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return 2;
    }

    /**
     * An upload or download subcommand: runs one transfer request through the runner it was created with and
     * prints the outcome.
     */
    abstract static class TransferSubcommand implements Callable<Integer> {
        @Spec
        CommandLine.Model.CommandSpec spec;

        private final TransferRunner runner;

        TransferSubcommand(TransferRunner runner) {
            this.runner = runner;
        }

        int run(TransferRequest request, boolean json) throws InterruptedException {
            return Run.go(spec, runner, request, json);
        }
    }
}
