package io.ferry.provider.local;

/**
 * The fingerprints of a file's 1 MiB blocks (two longs each), as read from the source: what the re-read target
 * must match. A block not set reads as {@link #ZERO}, the fingerprint of an all-zero block or hole.
 */
final class BlockSums {
    static final long[] ZERO = {0L, 0L};

    private final long[] sums;

    BlockSums(long fileSize) {
        long blocks = (fileSize + BlockIo.BLOCK - 1) / BlockIo.BLOCK;
        if (blocks > Integer.MAX_VALUE / 2) {
            throw new IllegalArgumentException("file too large for block checksums: " + fileSize + " bytes");
        }
        sums = new long[(int) blocks * 2];
    }

    static int index(long pos) {
        return (int) (pos / BlockIo.BLOCK);
    }

    void set(long pos, long[] fp) {
        int i = index(pos) * 2;
        sums[i] = fp[0];
        sums[i + 1] = fp[1];
    }

    boolean matches(long pos, long[] fp) {
        int i = index(pos) * 2;
        return sums[i] == fp[0] && sums[i + 1] == fp[1];
    }
}
