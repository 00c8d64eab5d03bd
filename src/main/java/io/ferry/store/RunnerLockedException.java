package io.ferry.store;

import java.nio.file.Path;

/** Another process runs transfers from this data directory; the message is the one line operators see. */
public final class RunnerLockedException extends Exception {
    private final long pid;

    public RunnerLockedException(Path dataDir, long pid) {
        super("Another Ferry process (pid " + (pid > 0 ? Long.toString(pid) : "unknown") + ") is running transfers from "
                + dataDir + ". Close it, or use --data-dir to use another directory.");
        this.pid = pid;
    }

    /** The holder's pid, or -1 when it could not be read. */
    public long pid() {
        return pid;
    }
}
