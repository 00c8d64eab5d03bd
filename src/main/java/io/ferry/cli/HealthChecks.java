package io.ferry.cli;

import java.nio.file.Path;
import java.util.List;

/**
 * The checks of {@code ferry doctor} that need the store layer (data directory, database, secret store). The app
 * supplies them (see {@code io.ferry.app.AppHealthChecks}) and registers them with {@link CliFactory}, so the CLI
 * layer stays free of SQLite and keyring code.
 */
public interface HealthChecks {
    /**
     * @param dataDirOption the {@code --data-dir} value, or null for FERRY_DATA_DIR or the platform default
     * @return one result per check, in the order they should be printed
     */
    List<CheckResult> run(Path dataDirOption);
}
