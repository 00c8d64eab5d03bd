package io.ferry.cli.remote;

import io.ferry.domain.ErrorCode;
import io.ferry.provider.TransferException;
import java.io.PrintWriter;

/** One clear line on stderr and the exit code: 2 for bad input or setup the operator must fix, 1 otherwise. */
public final class CliErrors {
    public static final int OK = 0;
    public static final int FAILED = 1;
    public static final int USAGE = 2;

    /** A command's work against a remote system; returns its exit code. */
    @FunctionalInterface
    public interface Body {
        int run() throws TransferException, InterruptedException;
    }

    private CliErrors() {}

    /**
     * Runs {@code body} and flushes {@code out}; a TransferException or IllegalArgumentException becomes its one
     * line on {@code err} and exit code, an interrupt exit code 1 (with the thread's interrupt flag set again).
     */
    public static int run(PrintWriter out, PrintWriter err, Body body) {
        try {
            int rc = body.run();
            out.flush();
            return rc;
        } catch (TransferException e) {
            return report(err, e);
        } catch (IllegalArgumentException e) {
            return report(err, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return FAILED;
        }
    }

    public static int report(PrintWriter err, TransferException e) {
        err.println("ferry: " + e.code().name() + ": " + String.join("; ", e.sample().errorDetails())
                + (e.sample().url().isEmpty() ? "" : " (" + e.sample().url() + ")"));
        err.flush();
        return e.code() == ErrorCode.INVALID_ARGUMENT || e.code() == ErrorCode.FAILED_PRECONDITION
                        || e.code() == ErrorCode.UNAUTHENTICATED
                ? USAGE
                : FAILED;
    }

    public static int report(PrintWriter err, IllegalArgumentException e) {
        err.println("ferry: " + e.getMessage());
        err.flush();
        return USAGE;
    }
}
