package io.ferry.cli;

import java.util.List;

/**
 * Every subcommand, in the order {@code --help} lists them. Adding one is one line here: a picocli {@code @Command}
 * class with a public no-argument constructor or one taking {@link CliContext}.
 */
public final class Subcommands {
    private Subcommands() {}

    /** {@code ferry <command>}. */
    public static final List<Class<?>> ROOT = List.of(
            CopyCommand.class,
            ListCommand.class,
            ShowCommand.class,
            PauseCommand.class,
            ResumeCommand.class,
            CancelCommand.class,
            ResumeAllCommand.class,
            io.ferry.cli.gcs.GcsCommand.class,
            io.ferry.cli.element.ElementCommand.class,
            io.ferry.cli.ims.ImsCommand.class,
            BenchCommand.class,
            DoctorCommand.class);

    /** {@code ferry bench <command>}. */
    public static final List<Class<?>> BENCH = List.of(BenchCopyCommand.class);
}
