package io.ferry.provider.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ferry.domain.Counter;
import io.ferry.domain.ErrorCode;
import io.ferry.domain.TransferCounters;
import io.ferry.provider.TransferException;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Directory trees: exact seed-002 counters, per-entry errors, the rest still copied. */
class LocalTreeCopyTest {
    @TempDir
    Path dir;

    Path src;

    /**
     * Emulates the kernel's permission check for a process that is not root: the tests run as root, who may read
     * anything, so a file or directory without the owner's read bit is refused here as open(2)/opendir(3) would.
     */
    static final LocalCopyHooks PERMISSION_BITS = new LocalCopyHooks() {
        @Override
        public void beforeRead(Path source) throws IOException {
            refuseUnreadable(source);
        }

        @Override
        public void beforeList(Path d) throws IOException {
            refuseUnreadable(d);
        }

        private void refuseUnreadable(Path p) throws IOException {
            if (!Files.getPosixFilePermissions(p).contains(PosixFilePermission.OWNER_READ)) {
                throw new AccessDeniedException(p.toString(), null, "Permission denied");
            }
        }
    };

    @BeforeEach
    void tree() throws Exception {
        src = Files.createDirectory(dir.resolve("src"));
        Files2.random(src.resolve("a.bin"), 1_500_000, 1);
        Files.createDirectories(src.resolve("sub/deeper"));
        Files2.random(src.resolve("sub/b.bin"), 3_000, 2);
        Files2.random(src.resolve("sub/deeper/c.bin"), 2 * BlockIo.BLOCK + 1, 3);
        Files.createFile(src.resolve("sub/empty.txt"));
        Files.createDirectory(src.resolve("nothing-inside"));
    }

    @Test
    void treeIsCopiedWithExactCounters() throws Exception {
        Path dst = dir.resolve("dst");
        RecordingContext ctx = RecordingContext.copy(src, dst, Map.of());

        new LocalProvider().run(ctx);

        for (String f : new String[] {"a.bin", "sub/b.bin", "sub/deeper/c.bin", "sub/empty.txt"}) {
            assertThat(Files2.sameBytes(src.resolve(f), dst.resolve(f))).as(f).isTrue();
        }
        assertThat(dst.resolve("nothing-inside")).isDirectory();
        long bytes = 1_500_000 + 3_000 + 2 * BlockIo.BLOCK + 1;
        TransferCounters c = ctx.current().counters();
        assertThat(c.toWire()).containsExactlyInAnyOrderEntriesOf(Map.ofEntries(
                Map.entry("objectsFoundFromSource", "4"),
                Map.entry("bytesFoundFromSource", Long.toString(bytes)),
                Map.entry("objectsCopiedToSink", "4"),
                Map.entry("bytesCopiedToSink", Long.toString(bytes)),
                Map.entry("objectsFromSourceSkippedBySync", "0"),
                Map.entry("bytesFromSourceSkippedBySync", "0"),
                Map.entry("objectsFromSourceFailed", "0"),
                Map.entry("bytesFromSourceFailed", "0"),
                Map.entry("directoriesFoundFromSource", "4"),
                Map.entry("directoriesSuccessfullyListedFromSource", "4"),
                Map.entry("directoriesFailedToListFromSource", "0")));
        assertThat(ctx.current().bytesDone()).isEqualTo(bytes);
        assertThat(ctx.current().objectsDone()).isEqualTo(4);
        assertThat(ctx.current().errors().isEmpty()).isTrue();

        Files2.random(src.resolve("sub/b.bin"), 4_000, 9); // changed since
        RecordingContext sync = RecordingContext.copy(src, dst, Map.of(LocalOptions.SYNC, "true", LocalOptions.OVERWRITE, "true"));
        new LocalProvider().run(sync);
        TransferCounters s = sync.current().counters();
        assertThat(s.get(Counter.OBJECTS_FROM_SOURCE_SKIPPED_BY_SYNC)).isEqualTo(3);
        assertThat(s.get(Counter.BYTES_FROM_SOURCE_SKIPPED_BY_SYNC)).isEqualTo(1_500_000 + 2 * BlockIo.BLOCK + 1);
        assertThat(s.get(Counter.OBJECTS_COPIED_TO_SINK)).isEqualTo(1);
        assertThat(s.get(Counter.BYTES_COPIED_TO_SINK)).isEqualTo(4_000);
        assertThat(Files2.sameBytes(src.resolve("sub/b.bin"), dst.resolve("sub/b.bin"))).isTrue();
    }

    @Test
    void unreadableFileAndDirectoryArePermissionDeniedAndTheRestIsCopied() throws Exception {
        Path locked = Files.createDirectory(src.resolve("locked"));
        Files2.random(locked.resolve("hidden.bin"), 10, 4);
        Path secret = Files2.random(src.resolve("sub/secret.bin"), 5_000, 5);
        Set<PosixFilePermission> none = PosixFilePermissions.fromString("---------");
        Files.setPosixFilePermissions(secret, none);
        Files.setPosixFilePermissions(locked, none);
        Path dst = dir.resolve("dst");
        RecordingContext ctx = RecordingContext.copy(src, dst, Map.of());
        try {
            assertThatThrownBy(() -> new LocalProvider(PERMISSION_BITS, BlockIo.BLOCK).run(ctx))
                    .isInstanceOfSatisfying(TransferException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.PERMISSION_DENIED);
                        assertThat(e.getMessage()).contains("1 of 5 files").contains("1 directories to list");
                    });
        } finally {
            Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("rwx------"));
        }
        var errors = ctx.current().errors();
        assertThat(errors.count(ErrorCode.PERMISSION_DENIED)).isEqualTo(2);
        assertThat(errors.get(ErrorCode.PERMISSION_DENIED).orElseThrow().errorLogEntries())
                .extracting(io.ferry.domain.ErrorLogEntry::url)
                .containsExactlyInAnyOrder(secret.toString(), locked.toString());
        TransferCounters c = ctx.current().counters();
        assertThat(c.get(Counter.OBJECTS_FOUND_FROM_SOURCE)).isEqualTo(5);
        assertThat(c.get(Counter.OBJECTS_FROM_SOURCE_FAILED)).isEqualTo(1);
        assertThat(c.get(Counter.BYTES_FROM_SOURCE_FAILED)).isEqualTo(5_000);
        assertThat(c.get(Counter.OBJECTS_COPIED_TO_SINK)).isEqualTo(4);
        assertThat(c.get(Counter.DIRECTORIES_FOUND_FROM_SOURCE)).isEqualTo(5);
        assertThat(c.get(Counter.DIRECTORIES_FAILED_TO_LIST_FROM_SOURCE)).isEqualTo(1);
        assertThat(c.get(Counter.DIRECTORIES_SUCCESSFULLY_LISTED_FROM_SOURCE)).isEqualTo(4);
        assertThat(Files2.sameBytes(src.resolve("sub/deeper/c.bin"), dst.resolve("sub/deeper/c.bin"))).isTrue();
        assertThat(dst.resolve("sub/secret.bin")).doesNotExist();
        assertThat(dst.resolve("sub/.secret.bin.ferry-part")).doesNotExist();
    }

    @Test
    void fileThatVanishesBeforeItIsCopiedIsNotFound() throws Exception {
        LocalCopyHooks vanish = new LocalCopyHooks() {
            @Override
            public void beforeRead(Path source) throws IOException {
                if (source.getFileName().toString().equals("b.bin")) {
                    Files.delete(source);
                    throw new java.nio.file.NoSuchFileException(source.toString());
                }
            }
        };
        Path dst = dir.resolve("dst");
        RecordingContext ctx = RecordingContext.copy(src, dst, Map.of());
        assertThatThrownBy(() -> new LocalProvider(vanish, BlockIo.BLOCK).run(ctx))
                .isInstanceOfSatisfying(TransferException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
        assertThat(ctx.current().errors().get(ErrorCode.NOT_FOUND).orElseThrow().errorLogEntries().getFirst().url())
                .isEqualTo(src.resolve("sub/b.bin").toString());
        assertThat(ctx.current().counters().get(Counter.OBJECTS_COPIED_TO_SINK)).isEqualTo(3);
    }

    @Test
    void symlinkLoopIsReportedNotFollowedForever() throws Exception {
        Files.createSymbolicLink(src.resolve("sub/deeper/loop"), src.resolve("sub"));
        Path dst = dir.resolve("dst");
        RecordingContext ctx = RecordingContext.copy(src, dst, Map.of());
        assertThatThrownBy(() -> new LocalProvider().run(ctx))
                .isInstanceOfSatisfying(TransferException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.FAILED_PRECONDITION));
        var loop = ctx.current().errors().get(ErrorCode.FAILED_PRECONDITION).orElseThrow().errorLogEntries().getFirst();
        assertThat(loop.url()).isEqualTo(src.resolve("sub/deeper/loop").toString());
        assertThat(loop.errorDetails().getFirst()).contains("loop");
        assertThat(ctx.current().counters().get(Counter.OBJECTS_COPIED_TO_SINK)).isEqualTo(4);
        assertThat(ctx.current().counters().get(Counter.DIRECTORIES_FAILED_TO_LIST_FROM_SOURCE)).isEqualTo(1);
    }

    @Test
    void targetInsideTheSourceIsRefusedBeforeAnythingIsWritten() {
        Path inside = src.resolve("sub/backup");
        assertThatThrownBy(() -> new LocalProvider().run(RecordingContext.copy(src, inside, Map.of())))
                .isInstanceOfSatisfying(TransferException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.FAILED_PRECONDITION);
                    assertThat(e.getMessage()).contains("inside the source").contains("outside");
                });
        assertThat(inside).doesNotExist();
    }

    @Test
    void existingFileInTheTargetTreeIsRefusedAloneWithoutOverwrite() throws Exception {
        Path dst = Files.createDirectories(dir.resolve("dst/sub"));
        Files.writeString(dst.resolve("b.bin"), "other");
        RecordingContext ctx = RecordingContext.copy(src, dir.resolve("dst"), Map.of());
        assertThatThrownBy(() -> new LocalProvider().run(ctx))
                .isInstanceOfSatisfying(TransferException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.ALREADY_EXISTS));
        assertThat(Files.readString(dst.resolve("b.bin"))).isEqualTo("other");
        assertThat(ctx.current().counters().get(Counter.OBJECTS_COPIED_TO_SINK)).isEqualTo(3);
    }
}
