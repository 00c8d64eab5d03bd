package io.ferry.provider.ovirt.image;

import java.util.Arrays;

/** Zero-block detection on buffers (vectorised by {@link Arrays#mismatch}). */
public final class Zeros {
    private static final byte[] ZERO = new byte[64 * 1024];

    private Zeros() {}

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
