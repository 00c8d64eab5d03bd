package io.ferry.cli;

/** Another process runs transfers from this data directory; its message is the one line operators see. */
public final class RunnerBusyException extends CliException {
    private final long pid;

    public RunnerBusyException(String message, long pid) {
        super(BAD_INPUT, message);
        this.pid = pid;
    }

    /** The runner's pid, or -1 when unknown. */
    public long pid() {
        return pid;
    }
}
