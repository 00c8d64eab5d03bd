package io.ferry.cli;

import java.nio.file.Path;
import java.util.function.Function;

/**
 * Per-invocation state every command can ask for (take it as a constructor parameter; {@link CliFactory} injects
 * it): the {@code --data-dir} value, the backend (opened on first use, for that directory), whether stdout is a
 * terminal.
 */
public final class CliContext implements AutoCloseable {
    private final Function<Path, CliBackend> backends;
    private final boolean terminal;
    private Path dataDir;
    private CliBackend backend;

    /**
     * @param backends opens the backend for a data directory (null: the default one)
     * @param terminal true when output goes to a terminal (one live progress line instead of plain lines)
     */
    public CliContext(Function<Path, CliBackend> backends, boolean terminal) {
        this.backends = backends;
        this.terminal = terminal;
    }

    void setDataDir(Path dir) {
        this.dataDir = dir;
    }

    /** The {@code --data-dir} given, or null. */
    public Path dataDirOption() {
        return dataDir;
    }

    public synchronized CliBackend backend() {
        if (backend == null) {
            backend = backends.apply(dataDir);
        }
        return backend;
    }

    public boolean terminal() {
        return terminal;
    }

    @Override
    public synchronized void close() {
        if (backend != null) {
            backend.close();
            backend = null;
        }
    }
}
