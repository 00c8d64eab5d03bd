package io.ferry.provider.ovirt;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/** Real image files for the tests: dense raw, sparse raw, and a tiny valid qcow2 built by hand. */
public final class TestImages {
    private TestImages() {}

    public static Path dense(Path dir, String name, int bytes, long seed) throws IOException {
        byte[] b = new byte[bytes];
        new Random(seed).nextBytes(b);
        Path p = dir.resolve(name);
        Files.write(p, b);
        return p;
    }

    /** {@code size} bytes, holes except {@code dataRuns} runs of random data of {@code runBytes} each, spread out. */
    public static Path sparse(Path dir, String name, long size, int dataRuns, int runBytes, long seed) throws IOException {
        Path p = dir.resolve(name);
        Random r = new Random(seed);
        try (RandomAccessFile f = new RandomAccessFile(p.toFile(), "rw")) {
            f.setLength(size);
            long stride = size / dataRuns;
            for (int i = 0; i < dataRuns; i++) {
                byte[] b = new byte[runBytes];
                r.nextBytes(b);
                long at = i * stride + (i % 2 == 0 ? 0 : 12_345); // some runs not block aligned
                f.seek(Math.min(at, size - runBytes));
                f.write(b);
            }
        }
        return p;
    }

    /**
     * A valid qcow2 v3 image (64 KiB clusters) of {@code virtualSize} with one data cluster at guest offset 0:
     * header, refcount table, refcount block, L1 table, L2 table, data cluster.
     */
    public static Path qcow2(Path dir, String name, long virtualSize, long backingFileOffset, long seed) throws IOException {
        int cs = 65536;
        ByteBuffer f = ByteBuffer.allocate(6 * cs);
        // header
        f.putInt(0, 0x514649fb);
        f.putInt(4, 3);
        f.putLong(8, backingFileOffset);
        f.putInt(16, backingFileOffset == 0 ? 0 : 8);
        f.putInt(20, 16); // cluster_bits
        f.putLong(24, virtualSize);
        f.putInt(32, 0); // crypt
        long l2Coverage = (long) cs * (cs / 8);
        int l1Size = (int) ((virtualSize + l2Coverage - 1) / l2Coverage);
        f.putInt(36, l1Size);
        f.putLong(40, 3L * cs); // l1 table
        f.putLong(48, 1L * cs); // refcount table
        f.putInt(56, 1); // refcount table clusters
        f.putInt(60, 0); // snapshots
        f.putLong(64, 0);
        f.putLong(72, 0); // incompatible
        f.putLong(80, 0); // compatible
        f.putLong(88, 0); // autoclear
        f.putInt(96, 4); // refcount_order: 16-bit
        f.putInt(100, 104); // header length
        // header extension end marker at 104: type 0, length 0 (already zero)
        if (backingFileOffset != 0) {
            f.put((int) backingFileOffset, "base.img".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        }
        // refcount table -> refcount block at cluster 2
        f.putLong(cs, 2L * cs);
        for (int c = 0; c < 6; c++) {
            f.putShort(2 * cs + 2 * c, (short) 1);
        }
        long copied = 1L << 63;
        f.putLong(3 * cs, (4L * cs) | copied); // L1[0] -> L2 at cluster 4
        f.putLong(4 * cs, (5L * cs) | copied); // L2[0] -> data at cluster 5
        byte[] data = new byte[cs];
        new Random(seed).nextBytes(data);
        f.put(5 * cs, data);
        Path p = dir.resolve(name);
        Files.write(p, f.array());
        return p;
    }

    /** Bytes allocated on disk (st_blocks × 512) through stat(1); -1 when stat is not there. */
    public static long allocated(Path p) throws IOException, InterruptedException {
        Process pr = new ProcessBuilder("stat", "-c", "%b %B", p.toString()).redirectErrorStream(true).start();
        String out = new String(pr.getInputStream().readAllBytes()).trim();
        if (pr.waitFor() != 0) {
            return -1;
        }
        String[] parts = out.split(" ");
        return Long.parseLong(parts[0]) * Long.parseLong(parts[1]);
    }

    public static boolean sameBytes(Path a, Path b) throws IOException {
        return Files.mismatch(a, b) == -1;
    }
}
