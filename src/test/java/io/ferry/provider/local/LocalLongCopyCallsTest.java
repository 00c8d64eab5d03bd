package io.ferry.provider.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ferry.provider.TransferStopped;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A copy (with or without verification) grows its {@code copy_file_range} calls towards {@code cp}'s 2 GiB (here scaled
 * down: 1 MiB first, at most 32 MiB), on real files: the bytes and holes arrive as with fixed calls, far fewer
 * calls are made, and a pause between calls still stops the copy and resumes it with identical bytes.
 */
class LocalLongCopyCallsTest {
    private static final int MiB = BlockIo.BLOCK;
    private static final Map<String, String> VERIFY_OFF = Map.of(LocalOptions.VERIFY, "false");

    @TempDir
    Path dir;

    private static LocalProvider growing() {
        return new LocalProvider(LocalCopyHooks.NONE, MiB, 32L * MiB);
    }

    @ParameterizedTest(name = "verify={0}")
    @ValueSource(booleans = {false, true})
    void aDenseFileArrivesIdenticalInFarFewerCallsThanWithFixedOnes(boolean verify) throws Exception {
        Path src = Files2.random(dir.resolve("disk.img"), 96L * MiB + 777, 31);
        Map<String, String> options = Map.of(LocalOptions.VERIFY, Boolean.toString(verify));

        RecordingContext fixed = RecordingContext.copy(src, dir.resolve("fixed.img"), options);
        new LocalProvider(LocalCopyHooks.NONE, MiB).run(fixed);
        RecordingContext grown = RecordingContext.copy(src, dir.resolve("grown.img"), options);
        growing().run(grown);

        assertThat(Files2.sameBytes(src, dir.resolve("grown.img"))).isTrue();
        assertThat(grown.current().bytesDone()).isEqualTo(Files.size(src));
        assertThat(Files2.sameBytes(src, dir.resolve("fixed.img"))).isTrue();
        // a checkpoint before each call (and, with verification, the same ones while re-reading the target)
        assertThat(grown.checkpoints()).as("97 calls of 1 MiB against a few of up to 32 MiB")
                .isLessThan(fixed.checkpoints() - 80);
    }

    @ParameterizedTest(name = "verify={0}")
    @ValueSource(booleans = {false, true})
    void aSparseFileKeepsItsHolesWithLongCalls(boolean verify) throws Exception {
        Path src = Files2.sparse(dir.resolve("sparse.img"), 200L * MiB, 32,
                0, 3L * MiB, 60L * MiB, 40L * MiB + 5, 150L * MiB, MiB);
        Path dst = dir.resolve("sparse.copy");

        growing().run(RecordingContext.copy(src, dst, Map.of(LocalOptions.VERIFY, Boolean.toString(verify))));

        assertThat(Files2.sameBytes(src, dst)).isTrue();
        // the 44 MiB of data and not the 156 MiB of holes; ext4 may add one 4 KiB block of its own (an extent tree
        // block, once the target's data lies in more pieces than the inode holds), as it did in one run here
        assertThat(Files2.blocks(dst)).isLessThanOrEqualTo(Files2.blocks(src) + 8);
    }

    @Test
    void aPauseBetweenLongCallsStopsTheCopyAndTheResumeEndsIdentical() throws Exception {
        Path src = Files2.random(dir.resolve("disk.img"), 80L * MiB + 99, 33);
        Path dst = dir.resolve("disk.copy");
        RecordingContext first = RecordingContext.copy(src, dst, VERIFY_OFF);
        first.stopAt(2L * MiB, TransferStopped.Why.PAUSE);

        assertThatThrownBy(() -> growing().run(first)).isInstanceOf(TransferStopped.class);
        assertThat(dst).as("nothing looks complete while paused").doesNotExist();
        assertThat(first.durable().bytesDone()).isBetween(2L * MiB, 80L * MiB);

        RecordingContext second = first.restarted();
        growing().run(second);
        assertThat(Files2.sameBytes(src, dst)).isTrue();
        assertThat(FileCopier.partOf(dst)).doesNotExist();
    }

    @ParameterizedTest(name = "verify={0}")
    @ValueSource(booleans = {false, true})
    void underABandwidthLimitTheCallsKeepTheirFirstSize(boolean verify) throws Exception {
        Path src = Files2.random(dir.resolve("disk.img"), 12L * MiB + 5, 34);
        Path dst = dir.resolve("disk.copy");
        RecordingContext ctx = RecordingContext.copy(src, dst, Map.of(LocalOptions.VERIFY, Boolean.toString(verify)));
        ctx.limitBandwidth(64L * MiB); // every 1 MiB call waits about 16 ms for it

        growing().run(ctx);

        assertThat(Files2.sameBytes(src, dst)).isTrue();
        assertThat(ctx.largestBandwidthAsk()).as("steps of 1 MiB, not a burst after a long wait").isEqualTo(MiB);
    }
}
