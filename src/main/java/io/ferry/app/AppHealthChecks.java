package io.ferry.app;

import io.ferry.cli.CheckResult;
import io.ferry.cli.HealthChecks;
import io.ferry.store.DataDirectory;
import io.ferry.store.SecretStores;
import io.ferry.store.SqliteStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * The store-side checks of {@code ferry doctor}: where the data directory is and whether it is writable, whether
 * {@code ferry.db} opens and passes SQLite's integrity check (read-only: a running Ferry is not disturbed and a
 * missing database is not created), and which secret store Ferry would use.
 */
final class AppHealthChecks implements HealthChecks {
    private final Map<String, String> env;
    private final String osName;
    private final String userHome;
    private final String secretTool;

    AppHealthChecks() {
        this(System.getenv(), System.getProperty("os.name", ""), System.getProperty("user.home", "."), "secret-tool");
    }

    AppHealthChecks(Map<String, String> env, String osName, String userHome, String secretTool) {
        this.env = env;
        this.osName = osName;
        this.userHome = userHome;
        this.secretTool = secretTool;
    }

    @Override
    public List<CheckResult> run(Path dataDirOption) {
        String explicit = dataDirOption == null ? null : dataDirOption.toString();
        Path dir = DataDirectory.resolve(explicit, env, osName, userHome);
        List<CheckResult> results = new ArrayList<>();
        results.add(dataDirectory(dir, source(explicit)));
        results.add(store(dir));
        results.add(secrets(dir));
        results.add(checksums());
        return results;
    }

    /** BLAKE2b-256 of "abc" (RFC 7693 test vectors, truncated to 256 bits as imageio's blkhash uses it). */
    private static final String BLAKE2B_256_ABC = "bddd813c634239723171ef3fee98579b94964e3bb1cb3e427262c8c068d52319";

    /**
     * The imageio checksum (blkhash: BLAKE2b-256) computes a known answer: the installers ship a trimmed
     * BouncyCastle jar, and this proves the classes it needs are there.
     */
    static CheckResult checksums() {
        try {
            byte[] abc = "abc".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            String hex = java.util.HexFormat.of().formatHex(io.ferry.provider.ovirt.imageio.Blkhash.digest(abc, 0, abc.length));
            return hex.equals(BLAKE2B_256_ABC)
                    ? CheckResult.ok("Checksums", "BLAKE2b-256 for imageio verification: known answer matches")
                    : CheckResult.fail("Checksums", "BLAKE2b-256 gave " + hex + " for \"abc\"",
                            "reinstall Ferry; imageio uploads fall back to reading the data back");
        } catch (LinkageError e) {
            return CheckResult.fail("Checksums", "BLAKE2b is missing (" + e + ")",
                    "reinstall Ferry; the package is incomplete");
        }
    }

    private String source(String explicit) {
        if (explicit != null && !explicit.isBlank()) {
            return "--data-dir";
        }
        String fromEnv = env.get(DataDirectory.ENV_VAR);
        if (fromEnv != null && !fromEnv.isBlank()) {
            return DataDirectory.ENV_VAR;
        }
        String xdg = env.get("XDG_DATA_HOME");
        boolean unix = !osName.toLowerCase(Locale.ROOT).startsWith("windows")
                && !osName.toLowerCase(Locale.ROOT).startsWith("mac");
        return unix && xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute() ? "XDG_DATA_HOME" : "default";
    }

    static CheckResult dataDirectory(Path dir, String source) {
        String where = dir + " (" + source + ")";
        if (Files.isDirectory(dir)) {
            return Files.isWritable(dir)
                    ? CheckResult.ok("Data dir", where)
                    : CheckResult.fail("Data dir", where + " is not writable",
                            "fix its permissions, or choose another with --data-dir or FERRY_DATA_DIR");
        }
        if (Files.exists(dir)) {
            return CheckResult.fail("Data dir", where + " exists but is not a directory",
                    "move it aside, or choose another with --data-dir or FERRY_DATA_DIR");
        }
        Path parent = dir.toAbsolutePath().getParent();
        while (parent != null && !Files.exists(parent)) {
            parent = parent.getParent();
        }
        return parent != null && Files.isWritable(parent)
                ? CheckResult.ok("Data dir", where + ", not created yet (Ferry creates it on first use)")
                : CheckResult.fail("Data dir", where + " cannot be created (" + parent + " is not writable)",
                        "choose a writable place with --data-dir or FERRY_DATA_DIR");
    }

    static CheckResult store(Path dir) {
        Path db = dir.resolve(SqliteStore.FILE_NAME);
        if (!Files.exists(db)) {
            return CheckResult.ok("Store", "no " + SqliteStore.FILE_NAME + " yet (created on first use)");
        }
        Properties props = new Properties();
        props.setProperty("open_mode", "1"); // SQLITE_OPEN_READONLY
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db, props);
                Statement st = c.createStatement()) {
            List<String> problems = new ArrayList<>();
            try (ResultSet rs = st.executeQuery("PRAGMA integrity_check")) {
                while (rs.next()) {
                    String row = rs.getString(1);
                    if (!"ok".equalsIgnoreCase(row)) {
                        problems.add(row);
                    }
                }
            }
            if (!problems.isEmpty()) {
                return CheckResult.fail("Store", db + " is damaged: " + problems.getFirst()
                        + (problems.size() > 1 ? " (and " + (problems.size() - 1) + " more)" : ""),
                        "stop Ferry, move " + SqliteStore.FILE_NAME + " aside (Ferry starts a new one) or restore a backup");
            }
            return CheckResult.ok("Store", db + " opens, integrity ok, schema version " + schemaVersion(st));
        } catch (SQLException e) {
            return CheckResult.fail("Store", "cannot open " + db + ": " + e.getMessage(),
                    "check its permissions; if it is not a Ferry database, move it aside");
        }
    }

    private static String schemaVersion(Statement st) throws SQLException {
        try (ResultSet t = st.executeQuery(
                "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'")) {
            if (!t.next() || t.getInt(1) == 0) {
                return "none";
            }
        }
        try (ResultSet rs = st.executeQuery("SELECT max(version) FROM schema_version")) {
            return rs.next() ? String.valueOf(rs.getInt(1)) : "none";
        }
    }

    /** Which secret store Ferry would use here: the OS's (which one) or the encrypted file, and why. */
    CheckResult secrets(Path dir) {
        SecretStores.OsProbe os = SecretStores.probeOs(dir, osName, secretTool);
        if (os.store().isPresent()) {
            return CheckResult.ok("Secrets", os.store().get().description());
        }
        String passphrase = env.get(SecretStores.PASSPHRASE_ENV);
        String how = passphrase != null && !passphrase.isEmpty()
                ? SecretStores.PASSPHRASE_ENV + " is set"
                : "Ferry asks for a passphrase (or set " + SecretStores.PASSPHRASE_ENV + ")";
        return CheckResult.ok("Secrets", "encrypted file fallback (" + os.unavailable() + "); " + how);
    }
}
