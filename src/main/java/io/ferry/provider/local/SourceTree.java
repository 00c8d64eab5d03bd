package io.ferry.provider.local;

import io.ferry.domain.Counter;
import io.ferry.domain.ErrorCode;
import io.ferry.domain.ErrorLogEntry;
import io.ferry.provider.TransferContext;
import io.ferry.provider.io.IoErrors;
import java.io.IOException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

/**
 * One listing of a source directory tree (symbolic links followed, loops detected and reported): the directories
 * and regular files to copy, with the seed-002 "found" and "listed" counters filled and every directory or entry
 * that could not be read recorded as an error (path as the sample url). Nothing here throws for a bad entry.
 */
final class SourceTree {
    record FileEntry(Path relative, BasicFileAttributes attrs) {}

    final List<Path> directories = new ArrayList<>(); // relative, parents first; "" is the root
    final List<FileEntry> files = new ArrayList<>();
    long bytes;
    /** The code of the first entry that could not be listed or read, or null. */
    ErrorCode firstError;

    static SourceTree list(Path root, TransferContext ctx, Progress progress, LocalCopyHooks hooks)
            throws IOException {
        SourceTree tree = new SourceTree();
        Files.walkFileTree(root, EnumSet.of(FileVisitOption.FOLLOW_LINKS), Integer.MAX_VALUE,
                new SimpleFileVisitor<>() {
                    @Override
                    public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                        progress.count(Counter.DIRECTORIES_FOUND_FROM_SOURCE, 1);
                        try {
                            hooks.beforeList(dir);
                        } catch (IOException e) {
                            listFailed(dir, e);
                            return FileVisitResult.SKIP_SUBTREE;
                        }
                        tree.directories.add(root.relativize(dir));
                        return FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                        progress.count(Counter.OBJECTS_FOUND_FROM_SOURCE, 1);
                        if (!attrs.isRegularFile()) {
                            progress.count(Counter.OBJECTS_FROM_SOURCE_FAILED, 1);
                            tree.failed(ErrorCode.INVALID_ARGUMENT);
                            ctx.recordError(ErrorCode.INVALID_ARGUMENT, ErrorLogEntry.of(file.toString(),
                                    "not a regular file (device, pipe or socket); left out"));
                            return FileVisitResult.CONTINUE;
                        }
                        progress.count(Counter.BYTES_FOUND_FROM_SOURCE, attrs.size());
                        tree.bytes += attrs.size();
                        tree.files.add(new FileEntry(root.relativize(file), attrs));
                        return FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult visitFileFailed(Path file, IOException e) {
                        boolean dir = e instanceof FileSystemLoopException
                                || Files.isDirectory(file, LinkOption.NOFOLLOW_LINKS)
                                || Files.isDirectory(file);
                        if (dir) {
                            progress.count(Counter.DIRECTORIES_FOUND_FROM_SOURCE, 1);
                            listFailed(file, e);
                        } else {
                            progress.count(Counter.OBJECTS_FOUND_FROM_SOURCE, 1);
                            progress.count(Counter.OBJECTS_FROM_SOURCE_FAILED, 1);
                            ErrorCode code = IoErrors.codeOf(e);
                            tree.failed(code);
                            ctx.recordError(code, ErrorLogEntry.of(file.toString(),
                                    IoErrors.describe(e) + "; " + IoErrors.advice(code)));
                        }
                        return FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult postVisitDirectory(Path dir, IOException e) {
                        if (e == null) {
                            progress.count(Counter.DIRECTORIES_SUCCESSFULLY_LISTED_FROM_SOURCE, 1);
                        } else {
                            listFailed(dir, e);
                        }
                        return FileVisitResult.CONTINUE;
                    }

                    private void listFailed(Path dir, IOException e) {
                        progress.count(Counter.DIRECTORIES_FAILED_TO_LIST_FROM_SOURCE, 1);
                        ErrorCode code = IoErrors.codeOf(e);
                        tree.failed(code);
                        ctx.recordError(code, ErrorLogEntry.of(dir.toString(),
                                "directory could not be listed: " + IoErrors.describe(e) + "; "
                                        + IoErrors.advice(code)));
                    }
                });
        return tree;
    }

    private void failed(ErrorCode code) {
        if (firstError == null) {
            firstError = code;
        }
    }
}
