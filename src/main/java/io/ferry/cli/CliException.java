package io.ferry.cli;

/** Ends a command with an exit code and one line for stderr that names the problem and what to do. */
public class CliException extends RuntimeException {
    public static final int FAILED = 1;
    public static final int BAD_INPUT = 2;

    private final int exitCode;

    public CliException(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    public static CliException badInput(String message) {
        return new CliException(BAD_INPUT, message);
    }

    public int exitCode() {
        return exitCode;
    }
}
