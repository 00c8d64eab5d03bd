package io.ferry.store;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.OptionalLong;

/**
 * The one process that runs transfers from a data directory holds this lock: an OS file lock on
 * {@value #LOCK_FILE} (released by the OS when the process dies, even by SIGKILL), with its pid written beside it
 * in {@value #PID_FILE} for the message others see. Commands that only read or ask for an action do not take it.
 */
public final class RunnerLock implements AutoCloseable {
    public static final String LOCK_FILE = "runner.lock";
    public static final String PID_FILE = "runner.pid";

    private final Path dataDir;
    private final FileChannel channel;
    private final FileLock lock;

    private RunnerLock(Path dataDir, FileChannel channel, FileLock lock) {
        this.dataDir = dataDir;
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Takes the lock.
     *
     * @throws RunnerLockedException with the one-line message for operators when another process holds it
     */
    public static RunnerLock acquire(Path dataDir) throws RunnerLockedException {
        DataDirectory.ensure(dataDir);
        FileChannel ch = null;
        try {
            ch = FileChannel.open(dataDir.resolve(LOCK_FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock l;
            try {
                l = ch.tryLock();
            } catch (OverlappingFileLockException e) {
                l = null; // this very process holds it already
            }
            if (l == null) {
                ch.close();
                throw new RunnerLockedException(dataDir, holderPid(dataDir));
            }
            Files.writeString(dataDir.resolve(PID_FILE), Long.toString(ProcessHandle.current().pid()), StandardCharsets.US_ASCII);
            return new RunnerLock(dataDir, ch, l);
        } catch (IOException e) {
            closeQuietly(ch);
            throw new StoreException("Cannot take the runner lock " + dataDir.resolve(LOCK_FILE) + ": " + e.getMessage(), e);
        }
    }

    /** The pid of the process running transfers from {@code dataDir}, or empty when none does. */
    public static OptionalLong runnerPid(Path dataDir) {
        Path lockFile = dataDir.resolve(LOCK_FILE);
        if (!Files.exists(lockFile)) {
            return OptionalLong.empty();
        }
        try (FileChannel ch = FileChannel.open(lockFile, StandardOpenOption.WRITE)) {
            FileLock l;
            try {
                l = ch.tryLock();
            } catch (OverlappingFileLockException e) {
                return OptionalLong.of(ProcessHandle.current().pid());
            }
            if (l != null) {
                l.release();
                return OptionalLong.empty();
            }
            long pid = holderPid(dataDir);
            return OptionalLong.of(pid);
        } catch (IOException e) {
            throw new StoreException("Cannot check the runner lock " + lockFile + ": " + e.getMessage(), e);
        }
    }

    /** The pid written by the holder, or -1 when it cannot be read. */
    private static long holderPid(Path dataDir) {
        try {
            return Long.parseLong(Files.readString(dataDir.resolve(PID_FILE), StandardCharsets.US_ASCII).trim());
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
    }

    public Path dataDir() {
        return dataDir;
    }

    @Override
    public void close() {
        try {
            Files.deleteIfExists(dataDir.resolve(PID_FILE));
            lock.release();
        } catch (IOException e) {
            // the OS drops the lock with the channel anyway
        } finally {
            closeQuietly(channel);
        }
    }

    private static void closeQuietly(FileChannel ch) {
        if (ch != null) {
            try {
                ch.close();
            } catch (IOException ignored) {
                // nothing to do: closing a lock file
            }
        }
    }
}
