package io.ferry.cli.element;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code ferry element …}: NetApp Element bulk volume jobs. Mounted under the root command with
 * {@code addSubcommand(new ElementCommand())}; runs on its own through {@link #main} until then.
 */
@Command(
        name = "element",
        description = "NetApp Element (SolidFire) bulk volume jobs over JSON-RPC.",
        mixinStandardHelpOptions = true,
        subcommands = {BulkJobsCommand.class, FingerprintCommand.class})
public final class ElementCommand {

    public static void main(String[] args) {
        System.exit(new CommandLine(new ElementCommand()).execute(args));
    }
}
