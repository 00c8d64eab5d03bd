package io.ferry.provider.ovirt.image;

/** A run of an image: data, or an area that reads as zeros (a hole, or zeros the server reported). */
public record Extent(long start, long length, boolean zero) {
    public Extent {
        if (start < 0 || length < 0) {
            throw new IllegalArgumentException("bad extent " + start + "+" + length);
        }
    }

    public long end() {
        return start + length;
    }
}
