package io.ferry.provider.local;

import io.ferry.domain.ErrorCode;
import io.ferry.provider.TransferContext;
import io.ferry.provider.TransferException;
import io.ferry.provider.TransferStopped;
import io.ferry.provider.io.DataExtents;
import io.ferry.provider.io.Writeback;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Copies one regular file: into {@code .NAME.ferry-part} beside the target, holes kept, fsync, verify by re-reading,
 * then an atomic rename. Resumes from an earlier partial file after re-checking its prefix against the source, block
 * by block, and continues from the first block that differs (never from zero when the prefix is good, never past a
 * bad block).
 *
 * <p>Data paths, measured in docs/local-copy.md: where the source's data regions are known (SEEK_DATA),
 * {@code FileChannel.transferTo} ({@code copy_file_range(2)} on Linux) over each data region, with verification
 * a second thread fingerprinting the source right behind the copy ({@link TrailingHasher}, page-cache reads);
 * elsewhere (or with {@code -Dferry.copy.verifyPath=buffer}) 1 MiB blocks read into direct buffers, fingerprinted
 * on this thread while a second thread writes them ({@link BlockPipeline}). With verification the target is then
 * re-read by two threads. The kernel writes the target back at its own thresholds, as for {@code cp}, and the
 * final fsync writes the rest; early writeback ({@link Writeback}) is a benchmark switch ({@link #EARLY_WRITEBACK}).
 */
final class FileCopier {
    static final String PART_SUFFIX = ".ferry-part";
    /**
     * Dirty target data allowed behind the written end before the copy waits for the device (see Writeback), when
     * early writeback is on. Benchmark switch {@code -Dferry.copy.writebackWindow=BYTES}.
     */
    static final long WRITEBACK_WINDOW = Long.getLong("ferry.copy.writebackWindow", 256L << 20);
    /**
     * Off by default: the kernel starts writing at its own dirty thresholds, as for {@code cp}, and the final fsync
     * (shown as "writing to the disk") writes the rest. Early writeback from the first batch was 2-8 % slower than
     * that on the dense 4 GiB benchmark in four paired runs, with either data path and a 256 MiB or 1 GiB window
     * (docs/local-copy.md). Benchmark switch {@code -Dferry.copy.earlyWriteback=true}.
     */
    static final boolean EARLY_WRITEBACK = "true".equals(System.getProperty("ferry.copy.earlyWriteback"));
    /**
     * Benchmark switch {@code -Dferry.copy.twoThreads=false}: the verifying copy and the re-read run on the copy's
     * own thread only, as before the two-thread paths existed (docs/local-copy.md compares both).
     */
    static final boolean TWO_THREADS = !"false".equals(System.getProperty("ferry.copy.twoThreads"));
    /**
     * The verifying copy's data path where SEEK_DATA works: {@code transfer} (default: copy_file_range plus a
     * thread fingerprinting the source behind it) or {@code buffer} (read, fingerprint and write 1 MiB blocks
     * through user space, the path before). Benchmark switch {@code -Dferry.copy.verifyPath=buffer}. Up to
     * {@link #TWO_THREADS_FROM} bytes to copy the buffer path (on one thread) is used either way.
     */
    static final boolean VERIFY_BY_TRANSFER = !"buffer".equals(System.getProperty("ferry.copy.verifyPath"));
    /**
     * The first {@code transferTo} call of a verifying copy; later calls grow with the speed as without verification
     * ({@link #nextCall}), and during a long call the hasher follows the part file's growth. Benchmark switch
     * {@code -Dferry.copy.verifyChunk=BYTES}.
     */
    static final int VERIFY_TRANSFER_CHUNK = Integer.getInteger("ferry.copy.verifyChunk", 16 << 20);
    /**
     * 1 MiB buffers in flight between the reading and the writing thread of a verifying copy (allocated once per
     * transfer): 32 MiB of slack absorb the scheduling delays of a busy machine, where 8 MiB stalled the pipeline.
     * Benchmark switch {@code -Dferry.copy.pipelineDepth=N}.
     */
    static final int PIPELINE_DEPTH = Math.max(2, Integer.getInteger("ferry.copy.pipelineDepth", 32));
    /**
     * Benchmark switch {@code -Dferry.copy.trace=true}: each copied file prints to stderr how long its copy loop,
     * its final fsync, its verification and its commit took.
     */
    static final boolean TRACE = Boolean.getBoolean("ferry.copy.trace");
    /** The most one {@code copy_file_range(2)} call moves on Linux ({@code MAX_RW_COUNT}): what {@code cp} asks for. */
    static final long MAX_RW_COUNT = Integer.MAX_VALUE & ~4095L;
    /**
     * How long one {@code transferTo} call may take at the speed the last one reached (see {@link #nextCall}).
     * Benchmark switch {@code -Dferry.copy.callSeconds=S}.
     */
    static final double CALL_SECONDS = Double.parseDouble(System.getProperty("ferry.copy.callSeconds", "2"));
    /** How often the progress of a call longer than the first is sampled. */
    static final long CALL_PROGRESS_NANOS = 100_000_000L;

    /** Below this many bytes to copy (or verify) a second thread costs more than it saves. */
    static final long TWO_THREADS_FROM = 2L * BlockIo.BLOCK;
    /** Blocks per stripe when two threads re-read the target for verification (alternate stripes each). */
    static final int VERIFY_STRIPE_BLOCKS = 16;

    enum Outcome {
        COPIED,
        SKIPPED_BY_SYNC,
        /** A resumed transfer found this target already complete from its earlier run. */
        ALREADY_COMPLETE
    }

    private final TransferContext ctx;
    private final LocalOptions options;
    private final LocalCopyHooks hooks;
    private final Progress progress;
    private final int transferChunk;
    private final long maxCall;
    private final BlockIo io = new BlockIo();
    private final long[] fp = new long[2];
    private BlockIo[] ring; // the pipeline's buffers, allocated once per copier (a tree reuses them)
    private BlockIo helperIo; // the second thread's buffer (hasher, verifier), allocated once per copier
    private int calls; // transferTo calls of the current file, and the largest, for the trace
    private long largestCall;

    /**
     * @param transferChunk the first {@code transferTo} call's size (at most {@link #VERIFY_TRANSFER_CHUNK} with
     *                      verification)
     * @param maxCall       the largest call (see {@link #nextCall})
     */
    FileCopier(TransferContext ctx, LocalOptions options, LocalCopyHooks hooks, Progress progress, int transferChunk,
            long maxCall) {
        this.ctx = ctx;
        this.options = options;
        this.hooks = hooks;
        this.progress = progress;
        this.transferChunk = transferChunk;
        this.maxCall = maxCall;
    }

    /** The temporary name a target is written under until it is verified. */
    static Path partOf(Path target) {
        return target.resolveSibling("." + target.getFileName() + PART_SUFFIX);
    }

    /**
     * Copies {@code source} to {@code target}.
     *
     * @param resumeHint   how many bytes an earlier run of this transfer made durable for this file (bounded by the
     *                     partial file's length); 0 for a fresh copy
     * @param resuming     true when this run continues an earlier one (a complete target from that run is kept)
     * @param beforeVerify called once the data is written, before verification (the single-file transfer moves to
     *                     finalizing_success there)
     * @throws TransferException ALREADY_EXISTS, DATA_LOSS (verification failed), ABORTED (source changed),
     *                           FAILED_PRECONDITION; no partial file is left behind
     * @throws IOException       a read or write failed (the partial file is removed)
     * @throws TransferStopped   pause (the partial file is kept, fsynced) or cancel (it is removed)
     */
    Outcome copy(Path source, BasicFileAttributes src, Path target, long resumeHint, boolean resuming,
            Runnable beforeVerify) throws IOException, TransferException, TransferStopped, InterruptedException {
        long size = src.size();
        FileTime mtime = src.lastModifiedTime();
        if (Files.isDirectory(target)) {
            throw new TransferException(ErrorCode.FAILED_PRECONDITION, target.toString(),
                    "a directory is in the way of the file to copy; move it away or choose another target");
        }
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            BasicFileAttributes t = Files.readAttributes(target, BasicFileAttributes.class);
            boolean sameMeta = t.size() == size && sameTime(t.lastModifiedTime(), mtime);
            if (resuming && sameMeta) {
                return Outcome.ALREADY_COMPLETE;
            }
            if (options.sync() && sameMeta && (!options.syncChecksum() || sameContent(source, target, size))) {
                return Outcome.SKIPPED_BY_SYNC;
            }
            if (!options.overwrite()) {
                throw new TransferException(ErrorCode.ALREADY_EXISTS, target.toString(),
                        "the target exists and differs from the source; nothing was changed. Use --overwrite to "
                                + "replace it, or --sync to skip files whose size and time match");
            }
        }
        hooks.beforeRead(source);
        Path part = partOf(target);
        boolean done = false;
        try (FileChannel in = FileChannel.open(source, StandardOpenOption.READ);
                RandomAccessFile raf = new RandomAccessFile(part.toFile(), "rw");
                FileChannel out = raf.getChannel();
                DataExtents extents = DataExtents.of(source, size)) {
            BlockSums sums = new BlockSums(size);
            long start = resumePoint(in, out, part, extents, size, resumeHint, resuming, sums);
            out.truncate(start); // whatever lay beyond the good prefix is rewritten (or becomes a hole again)
            progress.fileOffset(start);
            progress.status(start > 0 ? "resumed at byte " + start : "copying");
            long tCopy = System.nanoTime();
            long tSync = tCopy;
            calls = 0;
            largestCall = 0;
            try (Writeback writeback = EARLY_WRITEBACK ? Writeback.of(part, WRITEBACK_WINDOW, start) : Writeback.NONE) {
                boolean bufferPath = options.verify() && (!VERIFY_BY_TRANSFER || size - start <= TWO_THREADS_FROM);
                if (!extents.sparseAware() || bufferPath) {
                    copyThroughBuffer(in, out, extents, start, size, sums, writeback);
                } else if (options.verify()) {
                    try (TrailingHasher hasher = new TrailingHasher(in, source, part, start, size, sums, helper())) {
                        copyByTransfer(in, out, part, extents, start, size, writeback, hasher);
                        hasher.finish();
                    }
                } else {
                    copyByTransfer(in, out, part, extents, start, size, writeback, null);
                }
                raf.setLength(size); // a trailing hole is length, not data
                tSync = System.nanoTime();
                progress.status("writing to the disk"); // what the page cache still holds: the bar is full meanwhile
                out.force(true);
            } catch (TransferStopped stopped) {
                if (stopped.why() != TransferStopped.Why.CANCEL) {
                    out.force(true); // what the checkpoint reported is on disk before we let go
                }
                throw stopped;
            }
            long tVerify = System.nanoTime();
            hooks.afterWrite(part);
            beforeVerify.run();
            if (options.verify()) {
                progress.status("verifying");
                verify(part, size, sums, target, source, mtime);
            }
            checkSourceUnchanged(source, size, mtime);
            copyMetadata(source, part, mtime);
            long tCommit = System.nanoTime();
            commit(part, target);
            if (TRACE) {
                System.err.printf(java.util.Locale.ROOT, "ferry.copy.trace %s: copy %.2f s (%d copy_file_range calls, the"
                        + " largest %d MiB), fsync %.2f s, verify %.2f s, commit %.2f s%n", target.getFileName(),
                        (tSync - tCopy) / 1e9, calls, largestCall >> 20, (tVerify - tSync) / 1e9,
                        (tCommit - tVerify) / 1e9, (System.nanoTime() - tCommit) / 1e9);
            }
            done = true;
            return Outcome.COPIED;
        } catch (TransferStopped stopped) {
            if (stopped.why() != TransferStopped.Why.CANCEL) {
                done = true; // keep the partial file for resume
            }
            throw stopped;
        } catch (InterruptedException | java.nio.channels.ClosedByInterruptException interrupted) {
            done = true; // the engine is shutting down: the partial file stays resumable
            throw interrupted;
        } finally {
            if (!done) {
                try {
                    Files.deleteIfExists(part);
                } catch (IOException e) {
                    // the original failure matters more; cleanup() tries again
                }
            }
        }
    }

    /**
     * Where to continue: 0 for a fresh copy; on resume, the end of the longest prefix (in whole blocks, up to the
     * durable byte count) whose blocks match the source. Those blocks' fingerprints go into {@code sums}.
     */
    private long resumePoint(FileChannel in, FileChannel out, Path part, DataExtents extents, long size, long hint,
            boolean resuming, BlockSums sums) throws IOException, TransferStopped {
        long have = Math.min(Math.min(hint, out.size()), size);
        if (!resuming || have <= 0) {
            if (resuming && hint > 0) {
                ctx.update(t -> t.withMessage("the partial file of the earlier run is gone; copying from the start"));
            }
            return 0;
        }
        long limit = have == size ? size : (have / BlockIo.BLOCK) * BlockIo.BLOCK;
        // while re-checking, the transfer keeps the bytes it claims: a checkpoint here must not save less (a kill
        // during the re-check would then restart the copy from zero)
        progress.fileOffset(have);
        progress.status("re-checking the " + limit + " bytes written before");
        long[] targetFp = new long[2];
        long pos = 0;
        try (DataExtents partExtents = DataExtents.of(part, out.size())) {
            while (pos < limit) {
                ctx.checkpoint();
                int len = (int) Math.min(BlockIo.BLOCK, size - pos);
                io.fingerprintOf(in, extents, pos, len, fp);
                if (pos + len > out.size()) {
                    break;
                }
                io.fingerprintOf(out, partExtents, pos, len, targetFp);
                if (fp[0] != targetFp[0] || fp[1] != targetFp[1]) {
                    break;
                }
                sums.set(pos, fp);
                pos += len;
            }
        }
        long resumed = pos;
        ctx.update(t -> t.withMessage("resumed at byte " + resumed + " after re-checking the " + limit
                + " bytes written before against the source"));
        return pos;
    }

    /**
     * The verifying copy: every block is read into memory, fingerprinted and written (zero pages left out). Beyond
     * {@link #TWO_THREADS_FROM} bytes the writing runs on a second thread ({@link BlockPipeline}) while this one
     * reads and fingerprints the next blocks.
     */
    private void copyThroughBuffer(FileChannel in, FileChannel out, DataExtents extents, long start, long size,
            BlockSums sums, Writeback writeback) throws IOException, TransferStopped, InterruptedException {
        boolean twoThreads = TWO_THREADS && size - start > TWO_THREADS_FROM;
        try (BlockPipeline pipe = twoThreads ? new BlockPipeline(ring(), out, writeback) : null) {
            copyBlocks(in, out, extents, start, size, sums, writeback, pipe);
            if (pipe != null) {
                pipe.finish();
            }
        }
    }

    private BlockIo helper() {
        if (helperIo == null) {
            helperIo = new BlockIo();
        }
        return helperIo;
    }

    private BlockIo[] ring() {
        if (ring == null) {
            ring = BlockPipeline.buffers(PIPELINE_DEPTH);
        }
        return ring;
    }

    private void copyBlocks(FileChannel in, FileChannel out, DataExtents extents, long start, long size,
            BlockSums sums, Writeback writeback, BlockPipeline pipe)
            throws IOException, TransferStopped, InterruptedException {
        long pos = start;
        long dataStart = -1;
        long dataEnd = -1;
        while (pos < size) {
            ctx.checkpoint();
            int len = (int) Math.min(BlockIo.BLOCK, size - pos);
            if (extents.sparseAware()) {
                if (pos >= dataEnd) {
                    dataStart = extents.nextData(pos);
                    dataEnd = dataStart < size ? extents.nextHole(dataStart) : size;
                }
                if (dataStart >= pos + len) {
                    // a hole covers this block and maybe more: jump to the block holding the next data
                    pos = Math.max(pos + len, (dataStart / BlockIo.BLOCK) * BlockIo.BLOCK);
                    progress.fileOffset(Math.min(pos, size));
                    continue;
                }
            }
            ctx.acquireBandwidth(len);
            if (pipe == null) {
                io.read(in, pos, len);
                io.fingerprint(len, fp);
                sums.set(pos, fp);
                if (fp[0] != 0 || fp[1] != 0) {
                    io.writeSkippingZeroPages(out, pos, len);
                }
                writeback.writtenUpTo(pos + len);
            } else {
                BlockPipeline.Slot slot = pipe.take();
                slot.io.read(in, pos, len);
                slot.io.fingerprint(len, fp);
                sums.set(pos, fp);
                slot.pos = pos;
                slot.len = len;
                slot.data = fp[0] != 0 || fp[1] != 0;
                pipe.submit(slot);
            }
            pos += len;
            progress.fileOffset(pos);
        }
    }

    /**
     * Moves each data region with {@code transferTo} ({@code copy_file_range(2)}): a first call of
     * {@code transferChunk} bytes ({@link #VERIFY_TRANSFER_CHUNK} with a hasher), then calls sized by the speed
     * ({@link #nextCall}), a long one watched for progress ({@link #watchedTransfer}); with a {@code hasher}
     * (verification) tells it how far the copy got, so it fingerprints the source right behind.
     */
    private void copyByTransfer(FileChannel in, FileChannel out, Path part, DataExtents extents, long start,
            long size, Writeback writeback, TrailingHasher hasher)
            throws IOException, TransferStopped, InterruptedException {
        long first = hasher == null ? transferChunk : Math.min(transferChunk, VERIFY_TRANSFER_CHUNK);
        long chunk = first;
        long pos = start;
        while (pos < size) {
            long ds = extents.nextData(pos);
            if (hasher != null) {
                hasher.copiedUpTo(ds); // a hole up to here: nothing to copy, nothing to read
            }
            if (ds >= size) {
                break;
            }
            long de = extents.nextHole(ds);
            long p = ds;
            while (p < de) {
                ctx.checkpoint();
                long n = Math.min(chunk, de - p);
                long t0 = System.nanoTime();
                ctx.acquireBandwidth(n);
                out.position(p);
                long moved = n > first ? watchedTransfer(in, out, part, p, n, hasher) : in.transferTo(p, n, out);
                calls++;
                largestCall = Math.max(largestCall, moved);
                if (moved <= 0) {
                    throw new java.io.EOFException("source ended at " + p + " while copying: it shrank");
                }
                // under a bandwidth limit the copy goes on in steps of the first size, so that it moves, and shows
                // its progress, steadily instead of in bursts after long waits
                chunk = ctx.bandwidthLimit() > 0 ? first : nextCall(moved, System.nanoTime() - t0, first);
                p += moved;
                writeback.writtenUpTo(p);
                if (hasher != null) {
                    hasher.copiedUpTo(p);
                }
                progress.fileOffset(p);
            }
            pos = de;
        }
        progress.fileOffset(size);
    }

    /**
     * The size of the next {@code transferTo} call: what the last call moved per second times
     * {@link #CALL_SECONDS}, between the first call's size and {@link #maxCall}. On fast storage this reaches
     * {@code cp}'s own 2 GiB calls, measured up to 1.8 times faster than 64 MiB calls on the benchmark machine
     * (docs/local-copy.md); on slow storage the calls stay short, so a pause or cancel, taken between calls, waits
     * for at most about that long. Under a bandwidth limit the caller keeps the first size.
     */
    private long nextCall(long moved, long nanos, long first) {
        double perSecond = moved * 1e9 / Math.max(1, nanos);
        return Math.clamp((long) (perSecond * CALL_SECONDS), first, Math.max(first, maxCall));
    }

    /**
     * One long {@code transferTo} call with its progress reported while it runs: the part file grows as the call
     * writes (sequentially: every byte below its size is written), so its size, sampled every
     * {@link #CALL_PROGRESS_NANOS}, is how far the call got. The engine saves it when a checkpoint is due (every
     * second or 64 MiB), as between calls, and the hasher, if any, goes on fingerprinting the source up to there.
     */
    private long watchedTransfer(FileChannel in, FileChannel out, Path part, long p, long n, TrailingHasher hasher)
            throws IOException {
        return CallWatcher.run(() -> in.transferTo(p, n, out), () -> Files.size(part), written -> {
            long at = Math.clamp(written, p, p + n);
            progress.fileOffset(at);
            if (hasher != null) {
                try {
                    hasher.copiedUpTo(at);
                } catch (IOException e) {
                    // the hasher's failure: the copying thread gets it at its own next copiedUpTo
                }
            }
            ctx.checkpointProgress();
        }, CALL_PROGRESS_NANOS);
    }

    /**
     * Re-reads the part file and compares each block's fingerprint with the source's. Beyond
     * {@link #TWO_THREADS_FROM} bytes a second thread takes every other stripe of {@link #VERIFY_STRIPE_BLOCKS}
     * blocks (the re-read is mostly page-cache copies and hashing, i.e. CPU, so two cores halve it); the first
     * differing block either thread finds is reported.
     */
    private void verify(Path part, long size, BlockSums sums, Path target, Path source, FileTime mtime)
            throws IOException, TransferException, TransferStopped, InterruptedException {
        try (FileChannel re = FileChannel.open(part, StandardOpenOption.READ)) {
            if (re.size() != size) {
                throw new TransferException(ErrorCode.DATA_LOSS, target.toString(), "verification failed: the target"
                        + " has " + re.size() + " bytes, the source " + size + "; the partial target was removed");
            }
            AtomicLong firstBad = new AtomicLong(Long.MAX_VALUE);
            AtomicBoolean stop = new AtomicBoolean();
            long stripe = (long) VERIFY_STRIPE_BLOCKS * BlockIo.BLOCK;
            if (!TWO_THREADS || size <= TWO_THREADS_FROM) {
                verifyStripes(re, part, size, sums, 0, 1, stripe, firstBad, stop, io, true);
            } else {
                BlockIo helperIo = helper();
                AtomicReference<Throwable> helperFailure = new AtomicReference<>();
                Thread helper = Thread.ofPlatform().name("ferry-copy-verifier").daemon(true).start(() -> {
                    try {
                        verifyStripes(re, part, size, sums, 1, 2, stripe, firstBad, stop, helperIo, false);
                    } catch (Throwable t) {
                        helperFailure.set(t);
                        stop.set(true);
                    }
                });
                try {
                    verifyStripes(re, part, size, sums, 0, 2, stripe, firstBad, stop, io, true);
                } catch (Throwable t) {
                    stop.set(true); // pause, cancel or a read error: the helper stops at its next block
                    throw t;
                } finally {
                    helper.join();
                }
                Throwable t = helperFailure.get();
                if (t instanceof IOException e) {
                    throw e;
                } else if (t instanceof RuntimeException e) {
                    throw e;
                } else if (t instanceof Error e) {
                    throw e;
                }
            }
            long bad = firstBad.get();
            if (bad != Long.MAX_VALUE) {
                checkSourceUnchanged(source, size, mtime); // a source changed under the copy: ABORTED, retried
                throw new TransferException(ErrorCode.DATA_LOSS, target.toString(), "verification failed: the "
                        + "block at byte " + bad + " differs between the source as read and the target as "
                        + "written; the partial target was removed");
            }
        }
    }

    /**
     * Compares stripes {@code first, first+step, ...} of the part file with the source's fingerprints; stops at a
     * mismatch (recorded in {@code firstBad}, lowest offset wins) or when {@code firstBad} is set by the other
     * thread, or when {@code stop} is set. Only the {@code main} thread takes checkpoints and reports progress.
     */
    private void verifyStripes(FileChannel re, Path part, long size, BlockSums sums, long first, int step,
            long stripe, AtomicLong firstBad, AtomicBoolean stop, BlockIo buf, boolean main)
            throws IOException, TransferStopped {
        long[] got = new long[2];
        long lastReport = 0;
        try (DataExtents partExtents = DataExtents.of(part, size)) {
            for (long s = first * stripe; s < size; s += step * stripe) {
                long end = Math.min(size, s + stripe);
                for (long pos = s; pos < end; pos += BlockIo.BLOCK) {
                    if (main) {
                        ctx.checkpoint();
                    }
                    if (stop.get() || firstBad.get() != Long.MAX_VALUE) {
                        return; // the other thread found a difference or failed, or this copy stops
                    }
                    int len = (int) Math.min(BlockIo.BLOCK, size - pos);
                    buf.fingerprintOf(re, partExtents, pos, len, got);
                    if (!sums.matches(pos, got)) {
                        long at = pos;
                        firstBad.accumulateAndGet(at, Math::min);
                        return;
                    }
                    if (main && pos - lastReport >= 64L * BlockIo.BLOCK) {
                        lastReport = pos;
                        progress.status("verifying " + (100 * pos / size) + "%");
                    }
                }
            }
        }
    }

    private void checkSourceUnchanged(Path source, long size, FileTime mtime) throws IOException, TransferException {
        BasicFileAttributes now = Files.readAttributes(source, BasicFileAttributes.class);
        if (now.size() != size || !sameTime(now.lastModifiedTime(), mtime)) {
            throw new TransferException(ErrorCode.ABORTED, source.toString(),
                    "the source changed while it was copied; the partial target was removed, retry the copy");
        }
    }

    private static void copyMetadata(Path source, Path part, FileTime mtime) throws IOException {
        try {
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(source);
            Files.setPosixFilePermissions(part, perms);
        } catch (UnsupportedOperationException | IOException notPosix) {
            // permissions are best effort (another file system, another owner); the data is what counts
        }
        Files.setLastModifiedTime(part, mtime);
    }

    private void commit(Path part, Path target) throws IOException, TransferException {
        if (!options.overwrite() && Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            throw new TransferException(ErrorCode.ALREADY_EXISTS, target.toString(),
                    "the target appeared while copying; it was left as it is. Use --overwrite to replace it");
        }
        Files.move(part, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        fsyncDirectory(target.toAbsolutePath().getParent());
    }

    static void fsyncDirectory(Path dir) {
        if (dir == null) {
            return;
        }
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException notSupported) {
            // some platforms cannot open a directory for fsync; the rename itself is still atomic
        }
    }

    /** sync.checksum: whole-content comparison by block fingerprints. */
    private boolean sameContent(Path a, Path b, long size) throws IOException, TransferStopped {
        long[] fb = new long[2];
        try (FileChannel ca = FileChannel.open(a, StandardOpenOption.READ);
                FileChannel cb = FileChannel.open(b, StandardOpenOption.READ);
                DataExtents ea = DataExtents.of(a, size);
                DataExtents eb = DataExtents.of(b, size)) {
            for (long pos = 0; pos < size; pos += BlockIo.BLOCK) {
                ctx.checkpoint();
                int len = (int) Math.min(BlockIo.BLOCK, size - pos);
                io.fingerprintOf(ca, ea, pos, len, fp);
                io.fingerprintOf(cb, eb, pos, len, fb);
                if (fp[0] != fb[0] || fp[1] != fb[1]) {
                    return false;
                }
            }
            return true;
        }
    }

    static boolean sameTime(FileTime a, FileTime b) {
        return a.to(TimeUnit.MILLISECONDS) == b.to(TimeUnit.MILLISECONDS);
    }
}
