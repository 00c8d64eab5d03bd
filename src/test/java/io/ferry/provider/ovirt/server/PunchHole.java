package io.ferry.provider.ovirt.server;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;
import java.nio.file.Path;
import java.util.Locale;

/**
 * {@code fallocate(fd, FALLOC_FL_PUNCH_HOLE | FALLOC_FL_KEEP_SIZE, offset, length)} for the in-repo imageio
 * server's PATCH zero, as ovirt-imageio's file backend zeroes a sparse image
 * ({@code ovirt_imageio/_internal/backends/file.py}, {@code FileBackend._zero_sparse}): one system call that
 * deallocates the range, whatever its size, instead of writing zeros. Linux only, through the FFM API;
 * {@link #punch} returns false where it cannot be done (another OS, a file system without hole punching), and the
 * server then writes zeros, as imageio falls back to {@code _write_zeros}.
 */
final class PunchHole {
    private static final int O_WRONLY = 1;
    private static final int O_CLOEXEC = 0x80000;
    private static final int FALLOC_FL_KEEP_SIZE = 0x01;
    private static final int FALLOC_FL_PUNCH_HOLE = 0x02;
    private static final int EOPNOTSUPP = 95;
    private static final int ENOSYS = 38;

    private record Handles(MethodHandle open, MethodHandle fallocate, MethodHandle close, StructLayout state,
            VarHandle errno) {}

    private static final Handles HANDLES = bind();

    private PunchHole() {}

    private static Handles bind() {
        if (!System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux")) {
            return null;
        }
        try {
            Linker linker = Linker.nativeLinker();
            var libc = linker.defaultLookup();
            StructLayout state = Linker.Option.captureStateLayout();
            VarHandle errno = state.varHandle(MemoryLayout.PathElement.groupElement("errno"));
            Linker.Option capture = Linker.Option.captureCallState("errno");
            MethodHandle open = linker.downcallHandle(libc.find("open").orElseThrow(),
                    FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_INT),
                    capture, Linker.Option.firstVariadicArg(2));
            MethodHandle fallocate = linker.downcallHandle(libc.find("fallocate").orElseThrow(),
                    FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT,
                            ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG),
                    capture);
            MethodHandle close = linker.downcallHandle(libc.find("close").orElseThrow(),
                    FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
            return new Handles(open, fallocate, close, state, errno);
        } catch (RuntimeException | LinkageError e) {
            return null;
        }
    }

    /** Deallocates {@code [offset, offset + length)} of {@code file} (reads as zeros after); false if unsupported. */
    static boolean punch(Path file, long offset, long length) throws IOException {
        if (HANDLES == null) {
            return false;
        }
        if (length == 0) {
            return true;
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(HANDLES.state);
            int fd = (int) HANDLES.open.invokeExact(state, arena.allocateFrom(file.toAbsolutePath().toString()),
                    O_WRONLY | O_CLOEXEC);
            if (fd < 0) {
                throw new IOException("open(" + file + ") failed: errno " + (int) HANDLES.errno.get(state, 0L));
            }
            try {
                int r = (int) HANDLES.fallocate.invokeExact(state, fd, FALLOC_FL_PUNCH_HOLE | FALLOC_FL_KEEP_SIZE,
                        offset, length);
                if (r == 0) {
                    return true;
                }
                int errno = (int) HANDLES.errno.get(state, 0L);
                if (errno == EOPNOTSUPP || errno == ENOSYS) {
                    return false;
                }
                throw new IOException("fallocate(PUNCH_HOLE) at " + offset + "+" + length + " failed: errno " + errno);
            } finally {
                int ignored = (int) HANDLES.close.invokeExact(fd);
            }
        } catch (IOException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IOException("fallocate failed", t);
        }
    }
}
