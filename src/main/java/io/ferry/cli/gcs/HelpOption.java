package io.ferry.cli.gcs;

import picocli.CommandLine.Option;

/** {@code -h, --help} for the {@code gcs} command groups (no {@code --version}: the root command has it). */
final class HelpOption {
    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;
}
