package io.ferry.provider.ovirt.imageio;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checks Ferry's blkhash against values computed with CPython's hashlib, the module ovirt-imageio itself uses
 * (blkhash.py: blake2b digest_size=32 per 4 MiB block, then blake2b-256 over the block digests):
 *
 * <pre>
 * outer = hashlib.blake2b(digest_size=32)
 * for off in range(0, n, 4 MiB): outer.update(hashlib.blake2b(data[off:off+4 MiB], digest_size=32).digest())
 * outer.hexdigest()
 * </pre>
 */
class BlkhashTest {
    @TempDir
    Path dir;

    @Test
    void matchesImageioForAFileWithAShortLastBlock() throws Exception {
        int n = 4 * 1024 * 1024 + 1000;
        byte[] data = new byte[n];
        for (int i = 0; i < n; i++) {
            data[i] = (byte) ((i * 31L + 7) % 251);
        }
        Path p = dir.resolve("pattern.img");
        Files.write(p, data);
        assertThat(Blkhash.ofFile(p, n, Blkhash.BLOCK_SIZE, 2, null))
                .isEqualTo("945e367cc79f9885a21783e1a2b63faf0844fdef83417cb3fca8fd47cb06c3bb");
    }

    @Test
    void holesAndBytesPastTheEndHashAsZeros() throws Exception {
        Path p = dir.resolve("holes.img");
        try (RandomAccessFile f = new RandomAccessFile(p.toFile(), "rw")) {
            f.setLength(6 * 1024 * 1024); // a hole; the last 2 MiB of the 8 MiB image are past the end
        }
        assertThat(Blkhash.ofFile(p, 8 * 1024 * 1024, Blkhash.BLOCK_SIZE, 3, null))
                .isEqualTo("326cb82c7e9485f10456949e3c40f5396c64e9e3703d1d8ed30e2fd0084eef83");
    }
}
