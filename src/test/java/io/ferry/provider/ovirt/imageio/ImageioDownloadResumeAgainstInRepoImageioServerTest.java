package io.ferry.provider.ovirt.imageio;

import static org.assertj.core.api.Assertions.assertThat;

import io.ferry.cli.ovirt.LocalTransferContext;
import io.ferry.domain.Direction;
import io.ferry.domain.Transfer;
import io.ferry.domain.TransferPhase;
import io.ferry.provider.ovirt.OvirtOptions;
import io.ferry.provider.ovirt.OvirtProvider;
import io.ferry.provider.ovirt.TestImages;
import io.ferry.provider.ovirt.image.Extent;
import io.ferry.provider.ovirt.server.ImageioServer;
import java.io.RandomAccessFile;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A download resumed after a crash starts at the last point fsynced to the disk, not at the last one reported
 * done: what the page cache held past it may be gone after a power loss. Against the in-repo imageio server on
 * 127.0.0.1 (plain imageio mode), with verification off, so nothing but the resume point keeps the bytes right.
 */
class ImageioDownloadResumeAgainstInRepoImageioServerTest {
    private static final long MIB = 1L << 20;

    @TempDir
    Path dir;

    private ImageioServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private String readTicket(Path image) throws Exception {
        return server.addTicket(UUID.randomUUID().toString(), image, Files.size(image), Set.of("read"),
                Duration.ofMinutes(5));
    }

    @Test
    void aResumeAfterACrashStartsAtTheLastFsyncAndEndsWithTheServersBytes() throws Exception {
        server = ImageioServer.http();
        Path image = TestImages.dense(dir, "disk.raw", (int) (40 * MIB + 123), 9);
        String url = readTicket(image);
        Path target = dir.resolve("out.raw");
        Path part = target.resolveSibling(target.getFileName() + ".part");
        // what the crash left: the first 24 MiB had been reported done, only 8 MiB of them had been fsynced, and
        // the rest of that prefix is not what the server sent (the page cache was lost)
        Files.copy(image, part);
        try (RandomAccessFile f = new RandomAccessFile(part.toFile(), "rw")) {
            byte[] lost = new byte[(int) (16 * MIB)];
            Arrays.fill(lost, (byte) 0x5a);
            f.seek(8 * MIB);
            f.write(lost);
        }
        Transfer t = Transfer.create(UUID.randomUUID().toString(), OvirtProvider.ID, Direction.DOWNLOAD, "disk", url,
                        target.toString(), Map.of(OvirtOptions.IMAGEIO_URL, url, OvirtOptions.VERIFY, "false"),
                        Instant.now())
                .withBytes(24 * MIB, Files.size(image))
                .withAttribute("done_below", Long.toString(24 * MIB))
                .withAttribute("flushed_below", Long.toString(8 * MIB));
        LocalTransferContext ctx = new LocalTransferContext(t, Clock.systemUTC(), null);

        new OvirtProvider().run(ctx);

        assertThat(ctx.current().phase()).isEqualTo(TransferPhase.FINISHED_SUCCESS);
        assertThat(Files.mismatch(image, target)).as("first differing byte").isEqualTo(-1L);
        assertThat(ctx.current().history()).anySatisfy(
                c -> assertThat(c.reason() + " " + ctx.current().message()).contains("resumed at byte " + 8 * MIB));
    }

    @Test
    void aDownloadFsyncsItsPrefixAsItGoesAndReportsOnlyWhatWasDoneBefore() throws Exception {
        server = ImageioServer.http();
        Path image = TestImages.dense(dir, "disk.raw", (int) (40 * MIB), 10);
        ImageioClient client = new ImageioClient(new OkHttpClient(), HttpUrl.get(readTicket(image)), 1);
        ImageioOptions opts = client.options();
        List<Extent> extents = ImageioDownload.plan(client, opts, -1);
        Path out = dir.resolve("out.raw");
        AtomicLong doneBelow = new AtomicLong();
        List<long[]> flushes = new CopyOnWriteArrayList<>(); // {flushed below, done below reported before it}
        DataListener listener = new DataListener() {
            @Override
            public void progress(long bytesDone, long below) {
                doneBelow.accumulateAndGet(below, Math::max);
            }

            @Override
            public void flushed(long below) {
                flushes.add(new long[] {below, doneBelow.get()});
            }
        };
        try (RandomAccessFile raf = new RandomAccessFile(out.toFile(), "rw")) {
            raf.setLength(Files.size(image));
        }
        try (FileChannel ch = FileChannel.open(out, StandardOpenOption.WRITE)) {
            ImageioDownload.run(client, opts, extents, 0, ch, 2, listener, 8 * MIB);
        }

        assertThat(Files.mismatch(image, out)).isEqualTo(-1L);
        assertThat(flushes).as("an fsync about every 8 MiB of finished prefix").hasSizeGreaterThanOrEqualTo(3);
        long last = 0;
        for (long[] f : flushes) {
            assertThat(f[0]).as("never more than was done").isLessThanOrEqualTo(f[1]);
            assertThat(f[0]).as("increasing").isGreaterThan(last);
            last = f[0];
        }
    }
}
