package io.ferry.provider.io;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Data regions found with {@code lseek(SEEK_DATA)} / {@code lseek(SEEK_HOLE)} on a descriptor of our own (opened
 * with {@code open(2)} through FFM, since FileChannel does not expose its descriptor). File systems without
 * hole support answer as if the file were all data, which is still correct.
 */
final class SeekHoleExtents implements DataExtents {
    private final int fd;
    private final long size;

    private SeekHoleExtents(int fd, long size) {
        this.fd = fd;
        this.size = size;
    }

    /**
     * @throws IOException when the file cannot be opened or the file system rejects SEEK_DATA (EINVAL)
     */
    static SeekHoleExtents open(Path file, long size) throws IOException {
        int fd = NativeFiles.openReadOnly(file);
        SeekHoleExtents e = new SeekHoleExtents(fd, size);
        if (size > 0) {
            long probe = NativeFiles.lseek(fd, 0, NativeFiles.SEEK_DATA);
            if (probe < 0 && probe != -NativeFiles.ENXIO) {
                e.close();
                throw new IOException("SEEK_DATA not supported here (errno " + -probe + ")");
            }
        }
        return e;
    }

    @Override
    public long nextData(long from) throws IOException {
        if (from >= size) {
            return size;
        }
        long r = NativeFiles.lseek(fd, from, NativeFiles.SEEK_DATA);
        if (r == -NativeFiles.ENXIO) {
            return size; // only a hole up to the end
        }
        if (r < 0) {
            throw new IOException("lseek(SEEK_DATA) failed: errno " + -r);
        }
        return Math.min(r, size);
    }

    @Override
    public long nextHole(long from) throws IOException {
        if (from >= size) {
            return size;
        }
        long r = NativeFiles.lseek(fd, from, NativeFiles.SEEK_HOLE);
        if (r == -NativeFiles.ENXIO) {
            return size; // the file shrank under us: callers notice when a read comes up short
        }
        if (r < 0) {
            throw new IOException("lseek(SEEK_HOLE) failed: errno " + -r);
        }
        return Math.min(r, size);
    }

    @Override
    public boolean sparseAware() {
        return true;
    }

    @Override
    public void close() {
        NativeFiles.close(fd);
    }
}
