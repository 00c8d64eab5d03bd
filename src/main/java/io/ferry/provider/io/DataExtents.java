package io.ferry.provider.io;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Where a file's data is: a cursor over its data regions. {@link #sparseAware()} tells whether holes are really
 * known (SEEK_DATA / SEEK_HOLE); when false the whole file reads as one data region and callers find zero blocks
 * themselves.
 *
 * <p>Shared by the providers that read local files (local copy, oVirt upload), so neither depends on the other.
 */
public interface DataExtents extends AutoCloseable {

    /** The first offset at or after {@code from} that holds data, or the file size when only a hole follows. */
    long nextData(long from) throws IOException;

    /** The end of the data region that contains {@code from} (the next hole, or the file size). */
    long nextHole(long from) throws IOException;

    boolean sparseAware();

    @Override
    void close();

    /** SEEK_DATA / SEEK_HOLE when the platform and file system support them, else the whole file as data. */
    static DataExtents of(Path file, long size) {
        if (NativeFiles.available()) {
            try {
                return SeekHoleExtents.open(file, size);
            } catch (IOException unsupported) {
                // fall through: treat the file as dense and let zero-block detection keep holes
            }
        }
        return new DenseExtents(size);
    }

    /** The portable fallback: one data region over the whole file. */
    record DenseExtents(long size) implements DataExtents {
        @Override
        public long nextData(long from) {
            return Math.min(from, size);
        }

        @Override
        public long nextHole(long from) {
            return size;
        }

        @Override
        public boolean sparseAware() {
            return false;
        }

        @Override
        public void close() {}
    }
}
