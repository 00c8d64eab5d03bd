package io.ferry.provider.io;

import io.ferry.domain.ErrorCode;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.util.Locale;

/** Maps local I/O failures onto google.rpc codes, and words them for an operator (local copy, Element bulk volume data). */
public final class IoErrors {
    private IoErrors() {}

    /**
     * Rethrows what a helper thread failed with on the thread that waits for it: an I/O failure, runtime exception
     * or error as itself, anything else wrapped in an IOException; nothing when {@code failure} is null.
     */
    public static void rethrowIfFailed(Throwable failure) throws IOException {
        switch (failure) {
            case null -> { }
            case IOException e -> throw e;
            case RuntimeException e -> throw e;
            case Error e -> throw e;
            default -> throw new IOException(failure);
        }
    }

    public static ErrorCode codeOf(IOException e) {
        if (e instanceof AccessDeniedException) {
            return ErrorCode.PERMISSION_DENIED;
        }
        if (e instanceof NoSuchFileException) {
            return ErrorCode.NOT_FOUND;
        }
        if (e instanceof FileSystemLoopException) {
            return ErrorCode.FAILED_PRECONDITION;
        }
        if (e instanceof FileAlreadyExistsException) {
            return ErrorCode.ALREADY_EXISTS;
        }
        if (e instanceof NotDirectoryException) {
            return ErrorCode.FAILED_PRECONDITION;
        }
        String text = describe(e).toLowerCase(Locale.ROOT);
        if (text.contains("no space left") || text.contains("disk quota exceeded") || text.contains("file too large")) {
            return ErrorCode.RESOURCE_EXHAUSTED;
        }
        if (text.contains("permission denied") || text.contains("operation not permitted")
                || text.contains("read-only file system")) {
            return ErrorCode.PERMISSION_DENIED;
        }
        if (text.contains("no such file or directory")) {
            return ErrorCode.NOT_FOUND;
        }
        return ErrorCode.UNKNOWN;
    }

    /** A one-line description: what happened, without Java class names. */
    public static String describe(IOException e) {
        if (e instanceof FileSystemLoopException) {
            return "symbolic link loop: this directory links back to one of its parents; not followed";
        }
        if (e instanceof FileSystemException fse) {
            String reason = fse.getReason();
            if (e instanceof AccessDeniedException) {
                return "permission denied" + (reason == null ? "" : ": " + reason);
            }
            if (e instanceof NoSuchFileException) {
                return "no longer exists (vanished while copying)" + (reason == null ? "" : ": " + reason);
            }
            if (reason != null) {
                return reason;
            }
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    /** What an operator can do about it. */
    public static String advice(ErrorCode code) {
        return switch (code) {
            case PERMISSION_DENIED -> "grant read access to Ferry's user or leave it out";
            case NOT_FOUND -> "check the path";
            case RESOURCE_EXHAUSTED -> "free space on the target file system and retry";
            case FAILED_PRECONDITION -> "fix the file system layout and retry";
            default -> "see the details and retry";
        };
    }
}
