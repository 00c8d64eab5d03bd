package io.ferry.cli;

import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/** {@code ferry}: the root command. Subcommands are listed in {@link Subcommands}. */
@Command(
        name = "ferry",
        mixinStandardHelpOptions = true,
        versionProvider = VersionInfo.class,
        description = "Moves disk images and data between local disks, oVirt, Google Storage Transfer, NetApp Element"
                + " and OTC IMS, with one phase model. Without a command, `ferry` opens the window.",
        footer = {"", "Exit codes: 0 finished_success; 1 failed or cancelled; 2 bad usage or bad input."})
public final class FerryCommand implements Runnable {
    private final CliContext context;

    @Spec
    CommandSpec spec;

    public FerryCommand(CliContext context) {
        this.context = context;
    }

    @Option(names = "--data-dir", paramLabel = "DIR", scope = ScopeType.INHERIT,
            description = "Where Ferry keeps its database, secrets and logs (default: $FERRY_DATA_DIR, else the"
                    + " platform's data directory, e.g. ~/.local/share/ferry).")
    void setDataDir(Path dir) {
        context.setDataDir(dir);
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
