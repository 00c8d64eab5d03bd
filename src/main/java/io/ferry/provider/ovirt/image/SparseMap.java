package io.ferry.provider.ovirt.image;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Where a local file has data and where it has holes, from {@code lseek(SEEK_DATA / SEEK_HOLE)} through the FFM
 * API (Linux). Where that is not available (another OS, a file system without it) the whole file is one data
 * extent; callers still detect zero blocks in what they read.
 *
 * <p>The local-copy provider has its own lseek helper; this one is kept here so the oVirt provider does not
 * depend on another provider's package.
 */
public final class SparseMap {
    private static final int SEEK_DATA = 3;
    private static final int SEEK_HOLE = 4;
    private static final int ENXIO = 6;
    private static final Native NATIVE = Native.load();

    private SparseMap() {}

    /** True when holes are found with lseek on this platform. */
    public static boolean supported() {
        return NATIVE != null;
    }

    /** Extents covering {@code [0, length)}; past the end of the file reads as zeros. */
    public static List<Extent> scan(Path file, long length) throws IOException {
        long size = Files.size(file);
        List<Extent> out = new ArrayList<>();
        long covered = Math.min(size, length);
        if (NATIVE == null || covered == 0) {
            if (covered > 0) {
                out.add(new Extent(0, covered, false));
            }
        } else {
            NATIVE.scan(file, covered, out);
        }
        if (length > size) {
            add(out, new Extent(size, length - size, true));
        }
        return out;
    }

    static void add(List<Extent> out, Extent e) {
        if (e.length() == 0) {
            return;
        }
        if (!out.isEmpty()) {
            Extent last = out.getLast();
            if (last.zero() == e.zero() && last.end() == e.start()) {
                out.set(out.size() - 1, new Extent(last.start(), last.length() + e.length(), e.zero()));
                return;
            }
        }
        out.add(e);
    }

    private record Native(MethodHandle open, MethodHandle lseek, MethodHandle close, StructLayout state, VarHandle errno) {
        @SuppressWarnings("restricted") // native access is enabled for Ferry (Enable-Native-Access in the manifest)
        static Native load() {
            if (!System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux")) {
                return null;
            }
            try {
                Linker linker = Linker.nativeLinker();
                var lookup = linker.defaultLookup();
                StructLayout state = Linker.Option.captureStateLayout();
                VarHandle errno = state.varHandle(java.lang.foreign.MemoryLayout.PathElement.groupElement("errno"));
                MethodHandle open = linker.downcallHandle(lookup.find("open").orElseThrow(),
                        FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_INT));
                MethodHandle lseek = linker.downcallHandle(lookup.find("lseek").orElseThrow(),
                        FunctionDescriptor.of(ValueLayout.JAVA_LONG, ValueLayout.JAVA_INT, ValueLayout.JAVA_LONG,
                                ValueLayout.JAVA_INT),
                        Linker.Option.captureCallState("errno"));
                MethodHandle close = linker.downcallHandle(lookup.find("close").orElseThrow(),
                        FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
                return new Native(open, lseek, close, state, errno);
            } catch (RuntimeException | LinkageError e) {
                return null;
            }
        }

        void scan(Path file, long size, List<Extent> out) throws IOException {
            try (Arena arena = Arena.ofConfined()) {
                MemorySegment path = arena.allocateFrom(file.toAbsolutePath().toString());
                MemorySegment st = arena.allocate(state);
                int fd = (int) open.invokeExact(path, 0 /* O_RDONLY */);
                if (fd < 0) {
                    throw new IOException("cannot open " + file + " to find its holes");
                }
                try {
                    long pos = 0;
                    while (pos < size) {
                        long data = (long) lseek.invokeExact(st, fd, pos, SEEK_DATA);
                        if (data < 0) {
                            int err = (int) errno.get(st, 0L);
                            if (err == ENXIO) {
                                add(out, new Extent(pos, size - pos, true));
                                return;
                            }
                            // no SEEK_DATA on this file system: the rest is data
                            add(out, new Extent(pos, size - pos, false));
                            return;
                        }
                        data = Math.min(data, size);
                        add(out, new Extent(pos, data - pos, true));
                        if (data >= size) {
                            return;
                        }
                        long hole = (long) lseek.invokeExact(st, fd, data, SEEK_HOLE);
                        if (hole < 0) {
                            hole = size;
                        }
                        hole = Math.min(hole, size);
                        add(out, new Extent(data, hole - data, false));
                        pos = hole;
                    }
                } finally {
                    int ignored = (int) close.invokeExact(fd);
                }
            } catch (IOException e) {
                throw e;
            } catch (Throwable t) {
                throw new IOException("lseek failed on " + file + ": " + t, t);
            }
        }
    }
}
