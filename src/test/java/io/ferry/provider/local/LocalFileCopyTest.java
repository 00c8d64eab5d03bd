package io.ferry.provider.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ferry.domain.Counter;
import io.ferry.domain.ErrorCode;
import io.ferry.domain.TransferPhase;
import io.ferry.provider.TransferException;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** One regular file copied by the local provider on real temp files. */
class LocalFileCopyTest {
    @TempDir
    Path dir;

    private static final Map<String, String> VERIFY_ON = Map.of(LocalOptions.VERIFY, "true");
    private static final Map<String, String> VERIFY_OFF = Map.of(LocalOptions.VERIFY, "false");

    @ParameterizedTest(name = "verify={0}")
    @ValueSource(booleans = {true, false})
    void denseFileArrivesWithIdenticalBytesAndItsTime(boolean verify) throws Exception {
        Path src = Files2.random(dir.resolve("disk.img"), 3 * BlockIo.BLOCK + 12_345, 1);
        Files.setLastModifiedTime(src, java.nio.file.attribute.FileTime.fromMillis(1_700_000_000_000L));
        Path dst = dir.resolve("copy.img");
        RecordingContext ctx = RecordingContext.copy(src, dst, verify ? VERIFY_ON : VERIFY_OFF);

        new LocalProvider(LocalCopyHooks.NONE, BlockIo.BLOCK).run(ctx);

        assertThat(Files2.sameBytes(src, dst)).isTrue();
        assertThat(Files.getLastModifiedTime(dst)).isEqualTo(Files.getLastModifiedTime(src));
        assertThat(leftovers()).containsExactlyInAnyOrder("disk.img", "copy.img");
        var t = ctx.current();
        assertThat(t.bytesDone()).isEqualTo(t.bytesTotal()).isEqualTo(Files.size(src));
        assertThat(t.objectsDone()).isEqualTo(1);
        assertThat(t.counters().get(Counter.OBJECTS_COPIED_TO_SINK)).isEqualTo(1);
        assertThat(t.counters().get(Counter.BYTES_COPIED_TO_SINK)).isEqualTo(Files.size(src));
        assertThat(t.counters().get(Counter.BYTES_FOUND_FROM_SOURCE)).isEqualTo(Files.size(src));
        assertThat(ctx.moves()).containsExactly(TransferPhase.FINALIZING_SUCCESS);
        assertThat(ctx.bandwidthAsked()).isEqualTo(Files.size(src));
        assertThat(ctx.checkpoints()).isGreaterThanOrEqualTo(4);
    }

    @Test
    void fileCopiedOntoADirectoryGoesInsideIt() throws Exception {
        Path src = Files2.random(dir.resolve("a.bin"), 1000, 2);
        Path into = Files.createDirectory(dir.resolve("into"));
        new LocalProvider().run(RecordingContext.copy(src, into, Map.of()));
        assertThat(Files2.sameBytes(src, into.resolve("a.bin"))).isTrue();
    }

    @Test
    void emptyFileIsCopied() throws Exception {
        Path src = Files.createFile(dir.resolve("empty"));
        Path dst = dir.resolve("empty.copy");
        new LocalProvider().run(RecordingContext.copy(src, dst, Map.of()));
        assertThat(dst).exists().isEmptyFile();
    }

    @Test
    void existingDifferentTargetIsRefusedWithoutOverwriteAndLeftAlone() throws Exception {
        Path src = Files2.random(dir.resolve("new.bin"), 100_000, 3);
        Path dst = Files.writeString(dir.resolve("old.bin"), "keep me");
        RecordingContext ctx = RecordingContext.copy(src, dst, Map.of());

        assertThatThrownBy(() -> new LocalProvider().run(ctx))
                .isInstanceOfSatisfying(TransferException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.ALREADY_EXISTS);
                    assertThat(e.getMessage()).contains("--overwrite").contains(dst.toString());
                });
        assertThat(Files.readString(dst)).isEqualTo("keep me");
        assertThat(leftovers()).containsExactlyInAnyOrder("new.bin", "old.bin");

        new LocalProvider().run(RecordingContext.copy(src, dst, Map.of(LocalOptions.OVERWRITE, "true")));
        assertThat(Files2.sameBytes(src, dst)).isTrue();
    }

    @Test
    void syncSkipsAnUnchangedTargetAndCopiesAChangedOne() throws Exception {
        Path src = Files2.random(dir.resolve("s.bin"), 200_000, 4);
        Path dst = dir.resolve("d.bin");
        new LocalProvider().run(RecordingContext.copy(src, dst, Map.of()));

        RecordingContext again = RecordingContext.copy(src, dst, Map.of(LocalOptions.SYNC, "true"));
        new LocalProvider().run(again);
        assertThat(again.current().counters().get(Counter.OBJECTS_FROM_SOURCE_SKIPPED_BY_SYNC)).isEqualTo(1);
        assertThat(again.current().counters().get(Counter.BYTES_FROM_SOURCE_SKIPPED_BY_SYNC)).isEqualTo(200_000);
        assertThat(again.current().counters().get(Counter.OBJECTS_COPIED_TO_SINK)).isZero();

        // same size and time, different content: only sync.checksum notices
        var time = Files.getLastModifiedTime(dst);
        try (RandomAccessFile raf = new RandomAccessFile(dst.toFile(), "rw")) {
            raf.seek(150_000);
            raf.write(~raf.read());
        }
        Files.setLastModifiedTime(dst, time);
        RecordingContext byTime = RecordingContext.copy(src, dst, Map.of(LocalOptions.SYNC, "true"));
        new LocalProvider().run(byTime);
        assertThat(byTime.current().counters().get(Counter.OBJECTS_FROM_SOURCE_SKIPPED_BY_SYNC)).isEqualTo(1);
        assertThat(Files2.sameBytes(src, dst)).isFalse();

        RecordingContext byChecksum = RecordingContext.copy(src, dst,
                Map.of(LocalOptions.SYNC, "true", LocalOptions.SYNC_CHECKSUM, "true", LocalOptions.OVERWRITE, "true"));
        new LocalProvider().run(byChecksum);
        assertThat(byChecksum.current().counters().get(Counter.OBJECTS_COPIED_TO_SINK)).isEqualTo(1);
        assertThat(Files2.sameBytes(src, dst)).isTrue();
    }

    /** The source is rewritten while its copy is being finished: the copy ends ABORTED, and nothing is left. */
    @ParameterizedTest(name = "verify={0}")
    @ValueSource(booleans = {true, false})
    void aSourceChangedDuringTheCopyEndsAbortedWithNoTarget(boolean verify) throws Exception {
        Path src = Files2.random(dir.resolve("live.img"), 5L * BlockIo.BLOCK + 3, 16);
        Path dst = dir.resolve("live.copy");
        LocalCopyHooks rewriteSource = new LocalCopyHooks() {
            @Override
            public void afterWrite(Path part) throws IOException {
                try (RandomAccessFile raf = new RandomAccessFile(src.toFile(), "rw")) {
                    raf.seek(3L * BlockIo.BLOCK);
                    raf.write(new byte[] {1, 2, 3, 4});
                }
                Files.setLastModifiedTime(src, java.nio.file.attribute.FileTime.fromMillis(
                        Files.getLastModifiedTime(src).toMillis() + 5_000));
            }
        };
        RecordingContext ctx = RecordingContext.copy(src, dst, verify ? VERIFY_ON : VERIFY_OFF);

        assertThatThrownBy(() -> new LocalProvider(rewriteSource, LocalProvider.DEFAULT_TRANSFER_CHUNK).run(ctx))
                .isInstanceOfSatisfying(TransferException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.ABORTED);
                    assertThat(e.getMessage()).contains("the source changed while it was copied");
                });
        assertThat(dst).doesNotExist();
        assertThat(leftovers()).containsExactly("live.img");
    }

    /**
     * Verification finds a difference, but the source's time changed too: the source changed under the copy (the
     * fingerprints were read from it right behind copy_file_range), so the copy ends ABORTED (retried by the
     * engine), not DATA_LOSS.
     */
    @Test
    void aMismatchWithAChangedSourceIsAbortedNotDataLoss() throws Exception {
        Path src = Files2.random(dir.resolve("moving.img"), 6L * BlockIo.BLOCK + 11, 17);
        Path dst = dir.resolve("moving.copy");
        LocalCopyHooks changeBoth = new LocalCopyHooks() {
            @Override
            public void afterWrite(Path part) throws IOException {
                for (Path p : new Path[] {src, part}) {
                    try (RandomAccessFile raf = new RandomAccessFile(p.toFile(), "rw")) {
                        raf.seek(4L * BlockIo.BLOCK + 5);
                        int b = raf.read();
                        raf.seek(4L * BlockIo.BLOCK + 5);
                        raf.write(b ^ 0xFF);
                    }
                }
                Files.setLastModifiedTime(src, java.nio.file.attribute.FileTime.fromMillis(
                        Files.getLastModifiedTime(src).toMillis() + 5_000));
            }
        };
        RecordingContext ctx = RecordingContext.copy(src, dst, VERIFY_ON);

        assertThatThrownBy(() -> new LocalProvider(changeBoth, LocalProvider.DEFAULT_TRANSFER_CHUNK).run(ctx))
                .isInstanceOfSatisfying(TransferException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.ABORTED);
                    assertThat(e.getMessage()).contains("the source changed while it was copied");
                });
        assertThat(dst).doesNotExist();
        assertThat(leftovers()).containsExactly("moving.img");
    }

    /**
     * A large file is re-read by two threads, each taking every other stripe of 16 blocks: a flipped byte is found
     * whichever thread's stripe holds it (block 1: the first stripe; 17: the second, the other thread's; 40: the
     * third, after the other thread has read its stripe).
     */
    @ParameterizedTest(name = "byte flipped in block {0}")
    @ValueSource(ints = {1, 17, 40})
    void verifyCatchesAByteFlippedInEitherVerifyingThreadsStripe(int block) throws Exception {
        long at = (long) block * BlockIo.BLOCK + 5;
        Path src = Files2.random(dir.resolve("big.bin"), 48L * BlockIo.BLOCK + 77, 15);
        Path dst = dir.resolve("big.copy");
        LocalCopyHooks flipOneByte = new LocalCopyHooks() {
            @Override
            public void afterWrite(Path part) throws IOException {
                try (RandomAccessFile raf = new RandomAccessFile(part.toFile(), "rw")) {
                    raf.seek(at);
                    int b = raf.read();
                    raf.seek(at);
                    raf.write(b ^ 0x80);
                }
            }
        };
        RecordingContext ctx = RecordingContext.copy(src, dst, VERIFY_ON);

        assertThatThrownBy(() -> new LocalProvider(flipOneByte, LocalProvider.DEFAULT_TRANSFER_CHUNK).run(ctx))
                .isInstanceOfSatisfying(TransferException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.DATA_LOSS);
                    assertThat(e.getMessage()).contains("block at byte " + (long) block * BlockIo.BLOCK + " ");
                });
        assertThat(dst).doesNotExist();
        assertThat(leftovers()).containsExactly("big.bin");
    }

    @Test
    void verifyCatchesAByteFlippedInTheTargetAsDataLossAndLeavesNoTarget() throws Exception {
        Path src = Files2.random(dir.resolve("v.bin"), 2 * BlockIo.BLOCK + 77, 5);
        Path dst = dir.resolve("v.copy");
        LocalCopyHooks flipOneByte = new LocalCopyHooks() {
            @Override
            public void afterWrite(Path part) throws IOException {
                try (RandomAccessFile raf = new RandomAccessFile(part.toFile(), "rw")) {
                    raf.seek(BlockIo.BLOCK + 5);
                    int b = raf.read();
                    raf.seek(BlockIo.BLOCK + 5);
                    raf.write(b ^ 0x01);
                }
            }
        };
        RecordingContext ctx = RecordingContext.copy(src, dst, Map.of());

        assertThatThrownBy(() -> new LocalProvider(flipOneByte, BlockIo.BLOCK).run(ctx))
                .isInstanceOfSatisfying(TransferException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.DATA_LOSS);
                    assertThat(e.getMessage()).contains("byte " + BlockIo.BLOCK);
                });
        assertThat(dst).doesNotExist();
        assertThat(leftovers()).containsExactly("v.bin");
        assertThat(ctx.current().counters().get(Counter.OBJECTS_FROM_SOURCE_FAILED)).isEqualTo(1);
    }

    @Test
    void withoutVerifyTheSameDamageGoesUnnoticed() throws Exception {
        // the flip hook really damages the file: this is what verification is for
        Path src = Files2.random(dir.resolve("n.bin"), BlockIo.BLOCK, 6);
        Path dst = dir.resolve("n.copy");
        LocalCopyHooks flip = new LocalCopyHooks() {
            @Override
            public void afterWrite(Path part) throws IOException {
                try (RandomAccessFile raf = new RandomAccessFile(part.toFile(), "rw")) {
                    int b = raf.read();
                    raf.seek(0);
                    raf.write(b ^ 0x80);
                }
            }
        };
        new LocalProvider(flip, BlockIo.BLOCK).run(RecordingContext.copy(src, dst, VERIFY_OFF));
        assertThat(Files.mismatch(src, dst)).isZero();
    }

    @Test
    void missingSourceIsNotFoundNamingIt() {
        Path src = dir.resolve("nope.img");
        assertThatThrownBy(() -> new LocalProvider().run(RecordingContext.copy(src, dir.resolve("x"), Map.of())))
                .isInstanceOfSatisfying(TransferException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND);
                    assertThat(e.getMessage()).contains(src.toString()).contains("does not exist");
                });
    }

    @Test
    void missingTargetDirectoryIsAFailedPrecondition() throws Exception {
        Path src = Files2.random(dir.resolve("a"), 10, 7);
        Path dst = dir.resolve("no/such/dir/a");
        assertThatThrownBy(() -> new LocalProvider().run(RecordingContext.copy(src, dst, Map.of())))
                .isInstanceOfSatisfying(TransferException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.FAILED_PRECONDITION);
                    assertThat(e.getMessage()).contains("does not exist").contains("create it");
                });
    }

    @Test
    void copyingAFileOntoItselfIsRefused() throws Exception {
        Path src = Files2.random(dir.resolve("self"), 10, 8);
        assertThatThrownBy(() -> new LocalProvider().run(RecordingContext.copy(src, src, Map.of(LocalOptions.OVERWRITE, "true"))))
                .isInstanceOfSatisfying(TransferException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT));
        assertThat(Files.size(src)).isEqualTo(10);
    }

    @Test
    void aBadOptionValueIsInvalidArgumentNamingTheOption() throws Exception {
        Path src = Files2.random(dir.resolve("o"), 10, 9);
        assertThatThrownBy(() -> new LocalProvider().run(RecordingContext.copy(src, dir.resolve("p"),
                        Map.of(LocalOptions.VERIFY, "maybe"))))
                .isInstanceOfSatisfying(TransferException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
                    assertThat(e.getMessage()).contains("verify").contains("maybe");
                });
    }

    @Test
    void unreadableSourceFileIsPermissionDenied() throws Exception {
        Path src = Files2.random(dir.resolve("secret"), 10, 10);
        LocalCopyHooks denied = new LocalCopyHooks() {
            @Override
            public void beforeRead(Path source) throws IOException {
                throw new java.nio.file.AccessDeniedException(source.toString());
            }
        };
        assertThatThrownBy(() -> new LocalProvider(denied, BlockIo.BLOCK).run(RecordingContext.copy(src, dir.resolve("out"), Map.of())))
                .isInstanceOfSatisfying(TransferException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.PERMISSION_DENIED);
                    assertThat(e.sample().url()).isEqualTo(src.toString());
                });
        assertThat(leftovers()).containsExactly("secret");
    }

    private java.util.List<String> leftovers() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).toList();
        }
    }
}
