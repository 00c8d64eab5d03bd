package io.ferry.store;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Locale;
import java.util.Map;

/**
 * Where Ferry keeps its database, secrets file, lock and logs. In order: {@code --data-dir DIR}, the
 * {@code FERRY_DATA_DIR} environment variable, then the platform's usual place: {@code $XDG_DATA_HOME/ferry}
 * (falling back to {@code ~/.local/share/ferry}) on Linux and other Unix, {@code %APPDATA%\Ferry} on Windows,
 * {@code ~/Library/Application Support/Ferry} on macOS.
 */
public final class DataDirectory {
    public static final String ENV_VAR = "FERRY_DATA_DIR";

    private DataDirectory() {}

    /** Resolves from the real environment and system properties. */
    public static Path resolve(String explicit) {
        return resolve(explicit, System.getenv(), System.getProperty("os.name", ""), System.getProperty("user.home", "."));
    }

    /**
     * @param explicit the {@code --data-dir} value, or null
     * @param env      the environment
     * @param osName   the {@code os.name} system property
     * @param userHome the {@code user.home} system property
     */
    public static Path resolve(String explicit, Map<String, String> env, String osName, String userHome) {
        if (explicit != null && !explicit.isBlank()) {
            return Path.of(explicit).toAbsolutePath().normalize();
        }
        String fromEnv = env.get(ENV_VAR);
        if (fromEnv != null && !fromEnv.isBlank()) {
            return Path.of(fromEnv).toAbsolutePath().normalize();
        }
        String os = osName.toLowerCase(Locale.ROOT);
        Path home = Path.of(userHome);
        if (os.startsWith("windows")) {
            String appData = env.get("APPDATA");
            Path base = appData != null && !appData.isBlank() ? Path.of(appData) : home.resolve("AppData").resolve("Roaming");
            return base.resolve("Ferry");
        }
        if (os.startsWith("mac") || os.startsWith("darwin")) {
            return home.resolve("Library").resolve("Application Support").resolve("Ferry");
        }
        String xdg = env.get("XDG_DATA_HOME");
        // The XDG spec: a relative path in XDG_DATA_HOME is invalid and must be ignored.
        if (xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()) {
            return Path.of(xdg).resolve("ferry");
        }
        return home.resolve(".local").resolve("share").resolve("ferry");
    }

    /**
     * Creates the directory (owner-only on POSIX file systems) if needed.
     *
     * @throws StoreException naming the directory when it cannot be created or is not a directory
     */
    public static Path ensure(Path dir) {
        try {
            if (!Files.isDirectory(dir)) {
                if (Files.exists(dir)) {
                    throw new StoreException("Data directory " + dir + " exists but is not a directory; use --data-dir to choose another.");
                }
                if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
                    Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
                } else {
                    Files.createDirectories(dir);
                }
            }
            return dir;
        } catch (IOException e) {
            throw new StoreException("Cannot create the data directory " + dir + ": " + e.getMessage()
                    + "; use --data-dir or FERRY_DATA_DIR to choose another.", e);
        }
    }
}
