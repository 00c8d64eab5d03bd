package io.ferry.provider.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.ferry.provider.io.DataExtents;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Sparse files stay sparse: identical bytes, and no more allocated blocks than the source. */
class LocalSparseCopyTest {
    private static final long MiB = 1 << 20;

    @TempDir
    Path dir;

    @ParameterizedTest(name = "verify={0}")
    @ValueSource(booleans = {true, false})
    void sparseFileKeepsItsHoles(boolean verify) throws Exception {
        // 96 MiB logical, three data extents (one unaligned, one at the very start), a trailing hole
        Path src = Files2.sparse(dir.resolve("thin.img"), 96 * MiB, 11,
                0, 256 * 1024, 20 * MiB + 4096, 700_000, 50 * MiB, 2 * MiB);
        long srcBlocks = Files2.blocks(src);
        assertThat(srcBlocks * 512).as("the test file really is sparse").isLessThan(4 * MiB);
        Path dst = dir.resolve("thin.copy");
        RecordingContext ctx = RecordingContext.copy(src, dst, Map.of(LocalOptions.VERIFY, Boolean.toString(verify)));

        new LocalProvider(LocalCopyHooks.NONE, (int) MiB).run(ctx);

        assertThat(Files.size(dst)).isEqualTo(96 * MiB);
        assertThat(Files2.sameBytes(src, dst)).isTrue();
        assertThat(Files2.blocks(dst)).isLessThanOrEqualTo(srcBlocks);
        assertThat(ctx.current().bytesDone()).isEqualTo(96 * MiB);
    }

    @Test
    void zerosStoredAsDataBecomeHolesWhenVerifying() throws Exception {
        // a dense file whose middle 8 MiB are written zeros: the copy skips writing them
        Path src = dir.resolve("zeros.img");
        Files2.random(src, 10 * MiB, 12);
        try (RandomAccessFile raf = new RandomAccessFile(src.toFile(), "rw")) {
            raf.seek(MiB);
            raf.write(new byte[(int) (8 * MiB)]);
        }
        Path dst = dir.resolve("zeros.copy");
        new LocalProvider().run(RecordingContext.copy(src, dst, Map.of()));

        assertThat(Files2.sameBytes(src, dst)).isTrue();
        assertThat(Files2.blocks(dst) * 512).isLessThanOrEqualTo(2 * MiB + 64 * 1024);
        assertThat(Files2.blocks(dst)).isLessThan(Files2.blocks(src));
    }

    @Test
    void fullyHoleFileTakesNoDataBlocks() throws Exception {
        Path src = Files2.sparse(dir.resolve("hole.img"), 64 * MiB, 13);
        Path dst = dir.resolve("hole.copy");
        new LocalProvider().run(RecordingContext.copy(src, dst, Map.of()));
        assertThat(Files.size(dst)).isEqualTo(64 * MiB);
        assertThat(Files2.blocks(dst)).isZero();
        assertThat(Files2.sameBytes(src, dst)).isTrue();
    }

    @Test
    void seekDataFindsTheExtentsOnThisFileSystem() throws Exception {
        Path src = Files2.sparse(dir.resolve("probe.img"), 32 * MiB, 14, 8 * MiB, MiB);
        try (DataExtents e = DataExtents.of(src, 32 * MiB)) {
            assertThat(e.sparseAware()).as("SEEK_DATA/SEEK_HOLE through FFM on Linux").isTrue();
            assertThat(e.nextData(0)).isEqualTo(8 * MiB);
            assertThat(e.nextHole(8 * MiB)).isEqualTo(9 * MiB);
            assertThat(e.nextData(9 * MiB)).isEqualTo(32 * MiB);
        }
    }
}
