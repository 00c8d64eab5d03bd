package io.ferry.app;

import io.ferry.cli.Cli;
import io.ferry.cli.CliBackend;
import io.ferry.cli.CliContext;
import io.ferry.cli.CliException;
import io.ferry.cli.CliFactory;
import io.ferry.cli.HealthChecks;
import io.ferry.store.DataDirectory;
import io.ferry.store.StoreException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.function.Function;

/**
 * Ferry's entry point (a plain main: JavaFX on the class path needs a launcher that does not extend Application).
 * No arguments (or {@code open FILE…}, see {@link WindowArguments}) open the window; anything else runs the
 * command line. Logging goes to {@code logs/ferry.log} in
 * the data directory, so the directory is worked out from the arguments before the first logger exists.
 */
public final class Launcher {
    private Launcher() {}

    public static void main(String[] args) {
        if (AotCache.requested(args)) {
            System.exit(AotCache.create(System.out, System.err));
        }
        String dataDir = dataDirArgument(args);
        Logging.configure(DataDirectory.resolve(dataDir));
        var windowFiles = WindowArguments.files(args);
        if (windowFiles.isPresent()) {
            try {
                Gui.launch(DataDirectory.resolve(dataDir), windowFiles.get());
            } catch (RuntimeException e) {
                System.err.println("Cannot open the window (" + e.getMessage() + "). `ferry --help` lists the commands.");
                System.exit(1);
            }
            return;
        }
        int code = runCli(args, Launcher::openBackend, System.console() != null);
        System.exit(code);
    }

    /** Runs one CLI command and returns its exit code. */
    public static int runCli(String[] args, Function<Path, CliBackend> backends, boolean terminal) {
        try (CliContext context = new CliContext(backends, terminal)) {
            CliFactory factory = new CliFactory(context).register(HealthChecks.class, new AppHealthChecks());
            return Cli.create(factory, context).execute(args);
        }
    }

    /** The production backend for {@code --data-dir} (null: FERRY_DATA_DIR or the platform default). */
    static CliBackend openBackend(Path dataDirOption) {
        Path dir = DataDirectory.resolve(dataDirOption == null ? null : dataDirOption.toString());
        try {
            return new AppCliBackend(Services.open(dir), Clock.systemUTC());
        } catch (StoreException e) {
            throw CliException.badInput(e.getMessage());
        }
    }

    /** The value of {@code --data-dir DIR} or {@code --data-dir=DIR}, or null. */
    static String dataDirArgument(String[] args) {
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--data-dir") && i + 1 < args.length) {
                return args[i + 1];
            }
            if (args[i].startsWith("--data-dir=")) {
                return args[i].substring("--data-dir=".length());
            }
            if (args[i].equals("--")) {
                break;
            }
        }
        return null;
    }
}
