package io.ferry.provider.ovirt.image;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Reads a disk image's header: qcow2 (magic {@code QFI\xfb}, version at 4, backing file offset at 8, virtual size
 * at 24, all big-endian) or raw. A qcow2 image with a backing file is refused: the engine would reject it at
 * finalize, after all the data went over the wire.
 */
public final class DiskImageProbe {
    static final int QCOW_MAGIC = 0x514649fb;

    private DiskImageProbe() {}

    public static DiskImage probe(Path file) throws IOException, UnsupportedImageException {
        if (!Files.isRegularFile(file)) {
            throw new UnsupportedImageException(file + " is not a regular file; give the path of a disk image file");
        }
        long size = Files.size(file);
        ByteBuffer header = ByteBuffer.allocate(32);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            while (header.hasRemaining() && ch.read(header) > 0) {
                // fill what the file has
            }
        }
        header.flip();
        if (header.remaining() < 4 || header.getInt(0) != QCOW_MAGIC) {
            return new DiskImage(DiskImage.Format.RAW, 0, size, size);
        }
        if (header.remaining() < 32) {
            throw new UnsupportedImageException(file + " starts like a qcow2 image but its header is truncated ("
                    + size + " bytes); the file is damaged or incomplete");
        }
        int version = header.getInt(4);
        if (version != 2 && version != 3) {
            throw new UnsupportedImageException(file + " is qcow2 version " + version
                    + ", which oVirt does not accept; convert it with: qemu-img convert -O qcow2 -o compat=1.1");
        }
        long backingOffset = header.getLong(8);
        if (backingOffset != 0) {
            throw new UnsupportedImageException(file + " is a qcow2 image with a backing file; oVirt refuses such an "
                    + "image at finalize. Flatten it first: qemu-img convert -O qcow2 " + file.getFileName()
                    + " flat.qcow2");
        }
        long virtualSize = header.getLong(24);
        if (virtualSize <= 0) {
            throw new UnsupportedImageException(file + " is qcow2 with an invalid virtual size " + virtualSize);
        }
        return new DiskImage(DiskImage.Format.QCOW2, version, virtualSize, size);
    }
}
