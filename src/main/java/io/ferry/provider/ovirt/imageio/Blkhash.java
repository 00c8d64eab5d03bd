package io.ferry.provider.ovirt.imageio;

import io.ferry.provider.ovirt.image.Extent;
import io.ferry.provider.ovirt.image.SparseMap;
import io.ferry.provider.io.Zeros;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.crypto.digests.Blake2bDigest;

/**
 * ovirt-imageio's checksum ("blkhash"): the image is cut into blocks of {@code block_size} (4 MiB by default;
 * the last one may be shorter), each block is hashed with BLAKE2b-256, and the result is BLAKE2b-256 of the
 * concatenated block digests. A block of zeros has a fixed digest, so holes cost nothing. Blocks are
 * independent, so several threads hash at once.
 */
public final class Blkhash {
    public static final int BLOCK_SIZE = 4 * 1024 * 1024;
    public static final String ALGORITHM = "blake2b";
    private static final int DIGEST = 32;

    private Blkhash() {}

    public static byte[] digest(byte[] b, int off, int len) {
        Blake2bDigest d = new Blake2bDigest(DIGEST * 8);
        d.update(b, off, len);
        byte[] out = new byte[DIGEST];
        d.doFinal(out, 0);
        return out;
    }

    /**
     * The checksum of {@code length} bytes of {@code file} (past its end reads as zeros, as a larger disk does),
     * as lowercase hex.
     */
    public static String ofFile(Path file, long length, int blockSize, int threads, AtomicLong hashedBytes)
            throws IOException, InterruptedException {
        int blocks = Math.toIntExact((length + blockSize - 1) / blockSize);
        byte[][] digests = new byte[blocks][];
        List<Extent> map = SparseMap.scan(file, length);
        byte[] zeroFull = digest(new byte[blockSize], 0, blockSize);
        AtomicLong next = new AtomicLong();
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ);
                ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads))) {
            List<Future<Void>> fs = new java.util.ArrayList<>();
            for (int t = 0; t < Math.max(1, threads); t++) {
                fs.add(pool.submit(() -> {
                    byte[] buf = new byte[blockSize];
                    for (long i = next.getAndIncrement(); i < blocks; i = next.getAndIncrement()) {
                        long start = i * blockSize;
                        int len = (int) Math.min(blockSize, length - start);
                        if (isHole(map, start, len)) {
                            digests[(int) i] = len == blockSize ? zeroFull : digest(new byte[len], 0, len);
                        } else {
                            readFully(ch, buf, start, len);
                            digests[(int) i] = len == blockSize && Zeros.isZero(buf, 0, len)
                                    ? zeroFull
                                    : digest(buf, 0, len);
                        }
                        if (hashedBytes != null) {
                            hashedBytes.addAndGet(len);
                        }
                    }
                    return null;
                }));
            }
            for (Future<Void> f : fs) {
                f.get();
            }
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IOException("checksum failed: " + e.getCause(), e.getCause());
        }
        Blake2bDigest outer = new Blake2bDigest(DIGEST * 8);
        for (byte[] d : digests) {
            outer.update(d, 0, d.length);
        }
        byte[] out = new byte[DIGEST];
        outer.doFinal(out, 0);
        return HexFormat.of().formatHex(out);
    }

    private static boolean isHole(List<Extent> map, long start, int len) {
        for (Extent e : map) {
            if (e.start() <= start && e.end() >= start + len) {
                return e.zero();
            }
            if (e.start() > start) {
                break;
            }
        }
        return false;
    }

    /** Reads {@code len} bytes at {@code pos}; past the end of the file the buffer is zero-filled. */
    static void readFully(FileChannel ch, byte[] buf, long pos, int len) throws IOException {
        ByteBuffer bb = ByteBuffer.wrap(buf, 0, len);
        while (bb.hasRemaining()) {
            int n = ch.read(bb, pos + bb.position());
            if (n < 0) {
                java.util.Arrays.fill(buf, bb.position(), len, (byte) 0);
                return;
            }
        }
    }
}
