package io.ferry.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code ferry bench}: the parent of the benchmark commands listed in {@link Subcommands#BENCH}. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Benchmarks that time Ferry against the usual tools on the same files and print the ratios.")
public final class BenchCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
