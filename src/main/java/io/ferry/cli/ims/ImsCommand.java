package io.ferry.cli.ims;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code ferry ims …}: OTC / Huawei Cloud IMS image jobs. Mounted under the root command with
 * {@code addSubcommand(new ImsCommand())}; runs on its own through {@link #main} until then.
 */
@Command(
        name = "ims",
        description = "OTC / Huawei Cloud IMS asynchronous image jobs: query, watch, import from OBS, export to OBS.",
        mixinStandardHelpOptions = true,
        subcommands = {ImsJobsCommand.class, ImsImportCommand.class, ImsExportCommand.class})
public final class ImsCommand {

    public static void main(String[] args) {
        System.exit(new CommandLine(new ImsCommand()).execute(args));
    }
}
