package io.ferry.provider.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ferry.domain.Counter;
import io.ferry.domain.ErrorLogEntry;
import io.ferry.domain.ErrorSummary;
import io.ferry.provider.TransferException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Symbolic-link loops of every shape in a tree copy on real directories: each is reported with its path as an
 * error, never followed forever; everything else is copied. Each copy runs with a deadline so a loop that was
 * followed would fail the test instead of hanging it.
 */
class LocalTreeSymlinkLoopsTest {
    @TempDir
    Path dir;

    Path src;

    @BeforeEach
    void tree() throws Exception {
        src = Files.createDirectory(dir.resolve("src"));
        Files.createDirectories(src.resolve("a/b"));
        Files2.random(src.resolve("a/b/data.bin"), 70_000, 7);
        Files2.random(src.resolve("top.bin"), 5_000, 8);
    }

    private RecordingContext copyWithDeadline() throws Exception {
        RecordingContext ctx = RecordingContext.copy(src, dir.resolve("dst"), Map.of());
        CompletableFuture<Throwable> run = CompletableFuture.supplyAsync(() -> {
            try {
                new LocalProvider().run(ctx);
                return null;
            } catch (Throwable t) {
                return t;
            }
        });
        Throwable outcome = run.get(60, TimeUnit.SECONDS);
        assertThat(outcome).as("a loop makes the copy end with an error naming it").isInstanceOf(TransferException.class);
        return ctx;
    }

    private static List<String> urls(RecordingContext ctx) {
        return ctx.current().errors().summaries().stream().map(ErrorSummary::errorLogEntries)
                .flatMap(List::stream).map(ErrorLogEntry::url).toList();
    }

    private void restWasCopied() throws Exception {
        assertThat(Files2.sameBytes(src.resolve("a/b/data.bin"), dir.resolve("dst/a/b/data.bin"))).isTrue();
        assertThat(Files2.sameBytes(src.resolve("top.bin"), dir.resolve("dst/top.bin"))).isTrue();
    }

    @Test
    void aLinkBackToTheRootOfTheCopyIsReported() throws Exception {
        Files.createSymbolicLink(src.resolve("a/b/up"), Path.of("../.."));

        RecordingContext ctx = copyWithDeadline();

        assertThat(urls(ctx)).contains(src.resolve("a/b/up").toString());
        assertThat(ctx.current().counters().get(Counter.DIRECTORIES_FAILED_TO_LIST_FROM_SOURCE)).isEqualTo(1);
        restWasCopied();
    }

    @Test
    void twoLinksPointingAtEachOtherAreReportedNotFollowed() throws Exception {
        Files.createSymbolicLink(src.resolve("ping"), Path.of("pong"));
        Files.createSymbolicLink(src.resolve("pong"), Path.of("ping"));

        RecordingContext ctx = copyWithDeadline();

        assertThat(urls(ctx)).contains(src.resolve("ping").toString(), src.resolve("pong").toString());
        restWasCopied();
        assertThat(dir.resolve("dst/ping")).doesNotExist();
    }

    @Test
    void aLinkToItselfIsReported() throws Exception {
        Files.createSymbolicLink(src.resolve("a/self"), Path.of("self"));

        RecordingContext ctx = copyWithDeadline();

        assertThat(urls(ctx)).contains(src.resolve("a/self").toString());
        restWasCopied();
    }

    @Test
    void twoDirectoriesLinkingIntoEachOtherAreReported() throws Exception {
        Files.createDirectories(src.resolve("x"));
        Files.createDirectories(src.resolve("y"));
        Files.createSymbolicLink(src.resolve("x/to-y"), src.resolve("y"));
        Files.createSymbolicLink(src.resolve("y/to-x"), src.resolve("x"));

        RecordingContext ctx = copyWithDeadline();

        assertThat(urls(ctx)).anyMatch(u -> u.endsWith("to-x") || u.endsWith("to-y"));
        assertThat(ctx.current().counters().get(Counter.DIRECTORIES_FAILED_TO_LIST_FROM_SOURCE)).isPositive();
        restWasCopied();
    }
}
