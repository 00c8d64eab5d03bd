package io.ferry.provider.ovirt.imageio;

import io.ferry.provider.TransferException;
import io.ferry.provider.TransferStopped;
import io.ferry.provider.ovirt.http.HttpFailures;
import io.ferry.provider.ovirt.image.Extent;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Checks that the image on the server and the local file hold the same bytes: imageio's blkhash checksum against
 * the same hash computed locally (both at once) when the server offers it, else every byte read back and compared.
 */
public final class ImageioVerify {
    private ImageioVerify() {}

    /** How the check was made, for the transfer's attributes. */
    public record Outcome(String method, String checksum) {}

    /**
     * @param serverSize the image size on the server when known (-1 if not): the checksum covers the whole image,
     *                   so it is used only when that equals {@code length}; otherwise the bytes are read back
     */
    public static Outcome verify(ImageioClient client, Path file, long length, long serverSize, int threads,
            DataListener listener) throws TransferException, TransferStopped, InterruptedException, IOException {
        if (serverSize == length && client.offersChecksum()) {
            String[] sums = bothChecksums(client, file, length, threads);
            String remote = sums[0];
            String local = sums[1];
            if (!local.equalsIgnoreCase(remote)) {
                throw HttpFailures.dataLoss(client.shownUrl(), "checksum mismatch: the server's image has blkhash "
                        + remote + ", the local file " + local);
            }
            return new Outcome("checksum", local);
        }
        compareByReading(client, file, length, threads, listener);
        return new Outcome("read-back", "");
    }

    /**
     * {server's, local} blkhash, computed at the same time: the local file is hashed on other threads while the
     * server reads and hashes its image, so the check takes the longer of the two rather than their sum.
     */
    private static String[] bothChecksums(ImageioClient client, Path file, long length, int threads)
            throws TransferException, InterruptedException, IOException {
        FutureTask<String> local = new FutureTask<>(() -> Blkhash.ofFile(file, length, Blkhash.BLOCK_SIZE, threads, null));
        Thread.ofPlatform().daemon().name("blkhash-local").start(local);
        boolean done = false;
        try {
            String remote = client.serverChecksum();
            String mine;
            try {
                mine = local.get();
            } catch (ExecutionException e) {
                switch (e.getCause()) {
                    case IOException io -> throw io;
                    case InterruptedException ie -> throw ie;
                    case RuntimeException re -> throw re;
                    case Error er -> throw er;
                    default -> throw new IOException("checksum of " + file + " failed: " + e.getCause(), e.getCause());
                }
            }
            done = true;
            return new String[] {remote, mine};
        } finally {
            if (!done) {
                local.cancel(true); // the server's answer failed (or this thread was interrupted): stop hashing
            }
        }
    }

    private static void compareByReading(ImageioClient client, Path file, long length, int threads,
            DataListener listener) throws TransferException, TransferStopped, InterruptedException, IOException {
        long at = firstDifference(client, file, 0, length, threads, listener);
        if (at < length) {
            throw HttpFailures.dataLoss(client.shownUrl(), "read-back mismatch at byte " + at
                    + ": the server's image differs from the local file");
        }
    }

    /**
     * Reads {@code [from, length)} back from the server ({@code threads} ranged GETs at once) and compares it with
     * the local file: the offset of the first byte that differs, or {@code length} when every byte matches. Used by
     * the read-back verification and to re-check what an interrupted upload had sent before it continues.
     */
    public static long firstDifference(ImageioClient client, Path file, long from, long length, int threads,
            DataListener listener) throws TransferException, TransferStopped, InterruptedException, IOException {
        WorkPlan plan = new WorkPlan(length <= from ? List.of() : List.of(new Extent(from, length - from, false)),
                ImageioUpload.CHUNK, ImageioUpload.CHUNK);
        AtomicLong first = new AtomicLong(Math.max(0, length));
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            Workers.run(Math.max(1, Math.min(threads, plan.size())), "imageio-verify", stop -> {
                byte[] remote = new byte[ImageioUpload.CHUNK];
                byte[] local = new byte[ImageioUpload.CHUNK];
                // items come in offset order: once a difference is known, later items cannot hold an earlier one
                for (WorkPlan.Item it = plan.take(); it != null && !stop.get() && it.start() < first.get(); it = plan.take()) {
                    listener.checkpoint();
                    int len = (int) it.length();
                    client.get(it.start(), remote, len);
                    Blkhash.readFully(ch, local, it.start(), len);
                    int at = Arrays.mismatch(remote, 0, len, local, 0, len);
                    if (at >= 0) {
                        first.accumulateAndGet(it.start() + at, Math::min);
                    }
                }
            });
        }
        return first.get();
    }
}
