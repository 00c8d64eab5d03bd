package io.ferry.provider.io;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * The few libc calls the file-reading providers (local copy, oVirt upload) need and the JDK does not offer, through
 * the Foreign Function & Memory API: {@code open(2)}, {@code lseek(2)} with SEEK_DATA / SEEK_HOLE, {@code posix_fadvise(2)},
 * {@code sync_file_range(2)}, {@code fallocate(2)} (punching holes) and {@code close(2)}. Linux only; {@link #available()} is false elsewhere or when the symbols cannot be bound, and
 * callers then fall back to zero-block detection.
 */
public final class NativeFiles {
    public static final int SEEK_DATA = 3;
    public static final int SEEK_HOLE = 4;
    public static final int ENXIO = 6;
    public static final int EINVAL = 22;
    private static final int O_RDONLY = 0;
    private static final int O_WRONLY = 1;
    /** fallocate modes (linux/falloc.h). */
    private static final int FALLOC_FL_KEEP_SIZE = 1;
    private static final int FALLOC_FL_PUNCH_HOLE = 2;
    private static final int O_CLOEXEC = 0x80000;
    private static final int POSIX_FADV_DONTNEED = 4;
    /** sync_file_range flags (linux/fs.h). */
    private static final int SYNC_FILE_RANGE_WAIT_BEFORE = 1;
    private static final int SYNC_FILE_RANGE_WRITE = 2;
    private static final int SYNC_FILE_RANGE_WAIT_AFTER = 4;

    private static final Handles HANDLES = bind().orElse(null);

    private record Handles(MethodHandle open, MethodHandle lseek, MethodHandle close, MethodHandle fadvise,
            MethodHandle syncFileRange, MethodHandle fallocate, StructLayout state, VarHandle errno) {}

    private NativeFiles() {}

    public static boolean available() {
        return HANDLES != null;
    }

    private static Optional<Handles> bind() {
        if (!System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux")) {
            return Optional.empty();
        }
        try {
            Linker linker = Linker.nativeLinker();
            SymbolLookup libc = linker.defaultLookup();
            StructLayout state = Linker.Option.captureStateLayout();
            VarHandle errno = state.varHandle(java.lang.foreign.MemoryLayout.PathElement.groupElement("errno"));
            Linker.Option capture = Linker.Option.captureCallState("errno");
            MethodHandle open = linker.downcallHandle(libc.find("open").orElseThrow(),
                    FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_INT),
                    capture, Linker.Option.firstVariadicArg(2));
            MethodHandle lseek = linker.downcallHandle(libc.find("lseek").orElseThrow(),
                    FunctionDescriptor.of(ValueLayout.JAVA_LONG, ValueLayout.JAVA_INT, ValueLayout.JAVA_LONG,
                            ValueLayout.JAVA_INT),
                    capture);
            MethodHandle close = linker.downcallHandle(libc.find("close").orElseThrow(),
                    FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
            MethodHandle fadvise = linker.downcallHandle(libc.find("posix_fadvise").orElseThrow(),
                    FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_LONG,
                            ValueLayout.JAVA_LONG, ValueLayout.JAVA_INT));
            MethodHandle syncFileRange = linker.downcallHandle(libc.find("sync_file_range").orElseThrow(),
                    FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_LONG,
                            ValueLayout.JAVA_LONG, ValueLayout.JAVA_INT));
            MethodHandle fallocate = linker.downcallHandle(libc.find("fallocate").orElseThrow(),
                    FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT,
                            ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG));
            return Optional.of(new Handles(open, lseek, close, fadvise, syncFileRange, fallocate, state, errno));
        } catch (RuntimeException | LinkageError e) {
            // no native access (e.g. --enable-native-access denied) or an unusual libc: use the portable path
            return Optional.empty();
        }
    }

    /** Opens {@code path} read-only and returns the raw file descriptor. */
    public static int openReadOnly(Path path) throws IOException {
        return open(path, O_RDONLY);
    }

    /** Opens an existing {@code path} write-only (no create, no truncate) and returns the raw file descriptor. */
    public static int openWriteOnly(Path path) throws IOException {
        return open(path, O_WRONLY);
    }

    private static int open(Path path, int mode) throws IOException {
        requireAvailable();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(HANDLES.state);
            MemorySegment cpath = arena.allocateFrom(path.toAbsolutePath().toString());
            int fd = (int) HANDLES.open.invokeExact(state, cpath, mode | O_CLOEXEC);
            if (fd < 0) {
                int errno = (int) HANDLES.errno.get(state, 0L);
                throw new IOException("open(" + path + ") failed: errno " + errno);
            }
            return fd;
        } catch (IOException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IOException("open(" + path + ") failed", t);
        }
    }

    /**
     * {@code lseek(fd, offset, whence)}. Returns the resulting offset, or {@code -errno} when the call failed (so
     * callers can tell ENXIO, "no more data", from EINVAL, "not supported").
     */
    public static long lseek(int fd, long offset, int whence) throws IOException {
        requireAvailable();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(HANDLES.state);
            long r = (long) HANDLES.lseek.invokeExact(state, fd, offset, whence);
            return r >= 0 ? r : -(int) HANDLES.errno.get(state, 0L);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IOException("lseek failed", t);
        }
    }

    public static void close(int fd) {
        if (HANDLES == null || fd < 0) {
            return;
        }
        try {
            int ignored = (int) HANDLES.close.invokeExact(fd);
        } catch (Throwable t) {
            // nothing useful to do when close fails on a read-only descriptor
        }
    }

    /**
     * Asks the kernel to drop the file's clean cached pages ({@code POSIX_FADV_DONTNEED}), so a benchmark reads
     * from the disk without flushing the whole machine's page cache. Returns false when not supported.
     */
    public static boolean dropCache(Path path) {
        if (HANDLES == null) {
            return false;
        }
        int fd = -1;
        try {
            fd = openReadOnly(path);
            int r = (int) HANDLES.fadvise.invokeExact(fd, 0L, 0L, POSIX_FADV_DONTNEED);
            return r == 0;
        } catch (Throwable t) {
            return false;
        } finally {
            close(fd);
        }
    }

    /**
     * Starts the kernel's writeback of the dirty pages in {@code [offset, offset+len)} without waiting for it
     * ({@code sync_file_range(SYNC_FILE_RANGE_WRITE)}), so a later fsync finds most of the data already on its way
     * to the device. Not a durability guarantee: only fsync is. Returns false when the call is not available or
     * failed (the caller simply loses the head start).
     */
    public static boolean startWriteback(int fd, long offset, long len) {
        return syncFileRange(fd, offset, len, SYNC_FILE_RANGE_WRITE);
    }

    /**
     * Writes back {@code [offset, offset+len)} and waits until it reached the device
     * ({@code SYNC_FILE_RANGE_WAIT_BEFORE | WRITE | WAIT_AFTER}); bounds the dirty data a long copy leaves for its
     * final fsync. Still no durability guarantee for metadata: only fsync is.
     */
    public static boolean awaitWriteback(int fd, long offset, long len) {
        return syncFileRange(fd, offset, len,
                SYNC_FILE_RANGE_WAIT_BEFORE | SYNC_FILE_RANGE_WRITE | SYNC_FILE_RANGE_WAIT_AFTER);
    }

    /**
     * Deallocates {@code [offset, offset+len)} of a file opened for writing, keeping its size
     * ({@code fallocate(FALLOC_FL_PUNCH_HOLE | FALLOC_FL_KEEP_SIZE)}): the range reads as zeros and takes no
     * blocks. Returns false when not available or not supported by the file system (the data then stays).
     */
    public static boolean punchHole(int fd, long offset, long len) {
        if (HANDLES == null || fd < 0) {
            return false;
        }
        try {
            return (int) HANDLES.fallocate.invokeExact(fd, FALLOC_FL_PUNCH_HOLE | FALLOC_FL_KEEP_SIZE, offset, len)
                    == 0;
        } catch (Throwable t) {
            return false;
        }
    }

    private static boolean syncFileRange(int fd, long offset, long len, int flags) {
        if (HANDLES == null || fd < 0) {
            return false;
        }
        try {
            return (int) HANDLES.syncFileRange.invokeExact(fd, offset, len, flags) == 0;
        } catch (Throwable t) {
            return false;
        }
    }

    private static void requireAvailable() throws IOException {
        if (HANDLES == null) {
            throw new IOException("native file calls are not available on this platform");
        }
    }
}
