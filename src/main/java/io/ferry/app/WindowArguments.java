package io.ferry.app;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Decides whether a command line opens the window and which files it hands to it. The desktop entry's
 * "Open with Ferry" runs {@code ferry open FILE…}; Windows file associations run {@code Ferry.exe FILE}. Both open
 * the window with the files as the application's unnamed parameters, where the window offers an upload for each.
 * A leading {@code --data-dir DIR} is allowed in front of either. Anything else is a command line command.
 */
final class WindowArguments {
    static final String OPEN = "open";

    private WindowArguments() {}

    /** The files to open in the window, or empty when {@code args} is a command line command. */
    static Optional<List<String>> files(String[] allArgs) {
        String[] args = withoutLeadingDataDir(allArgs);
        if (args.length == 0) {
            return Optional.of(List.of());
        }
        if (args[0].equals(OPEN)) {
            return Optional.of(List.of(Arrays.copyOfRange(args, 1, args.length)));
        }
        return Arrays.stream(args).allMatch(WindowArguments::isExistingFile) ? Optional.of(List.of(args)) : Optional.empty();
    }

    /** {@code --data-dir DIR} or {@code --data-dir=DIR} in front chooses the window's data directory. */
    private static String[] withoutLeadingDataDir(String[] args) {
        if (args.length >= 2 && args[0].equals("--data-dir")) {
            return Arrays.copyOfRange(args, 2, args.length);
        }
        if (args.length >= 1 && args[0].startsWith("--data-dir=")) {
            return Arrays.copyOfRange(args, 1, args.length);
        }
        return args;
    }

    private static boolean isExistingFile(String arg) {
        if (arg.startsWith("-")) {
            return false;
        }
        try {
            return Files.isRegularFile(Path.of(arg));
        } catch (InvalidPathException e) {
            return false;
        }
    }
}
