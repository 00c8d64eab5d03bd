package io.ferry.provider.local;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Random;

/** Test file helpers: random dense files, sparse files with chosen data extents, allocated blocks. */
final class Files2 {
    private Files2() {}

    static Path random(Path p, long size, long seed) throws IOException {
        Random r = new Random(seed);
        byte[] chunk = new byte[64 * 1024];
        try (FileChannel ch = FileChannel.open(p, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            long left = size;
            while (left > 0) {
                r.nextBytes(chunk);
                int n = (int) Math.min(chunk.length, left);
                ch.write(ByteBuffer.wrap(chunk, 0, n));
                left -= n;
            }
        }
        return p;
    }

    /** A file of {@code size} logical bytes with random data only at {@code extents} = {offset, length} pairs. */
    static Path sparse(Path p, long size, long seed, long... extents) throws IOException {
        Random r = new Random(seed);
        try (RandomAccessFile raf = new RandomAccessFile(p.toFile(), "rw")) {
            raf.setLength(0);
            for (int i = 0; i < extents.length; i += 2) {
                byte[] data = new byte[(int) extents[i + 1]];
                r.nextBytes(data);
                raf.seek(extents[i]);
                raf.write(data);
            }
            raf.setLength(size);
        }
        return p;
    }

    /** Allocated 512-byte blocks, as {@code stat -c %b} reports them. */
    static long blocks(Path p) throws IOException, InterruptedException {
        Process proc = new ProcessBuilder("stat", "-c", "%b", p.toString()).redirectErrorStream(true).start();
        String out = new String(proc.getInputStream().readAllBytes()).trim();
        if (proc.waitFor() != 0) {
            throw new IOException("stat failed: " + out);
        }
        return Long.parseLong(out);
    }

    static boolean sameBytes(Path a, Path b) throws IOException {
        return Files.mismatch(a, b) == -1L;
    }
}
