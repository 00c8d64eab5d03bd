package io.ferry.provider.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ferry.domain.Counter;
import io.ferry.provider.TransferStopped;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Pause, cancel, restart and resume on real files: never from zero, never with wrong bytes. */
class LocalResumeCancelTest {
    private static final int MiB = BlockIo.BLOCK;

    @TempDir
    Path dir;

    private LocalProvider provider() {
        return new LocalProvider(LocalCopyHooks.NONE, MiB); // 1 MiB chunks on both paths: several checkpoints
    }

    @ParameterizedTest(name = "verify={0}")
    @ValueSource(booleans = {true, false})
    void cancelMidCopyLeavesNoPartialFile(boolean verify) throws Exception {
        Path src = Files2.random(dir.resolve("big.img"), 4L * MiB + 999, 21);
        Path dst = dir.resolve("big.copy");
        RecordingContext ctx = RecordingContext.copy(src, dst, Map.of(LocalOptions.VERIFY, Boolean.toString(verify)));
        ctx.stopAt(MiB + 1, TransferStopped.Why.CANCEL);

        assertThatThrownBy(() -> provider().run(ctx))
                .isInstanceOfSatisfying(TransferStopped.class, s -> assertThat(s.why()).isEqualTo(TransferStopped.Why.CANCEL));

        assertThat(ctx.current().bytesDone()).isBetween((long) MiB, 3L * MiB);
        assertThat(dst).doesNotExist();
        assertThat(FileCopier.partOf(dst)).doesNotExist();
        provider().cleanup(ctx.current()); // idempotent
    }

    @ParameterizedTest(name = "verify={0}")
    @ValueSource(booleans = {true, false})
    void pauseThenResumeContinuesFromTheCheckpointWithIdenticalBytes(boolean verify) throws Exception {
        Path src = Files2.random(dir.resolve("big.img"), 6L * MiB + 4321, 22);
        Path dst = dir.resolve("big.copy");
        RecordingContext first = RecordingContext.copy(src, dst, Map.of(LocalOptions.VERIFY, Boolean.toString(verify)));
        first.stopAt(3L * MiB, TransferStopped.Why.PAUSE);

        assertThatThrownBy(() -> provider().run(first)).isInstanceOf(TransferStopped.class);
        assertThat(dst).as("nothing looks complete while paused").doesNotExist();
        assertThat(FileCopier.partOf(dst)).exists();
        long durable = first.durable().bytesDone();
        assertThat(durable).isGreaterThanOrEqualTo(3L * MiB);

        RecordingContext second = first.restarted();
        provider().run(second);

        assertThat(Files2.sameBytes(src, dst)).isTrue();
        assertThat(FileCopier.partOf(dst)).doesNotExist();
        assertThat(second.bandwidthAsked()).as("only the rest was copied again")
                .isEqualTo(Files.size(src) - durable);
        assertThat(second.current().message()).contains("resumed at byte " + durable);
        assertThat(second.current().bytesDone()).isEqualTo(Files.size(src));
    }

    @Test
    void aDamagedPrefixIsFoundOnResumeAndCopiedAgainFromThatBlock() throws Exception {
        Path src = Files2.random(dir.resolve("big.img"), 5L * MiB, 23);
        Path dst = dir.resolve("big.copy");
        RecordingContext first = RecordingContext.copy(src, dst, Map.of());
        first.stopAt(4L * MiB, TransferStopped.Why.PAUSE);
        assertThatThrownBy(() -> provider().run(first)).isInstanceOf(TransferStopped.class);

        // what a crash can leave: a block the store counted as done that never reached the disk intact
        try (RandomAccessFile raf = new RandomAccessFile(FileCopier.partOf(dst).toFile(), "rw")) {
            raf.seek(MiB + MiB / 2);
            raf.write(new byte[4096]);
        }
        RecordingContext second = first.restarted();
        provider().run(second);

        assertThat(Files2.sameBytes(src, dst)).isTrue();
        assertThat(second.current().message()).contains("resumed at byte " + MiB);
        assertThat(second.bandwidthAsked()).isEqualTo(4L * MiB);
    }

    @Test
    void resumeWithoutThePartialFileSaysSoAndStartsOver() throws Exception {
        Path src = Files2.random(dir.resolve("big.img"), 3L * MiB, 24);
        Path dst = dir.resolve("big.copy");
        RecordingContext first = RecordingContext.copy(src, dst, Map.of());
        first.stopAt(2L * MiB, TransferStopped.Why.PAUSE);
        assertThatThrownBy(() -> provider().run(first)).isInstanceOf(TransferStopped.class);
        provider().cleanup(first.current());
        assertThat(FileCopier.partOf(dst)).doesNotExist();

        RecordingContext second = first.restarted();
        provider().run(second);
        assertThat(Files2.sameBytes(src, dst)).isTrue();
        assertThat(second.current().history()).isNotEmpty();
        assertThat(second.bandwidthAsked()).isEqualTo(3L * MiB);
    }

    @Test
    void aRestartAfterTheRenameFindsTheCompleteTargetAndFinishes() throws Exception {
        Path src = Files2.random(dir.resolve("big.img"), 2L * MiB, 25);
        Path dst = dir.resolve("big.copy");
        RecordingContext first = RecordingContext.copy(src, dst, Map.of());
        provider().run(first);
        // the process died after the rename, before the engine recorded the end: the store has a checkpoint
        RecordingContext again = new RecordingContext(first.durable()).restarted();
        provider().run(again);
        assertThat(again.current().counters().get(Counter.OBJECTS_COPIED_TO_SINK)).isEqualTo(1);
        assertThat(again.bandwidthAsked()).isZero();
        assertThat(Files2.sameBytes(src, dst)).isTrue();
    }

    @Test
    void pausedTreeResumesWithoutCopyingFinishedFilesAgain() throws Exception {
        Path src = Files.createDirectory(dir.resolve("src"));
        for (int i = 0; i < 4; i++) {
            Files2.random(src.resolve("f" + i + ".bin"), 2L * MiB, 30 + i);
        }
        Path dst = dir.resolve("dst");
        RecordingContext first = RecordingContext.copy(src, dst, Map.of());
        first.stopAt(5L * MiB, TransferStopped.Why.PAUSE);
        assertThatThrownBy(() -> provider().run(first)).isInstanceOf(TransferStopped.class);

        RecordingContext second = first.restarted();
        provider().run(second);
        for (int i = 0; i < 4; i++) {
            assertThat(Files2.sameBytes(src.resolve("f" + i + ".bin"), dst.resolve("f" + i + ".bin"))).isTrue();
        }
        assertThat(second.bandwidthAsked()).isLessThanOrEqualTo(4L * MiB);
        assertThat(second.current().counters().get(Counter.OBJECTS_COPIED_TO_SINK)).isEqualTo(4);
        try (var s = Files.list(dst)) {
            assertThat(s.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".ferry-part"));
        }
    }
}
