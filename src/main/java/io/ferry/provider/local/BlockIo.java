package io.ferry.provider.local;

import io.ferry.provider.io.DataExtents;
import java.io.EOFException;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import net.openhft.hashing.LongTupleHashFunction;

/**
 * One reusable 1 MiB direct buffer with the operations a copy needs per block: read a block, tell whether it is
 * all zeros, checksum it (xxHash-128, XXH3), and write it back skipping zero pages so holes stay holes. Not
 * thread-safe: one per running copy.
 *
 * <p>A block's fingerprint is {@link BlockSums#ZERO} (both longs 0) when it is all zeros or a hole, else its
 * xxHash-128; it depends only on the bytes, never on how the file system laid them out, so a source and a target
 * compare equal whether zeros are stored or left as holes.
 */
final class BlockIo {
    static final int BLOCK = 1 << 20;
    static final int PAGE = 4096;
    private static final MemorySegment ZEROS = Arena.global().allocate(BLOCK);
    private static final LongTupleHashFunction XX128 = LongTupleHashFunction.xx128();

    private final ByteBuffer buf = ByteBuffer.allocateDirect(BLOCK);
    private final MemorySegment seg = MemorySegment.ofBuffer(buf);
    private final long address = seg.address();
    private final long[] hash = new long[2];

    /** Reads exactly {@code len} bytes at {@code pos}; EOFException when the file ends first (it shrank). */
    void read(FileChannel ch, long pos, int len) throws IOException {
        buf.clear().limit(len);
        while (buf.hasRemaining()) {
            int n = ch.read(buf, pos + buf.position());
            if (n < 0) {
                throw new EOFException("file ended at " + (pos + buf.position()) + " while reading " + len
                        + " bytes at " + pos + ": it shrank while being copied");
            }
        }
    }

    boolean isZero(int off, int len) {
        return seg.asSlice(off, len).mismatch(ZEROS.asSlice(0, len)) < 0;
    }

    /** The fingerprint of the first {@code len} bytes of the buffer into {@code out[0..1]}. */
    void fingerprint(int len, long[] out) {
        if (isZero(0, len)) {
            out[0] = 0;
            out[1] = 0;
            return;
        }
        XX128.hashMemory(address, len, hash);
        java.lang.ref.Reference.reachabilityFence(buf);
        out[0] = hash[0];
        out[1] = hash[1];
        if (out[0] == 0 && out[1] == 0) {
            out[1] = 1; // keep ZERO for zero blocks only (a 2^-128 event, but make it impossible)
        }
    }

    /**
     * The fingerprint of block {@code [pos, pos+len)} of a file, reading only when the extents say data may be
     * there.
     */
    void fingerprintOf(FileChannel ch, DataExtents extents, long pos, int len, long[] out) throws IOException {
        if (extents.sparseAware() && extents.nextData(pos) >= pos + len) {
            out[0] = 0;
            out[1] = 0;
            return;
        }
        read(ch, pos, len);
        fingerprint(len, out);
    }

    /**
     * Writes the first {@code len} bytes of the buffer at {@code pos}, leaving out whole zero pages (4 KiB) so
     * they stay holes in a file that has none there yet. Returns the bytes actually written.
     */
    long writeSkippingZeroPages(FileChannel out, long pos, int len) throws IOException {
        long written = 0;
        int off = 0;
        while (off < len) {
            int pageLen = Math.min(PAGE, len - off);
            if (isZero(off, pageLen)) {
                off += pageLen;
                continue;
            }
            int runStart = off;
            off += pageLen;
            while (off < len) {
                int l = Math.min(PAGE, len - off);
                if (isZero(off, l)) {
                    break;
                }
                off += l;
            }
            written += writeFully(out, pos + runStart, runStart, off - runStart);
        }
        return written;
    }

    private long writeFully(FileChannel out, long filePos, int from, int len) throws IOException {
        ByteBuffer slice = buf.duplicate().clear().position(from).limit(from + len);
        long p = filePos;
        while (slice.hasRemaining()) {
            p += out.write(slice, p);
        }
        return len;
    }
}
