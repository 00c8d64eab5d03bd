package io.ferry.provider.io;

import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.util.Arrays;

/** Zero-block detection on buffers (vectorised by {@link Arrays#mismatch}); shared by the providers that keep holes (oVirt imageio, Element bulk volume data). */
public final class Zeros {
    private static final byte[] ZERO = new byte[64 * 1024];
    private static final MemorySegment ZERO_SEGMENT = MemorySegment.ofArray(ZERO);

    private Zeros() {}

    /** True when the first {@code len} bytes of {@code b} (from index 0, whatever its position) are all zero. */
    public static boolean isZero(ByteBuffer b, int len) {
        MemorySegment s = MemorySegment.ofBuffer(b.duplicate().clear());
        for (long p = 0; p < len; p += ZERO.length) {
            long n = Math.min(ZERO.length, len - p);
            if (s.asSlice(p, n).mismatch(ZERO_SEGMENT.asSlice(0, n)) >= 0) {
                return false;
            }
        }
        return true;
    }

    public static boolean isZero(byte[] b, int off, int len) {
        int end = off + len;
        for (int p = off; p < end; p += ZERO.length) {
            int n = Math.min(ZERO.length, end - p);
            if (Arrays.mismatch(b, p, p + n, ZERO, 0, n) >= 0) {
                return false;
            }
        }
        return true;
    }
}
