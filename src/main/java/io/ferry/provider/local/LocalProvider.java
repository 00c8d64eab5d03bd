package io.ferry.provider.local;

import io.ferry.domain.Counter;
import io.ferry.domain.ErrorCode;
import io.ferry.domain.ErrorLogEntry;
import io.ferry.domain.PhaseAction;
import io.ferry.domain.PhaseTransitions;
import io.ferry.domain.Transfer;
import io.ferry.domain.TransferPhase;
import io.ferry.provider.Provider;
import io.ferry.provider.TransferContext;
import io.ferry.provider.TransferException;
import io.ferry.provider.TransferStopped;
import io.ferry.provider.io.IoErrors;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Provider {@code local}: Ferry's embedded default, copying a file or a directory tree between local disks with no
 * server. Options are in {@link LocalOptions}; the design (data paths, checksums, sparse files, resume) is in
 * docs/local-copy.md.
 *
 * <p>Phases: the engine moves the transfer to transferring before {@link #run}; the provider moves it to
 * finalizing_success (action finalize) when all data is written and the final verify and rename begin, and leaves
 * the final phase to the engine. A tree in which some entries failed still copies the rest, then fails with the
 * first failure's code and everything in the breakdown.
 */
public final class LocalProvider implements Provider {
    public static final String ID = "local";
    /** Attribute naming the partial file being written, so {@link #cleanup} finds it after a restart. */
    public static final String ATTR_PART = "local.partialFile";
    static final int DEFAULT_TRANSFER_CHUNK = Integer.getInteger("ferry.copy.transferChunk", 64 << 20);
    /**
     * The largest {@code copy_file_range} call of a copy, with or without verification: {@code cp}'s 2 GiB, or an
     * eighth of the memory on a smaller machine, where a 2 GiB call would outgrow the page cache's room for dirty
     * data and run at the disk's speed from its start (see FileCopier#nextCall). Benchmark switch
     * {@code -Dferry.copy.maxCall=BYTES}.
     */
    static final long DEFAULT_MAX_CALL = Long.getLong("ferry.copy.maxCall",
            Math.min(FileCopier.MAX_RW_COUNT, Math.max(DEFAULT_TRANSFER_CHUNK, physicalMemory() / 8)));

    private final LocalCopyHooks hooks;
    private final int transferChunk;
    private final long maxCall;

    public LocalProvider() {
        this(LocalCopyHooks.NONE, DEFAULT_TRANSFER_CHUNK, DEFAULT_MAX_CALL);
    }

    /** Every {@code copy_file_range} call moves at most {@code transferChunk} bytes (tests that count checkpoints). */
    LocalProvider(LocalCopyHooks hooks, int transferChunk) {
        this(hooks, transferChunk, transferChunk);
    }

    LocalProvider(LocalCopyHooks hooks, int transferChunk, long maxCall) {
        this.hooks = hooks;
        this.transferChunk = transferChunk;
        this.maxCall = maxCall;
    }

    /**
     * The machine's memory from {@code /proc/meminfo} (Linux, where the copy runs on {@code copy_file_range}); 8 GiB
     * where it cannot be read, so calls stay at 1 GiB. Not through {@code jdk.management}, which the installers'
     * runtime image leaves out.
     */
    static long physicalMemory() {
        try {
            for (String line : java.nio.file.Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemTotal:")) {
                    String kib = line.substring("MemTotal:".length()).replace("kB", "").trim();
                    return Long.parseLong(kib) * 1024;
                }
            }
        } catch (java.io.IOException | RuntimeException e) {
            // not Linux, or an unusual /proc: the fallback below
        }
        return 8L << 30;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public void run(TransferContext ctx) throws TransferException, TransferStopped, InterruptedException {
        Transfer t = ctx.current();
        LocalOptions options;
        try {
            options = LocalOptions.from(t.options());
        } catch (IllegalArgumentException e) {
            throw new TransferException(ErrorCode.INVALID_ARGUMENT, "", e.getMessage());
        }
        Path source = path(t.source(), "source");
        Path target = path(t.target(), "target");
        BasicFileAttributes attrs = sourceAttributes(source);
        boolean resuming = t.bytesDone() > 0 || t.objectsDone() > 0;
        Progress progress = new Progress(ctx);
        FileCopier copier = new FileCopier(ctx, options, hooks, progress, transferChunk, maxCall);
        if (attrs.isRegularFile()) {
            copyFile(ctx, copier, progress, source, attrs, resolveFileTargetChecked(source, target), t.bytesDone(), resuming);
        } else if (attrs.isDirectory()) {
            checkTreeTarget(source, target);
            copyTree(ctx, copier, progress, source, target, resuming);
        } else {
            throw new TransferException(ErrorCode.INVALID_ARGUMENT, source.toString(),
                    "the source is neither a regular file nor a directory (a device, pipe or socket); choose a file "
                            + "or a directory");
        }
    }

    @Override
    public void cleanup(Transfer transfer) throws TransferException {
        try {
            String recorded = transfer.attributes().get(ATTR_PART);
            if (recorded != null && recorded.endsWith(FileCopier.PART_SUFFIX)) {
                Files.deleteIfExists(Path.of(recorded));
            }
            if (!transfer.source().isBlank() && !transfer.target().isBlank()) {
                Path source = Path.of(transfer.source());
                Path target = Path.of(transfer.target());
                if (Files.isRegularFile(source)) {
                    Files.deleteIfExists(FileCopier.partOf(resolveFileTarget(source, target)));
                }
            }
        } catch (IOException | InvalidPathException e) {
            throw new TransferException(ErrorCode.UNKNOWN, transfer.target(),
                    "could not remove the partial file: " + e.getMessage());
        }
    }

    private void copyFile(TransferContext ctx, FileCopier copier, Progress progress, Path source,
            BasicFileAttributes attrs, Path target, long resumeHint, boolean resuming)
            throws TransferException, TransferStopped, InterruptedException {
        progress.touch(Counter.OBJECTS_FROM_SOURCE_SKIPPED_BY_SYNC);
        progress.touch(Counter.OBJECTS_FROM_SOURCE_FAILED);
        progress.touch(Counter.OBJECTS_COPIED_TO_SINK);
        progress.count(Counter.OBJECTS_FOUND_FROM_SOURCE, 1);
        progress.count(Counter.BYTES_FOUND_FROM_SOURCE, attrs.size());
        progress.totals(attrs.size(), 1);
        ctx.update(t -> t.withAttribute(ATTR_PART, FileCopier.partOf(target).toString()));
        FileCopier.Outcome outcome;
        try {
            outcome = copier.copy(source, attrs, target, resumeHint, resuming,
                    () -> enterFinalizing(ctx, "data written; verifying and renaming"));
        } catch (java.nio.channels.ClosedByInterruptException e) {
            throw interrupted(e);
        } catch (IOException e) {
            progress.count(Counter.OBJECTS_FROM_SOURCE_FAILED, 1);
            progress.count(Counter.BYTES_FROM_SOURCE_FAILED, attrs.size());
            progress.publish();
            ErrorCode code = IoErrors.codeOf(e);
            throw new TransferException(code, source.toString(), IoErrors.describe(e) + "; " + IoErrors.advice(code), e);
        } catch (TransferException e) {
            progress.count(Counter.OBJECTS_FROM_SOURCE_FAILED, 1);
            progress.count(Counter.BYTES_FROM_SOURCE_FAILED, attrs.size());
            progress.publish();
            throw e;
        }
        countOutcome(progress, outcome, attrs.size());
        progress.objectDone(attrs.size());
        progress.status(outcome == FileCopier.Outcome.SKIPPED_BY_SYNC ? "skipped: unchanged" : "copied");
        enterFinalizing(ctx, "copied");
    }

    private void copyTree(TransferContext ctx, FileCopier copier, Progress progress, Path source, Path target,
            boolean resuming) throws TransferException, TransferStopped, InterruptedException {
        for (Counter c : new Counter[] {Counter.OBJECTS_FOUND_FROM_SOURCE, Counter.BYTES_FOUND_FROM_SOURCE,
            Counter.OBJECTS_COPIED_TO_SINK, Counter.BYTES_COPIED_TO_SINK, Counter.OBJECTS_FROM_SOURCE_SKIPPED_BY_SYNC,
            Counter.BYTES_FROM_SOURCE_SKIPPED_BY_SYNC, Counter.OBJECTS_FROM_SOURCE_FAILED,
            Counter.BYTES_FROM_SOURCE_FAILED, Counter.DIRECTORIES_FOUND_FROM_SOURCE,
            Counter.DIRECTORIES_SUCCESSFULLY_LISTED_FROM_SOURCE, Counter.DIRECTORIES_FAILED_TO_LIST_FROM_SOURCE}) {
            progress.touch(c);
        }
        progress.status("listing the source");
        SourceTree tree;
        try {
            tree = SourceTree.list(source, ctx, progress, hooks);
        } catch (IOException e) {
            ErrorCode code = IoErrors.codeOf(e);
            throw new TransferException(code, source.toString(), "could not list the source: " + IoErrors.describe(e));
        }
        progress.totals(tree.bytes, tree.files.size());
        ErrorCode firstFailure = tree.firstError;
        int failedDirs = 0;
        for (Path rel : tree.directories) {
            Path dir = target.resolve(rel.toString());
            try {
                Files.createDirectories(dir);
            } catch (IOException e) {
                failedDirs++;
                ErrorCode code = IoErrors.codeOf(e);
                firstFailure = firstFailure == null ? code : firstFailure;
                ctx.recordError(code, ErrorLogEntry.of(dir.toString(),
                        "could not create the target directory: " + IoErrors.describe(e)));
            }
        }
        for (SourceTree.FileEntry f : tree.files) {
            ctx.checkpoint();
            Path from = source.resolve(f.relative().toString());
            Path to = target.resolve(f.relative().toString());
            long size = f.attrs().size();
            ctx.update(t -> t.withAttribute(ATTR_PART, FileCopier.partOf(to).toString()));
            progress.status("copying " + f.relative());
            ErrorCode code = null;
            ErrorLogEntry sample = null;
            try {
                BasicFileAttributes now = Files.readAttributes(from, BasicFileAttributes.class);
                FileCopier.Outcome outcome = copier.copy(from, now, to, resuming ? Long.MAX_VALUE : 0, resuming, () -> {});
                countOutcome(progress, outcome, now.size());
            } catch (java.nio.channels.ClosedByInterruptException e) {
                throw interrupted(e);
            } catch (IOException e) {
                code = IoErrors.codeOf(e);
                sample = ErrorLogEntry.of(from.toString(), IoErrors.describe(e) + "; " + IoErrors.advice(code));
            } catch (TransferException e) {
                code = e.code();
                sample = e.sample();
            }
            if (code != null) {
                firstFailure = firstFailure == null ? code : firstFailure;
                progress.count(Counter.OBJECTS_FROM_SOURCE_FAILED, 1);
                progress.count(Counter.BYTES_FROM_SOURCE_FAILED, size);
                ctx.recordError(code, sample);
            }
            progress.objectDone(size);
        }
        ctx.update(t -> t.withAttribute(ATTR_PART, ""));
        long failedFiles = progress.get(Counter.OBJECTS_FROM_SOURCE_FAILED);
        long unlisted = progress.get(Counter.DIRECTORIES_FAILED_TO_LIST_FROM_SOURCE);
        if (firstFailure != null) {
            progress.status("finished with errors");
            throw new TransferException(firstFailure, source.toString(), failedFiles + " of "
                    + progress.get(Counter.OBJECTS_FOUND_FROM_SOURCE) + " files, " + unlisted + " directories to list and "
                    + failedDirs + " directories to create failed; everything else was copied. See the error breakdown");
        }
        progress.status("copied");
        enterFinalizing(ctx, "tree copied");
    }

    /** An interrupt during channel I/O closes the channel: report it as the interrupt it is. */
    private static InterruptedException interrupted(java.nio.channels.ClosedByInterruptException e) {
        InterruptedException ie = new InterruptedException("interrupted while copying");
        ie.initCause(e);
        return ie;
    }

    private static void countOutcome(Progress progress, FileCopier.Outcome outcome, long size) {
        if (outcome == FileCopier.Outcome.SKIPPED_BY_SYNC) {
            progress.count(Counter.OBJECTS_FROM_SOURCE_SKIPPED_BY_SYNC, 1);
            progress.count(Counter.BYTES_FROM_SOURCE_SKIPPED_BY_SYNC, size);
        } else {
            progress.count(Counter.OBJECTS_COPIED_TO_SINK, 1);
            progress.count(Counter.BYTES_COPIED_TO_SINK, size);
        }
    }

    /** transferring → finalizing_success when all data is written; a no-op from any other phase. */
    private static void enterFinalizing(TransferContext ctx, String reason) {
        TransferPhase now = ctx.current().phase();
        if (PhaseTransitions.allows(now, PhaseAction.FINALIZE, TransferPhase.FINALIZING_SUCCESS)) {
            ctx.moveTo(TransferPhase.FINALIZING_SUCCESS, PhaseAction.FINALIZE, reason);
        }
    }

    private static Path path(String raw, String what) throws TransferException {
        if (raw == null || raw.isBlank()) {
            throw new TransferException(ErrorCode.INVALID_ARGUMENT, "", "no " + what + " path was given; name a "
                    + what + " file or directory");
        }
        try {
            return Path.of(raw).toAbsolutePath().normalize();
        } catch (InvalidPathException e) {
            throw new TransferException(ErrorCode.INVALID_ARGUMENT, raw, "the " + what + " is not a valid path: "
                    + e.getReason());
        }
    }

    private BasicFileAttributes sourceAttributes(Path source) throws TransferException {
        try {
            return Files.readAttributes(source, BasicFileAttributes.class);
        } catch (IOException e) {
            ErrorCode code = IoErrors.codeOf(e);
            String what = code == ErrorCode.NOT_FOUND ? "the source does not exist; check the path"
                    : "the source cannot be read: " + IoErrors.describe(e) + "; " + IoErrors.advice(code);
            throw new TransferException(code, source.toString(), what);
        }
    }

    /** A file copied onto an existing directory goes inside it, as cp does. */
    static Path resolveFileTarget(Path source, Path target) {
        return Files.isDirectory(target) ? target.resolve(source.getFileName().toString()) : target;
    }

    private static Path checkedParent(Path target) throws TransferException {
        Path parent = target.toAbsolutePath().getParent();
        if (parent == null || !Files.isDirectory(parent)) {
            throw new TransferException(ErrorCode.FAILED_PRECONDITION, target.toString(), "the target's directory "
                    + parent + " does not exist; create it first or choose another target");
        }
        return parent;
    }

    private static void checkTreeTarget(Path source, Path target) throws TransferException {
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS) && !Files.isDirectory(target)) {
            throw new TransferException(ErrorCode.FAILED_PRECONDITION, target.toString(),
                    "the source is a directory but the target is an existing file; choose a directory as the target");
        }
        Path parent = checkedParent(target);
        try {
            Path realSource = source.toRealPath();
            Path realTarget = parent.toRealPath().resolve(target.getFileName().toString());
            if (realTarget.startsWith(realSource)) {
                throw new TransferException(ErrorCode.FAILED_PRECONDITION, target.toString(), "the target is inside "
                        + "the source " + source + ", so the copy would copy itself; choose a target outside it");
            }
        } catch (IOException e) {
            throw new TransferException(IoErrors.codeOf(e), target.toString(), IoErrors.describe(e));
        }
    }

    private Path resolveFileTargetChecked(Path source, Path target) throws TransferException {
        Path resolved = resolveFileTarget(source, target);
        checkedParent(resolved);
        try {
            if (Files.exists(resolved) && Files.isSameFile(source, resolved)) {
                throw new TransferException(ErrorCode.INVALID_ARGUMENT, resolved.toString(),
                        "the source and the target are the same file; choose another target");
            }
        } catch (IOException e) {
            throw new TransferException(IoErrors.codeOf(e), resolved.toString(), IoErrors.describe(e));
        }
        return resolved;
    }
}
