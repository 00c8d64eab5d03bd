package io.ferry.provider.ovirt.image;

import io.ferry.provider.io.DataExtents;
import io.ferry.provider.io.NativeFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Where a local file has data and where it has holes, as a list of {@link Extent}s. The holes come from
 * {@code lseek(SEEK_DATA / SEEK_HOLE)} through the shared {@link DataExtents} (Linux); where that is not available
 * (another OS, a file system without it) the whole file is one data extent, and callers still detect zero blocks in
 * what they read.
 */
public final class SparseMap {

    private SparseMap() {}

    /** True when holes are found with lseek on this platform. */
    public static boolean supported() {
        return NativeFiles.available();
    }

    /** Extents covering {@code [0, length)}; past the end of the file reads as zeros. */
    public static List<Extent> scan(Path file, long length) throws IOException {
        long size = Files.size(file);
        List<Extent> out = new ArrayList<>();
        long covered = Math.min(size, length);
        if (covered > 0) {
            try (DataExtents extents = DataExtents.of(file, covered)) {
                long pos = 0;
                while (pos < covered) {
                    long data = extents.nextData(pos);
                    add(out, new Extent(pos, data - pos, true));
                    if (data >= covered) {
                        break;
                    }
                    long hole = extents.nextHole(data);
                    add(out, new Extent(data, hole - data, false));
                    pos = hole;
                }
            }
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
}
