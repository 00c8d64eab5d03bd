package io.ferry.cli.gcs;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code ferry gcs …}: Google Storage Transfer Service operations and jobs from the command line. Mounted under
 * the root command with {@code addSubcommand(new GcsCommand())} (or {@code subcommands = GcsCommand.class});
 * {@link #main} runs it on its own meanwhile.
 */
@Command(
        name = "gcs",
        description = {
            "Watch and steer Google Storage Transfer Service operations and jobs.",
            "Credentials: --credentials KEY.json (a service-account key), --access-token-file FILE, or Application"
                    + " Default Credentials. --endpoint talks to a regional endpoint or a local test server."
        },
        subcommands = {GcsOperationsCommand.class, GcsJobsCommand.class})
public final class GcsCommand implements Runnable {
    @picocli.CommandLine.Mixin
    HelpOption help;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "say which: `gcs operations …` or `gcs jobs …`");
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new GcsCommand()).execute(args));
    }
}
