package io.ferry.cli.ovirt;

import io.ferry.domain.Direction;
import io.ferry.engine.TransferRequest;
import io.ferry.provider.ovirt.OvirtOptions;
import io.ferry.provider.ovirt.OvirtProvider;
import io.ferry.provider.ovirt.http.Redact;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ferry imageio upload FILE URL} and {@code ferry imageio download URL FILE}: data to or from an imageio
 * transfer URL you already have (as imageio's own client takes), no engine. The URL holds the ticket: the
 * transfer's source / target and its {@code imageio_url} option show it redacted ({@code /images/***}); the whole
 * URL is a secret of the request, which the engine keeps in the secret store (never in the history) until the
 * transfer ends, so a restart can resume it.
 */
@Command(name = "imageio", mixinStandardHelpOptions = true,
        description = "Upload to or download from an existing ovirt-imageio transfer URL (no engine).",
        subcommands = {ImageioCommand.Upload.class, ImageioCommand.Download.class})
public final class ImageioCommand extends RunnerCommand {
    public ImageioCommand() {
        this(localRunner());
    }

    public ImageioCommand(TransferRunner runner) {
        super(runner);
    }

    /** Builds the command line with the subcommands sharing this command's runner. */
    public static CommandLine commandLine(TransferRunner runner) {
        return commandLine(new ImageioCommand(runner));
    }

    public static void main(String[] args) {
        System.exit(commandLine(localRunner()).execute(args));
    }

    static class Common {
        @Option(names = "--ca-file", paramLabel = "CA", description = "PEM CA certificate to trust (default: system trust store)")
        Path caFile;

        @Option(names = "--connections", defaultValue = "4", description = "connections at once, up to the server's maximum (default ${DEFAULT-VALUE})")
        int connections;

        @Option(names = "--no-verify", description = "skip the checksum / read-back verification")
        boolean noVerify;

        @Option(names = "--json", description = "print the result as JSON")
        boolean json;

        Map<String, String> options(String url) {
            Map<String, String> o = new HashMap<>();
            o.put(OvirtOptions.IMAGEIO_URL, Redact.url(url));
            if (caFile != null) {
                o.put(OvirtOptions.CA_FILE, caFile.toAbsolutePath().toString());
            }
            o.put(OvirtOptions.CONNECTIONS, Integer.toString(connections));
            o.put(OvirtOptions.VERIFY, Boolean.toString(!noVerify));
            return o;
        }
    }

    /** The whole URL, with its ticket: a secret of the request (the options hold it redacted). */
    static Map<String, String> secrets(String url) {
        return Map.of(OvirtOptions.IMAGEIO_URL, url);
    }

    @Command(name = "upload", mixinStandardHelpOptions = true, description = "Upload FILE to the imageio transfer URL.")
    static final class Upload extends TransferSubcommand {
        @Parameters(index = "0", paramLabel = "FILE")
        Path file;

        @Parameters(index = "1", paramLabel = "URL", description = "https://HOST:54322/images/TICKET (or http://)")
        String url;

        @CommandLine.Mixin
        Common common = new Common();

        Upload(TransferRunner runner) {
            super(runner);
        }

        /** Mounted on the root {@code ferry} command: runs through the data directory's runner. */
        Upload(io.ferry.cli.CliContext context) {
            this(new BackendRunner(context));
        }

        @Override
        public Integer call() throws InterruptedException {
            Map<String, String> o = common.options(url);
            return run(new TransferRequest(OvirtProvider.ID, Direction.UPLOAD, file.getFileName().toString(),
                    file.toAbsolutePath().toString(), Redact.url(url), o, secrets(url)), common.json);
        }
    }

    @Command(name = "download", mixinStandardHelpOptions = true, description = "Download the imageio transfer URL into FILE (sparse).")
    static final class Download extends TransferSubcommand {
        @Parameters(index = "0", paramLabel = "URL")
        String url;

        @Parameters(index = "1", paramLabel = "FILE")
        Path file;

        @Option(names = "--overwrite", description = "replace FILE if it exists")
        boolean overwrite;

        @CommandLine.Mixin
        Common common = new Common();

        Download(TransferRunner runner) {
            super(runner);
        }

        /** Mounted on the root {@code ferry} command: runs through the data directory's runner. */
        Download(io.ferry.cli.CliContext context) {
            this(new BackendRunner(context));
        }

        @Override
        public Integer call() throws InterruptedException {
            Map<String, String> o = common.options(url);
            o.put(OvirtOptions.OVERWRITE, Boolean.toString(overwrite));
            return run(new TransferRequest(OvirtProvider.ID, Direction.DOWNLOAD, file.getFileName().toString(),
                    Redact.url(url), file.toAbsolutePath().toString(), o, secrets(url)), common.json);
        }
    }
}
