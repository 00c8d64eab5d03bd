package io.ferry.provider.ovirt.imageio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ferry.cli.ovirt.LocalTransferContext;
import io.ferry.domain.Direction;
import io.ferry.domain.ErrorCode;
import io.ferry.domain.Transfer;
import io.ferry.domain.TransferPhase;
import io.ferry.provider.TransferException;
import io.ferry.provider.TransferStopped;
import io.ferry.provider.ovirt.OvirtOptions;
import io.ferry.provider.ovirt.OvirtProvider;
import io.ferry.provider.ovirt.TestImages;
import io.ferry.provider.ovirt.server.ImageioServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okio.BufferedSink;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Faults injected into the in-repo imageio server: 503 bursts, a dropped PUT, slow replies, an expired ticket. */
class ImageioFaultsAgainstInRepoImageioServerTest {
    private static final int MIB = 1024 * 1024;

    @TempDir
    Path dir;

    private ImageioServer server;
    private final OvirtProvider provider = new OvirtProvider();

    @BeforeEach
    void start() throws Exception {
        server = ImageioServer.http();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private String ticket(String id, long size, Duration timeout) throws Exception {
        Path backing = Files.createTempFile(dir, "ticket", ".img");
        return server.addTicket(id, backing, size, Set.of("read", "write"), timeout);
    }

    private LocalTransferContext context(Direction d, Path file, String url) {
        Transfer t = Transfer.create(UUID.randomUUID().toString(), "ovirt", d, "t",
                d == Direction.UPLOAD ? file.toString() : url, d == Direction.UPLOAD ? url : file.toString(),
                Map.of(OvirtOptions.IMAGEIO_URL, url), Instant.now());
        return new LocalTransferContext(t, Clock.systemUTC(), null);
    }

    @Test
    void aServerImageThatNoLongerMatchesTheSourceFailsTheChecksumWithDataLoss() throws Exception {
        // sparse: holes are skipped by both hashes, so a byte written into what is a hole in the source must still count
        long size = 24L * MIB;
        Path src = TestImages.sparse(dir, "v.raw", size, 2, MIB, 31);
        String id = UUID.randomUUID().toString();
        String url = ticket(id, size, Duration.ofMinutes(5));
        LocalTransferContext up = context(Direction.UPLOAD, src, url);
        provider.run(up);
        assertThat(up.current().attributes()).containsEntry("verified", "checksum");
        ImageioClient client = new ImageioClient(new OkHttpClient(), HttpUrl.get(url), 1);
        DataListener quiet = (bytes, below) -> {};
        assertThat(ImageioVerify.verify(client, src, size, size, 2, quiet).method()).isEqualTo("checksum");

        try (var f = new java.io.RandomAccessFile(server.ticket(id).file().toFile(), "rw")) {
            f.seek(size - 5 * MIB); // inside the source's last hole
            f.write(0x5a);
        }

        assertThatThrownBy(() -> ImageioVerify.verify(client, src, size, size, 2, quiet))
                .isInstanceOfSatisfying(TransferException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.DATA_LOSS);
                    assertThat(e.getMessage()).contains("checksum mismatch");
                });
    }

    @Test
    void aBurstOf503IsRetriedAndTheUploadCompletes() throws Exception {
        Path src = TestImages.dense(dir, "a.raw", 24 * MIB, 3);
        String url = ticket(UUID.randomUUID().toString(), Files.size(src), Duration.ofMinutes(5));
        server.fail503(4);

        LocalTransferContext ctx = context(Direction.UPLOAD, src, url);
        provider.run(ctx);

        assertThat(server.served503.get()).isEqualTo(4);
        assertThat(ctx.current().phase()).isEqualTo(TransferPhase.FINISHED_SUCCESS);
        Path out = dir.resolve("a-back.raw");
        provider.run(context(Direction.DOWNLOAD, out, url));
        assertThat(TestImages.sameBytes(src, out)).isTrue();
    }

    @Test
    void aConnectionDroppedMidPutIsRetriedAndNoByteIsLost() throws Exception {
        Path src = TestImages.dense(dir, "b.raw", 24 * MIB, 4);
        String url = ticket(UUID.randomUUID().toString(), Files.size(src), Duration.ofMinutes(5));
        server.dropNextPuts(2);

        provider.run(context(Direction.UPLOAD, src, url));

        assertThat(server.droppedPuts.get()).isEqualTo(2);
        Path out = dir.resolve("b-back.raw");
        provider.run(context(Direction.DOWNLOAD, out, url));
        assertThat(TestImages.sameBytes(src, out)).isTrue();
    }

    @Test
    void slowRepliesStillComplete() throws Exception {
        Path src = TestImages.dense(dir, "c.raw", 9 * MIB, 5);
        String url = ticket(UUID.randomUUID().toString(), Files.size(src), Duration.ofMinutes(5));
        server.delay(Duration.ofMillis(150));

        LocalTransferContext ctx = context(Direction.UPLOAD, src, url);
        provider.run(ctx);
        assertThat(ctx.current().phase()).isEqualTo(TransferPhase.FINISHED_SUCCESS);
    }

    @Test
    void anExpiredTicketFailsWithPermissionDeniedAndTheTicketIsNotInTheMessage() throws Exception {
        Path src = TestImages.dense(dir, "d.raw", 2 * MIB, 6);
        String id = UUID.randomUUID().toString();
        String url = ticket(id, Files.size(src), Duration.ofMillis(1));
        Thread.sleep(5); // let the 1 ms ticket lapse (the server compares wall clock times)

        assertThatThrownBy(() -> provider.run(context(Direction.UPLOAD, src, url)))
                .isInstanceOfSatisfying(TransferException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.PERMISSION_DENIED);
                    assertThat(e.getMessage()).contains("Ticket expired").doesNotContain(id);
                    assertThat(e.sample().url()).contains("/images/***").doesNotContain(id);
                });
    }

    @Test
    void aRangeOutsideTheImageIsOutOfRange() throws Exception {
        String url = ticket(UUID.randomUUID().toString(), MIB, Duration.ofMinutes(5));
        ImageioClient c = new ImageioClient(new OkHttpClient(), HttpUrl.get(url), 1);
        assertThatThrownBy(() -> c.put(MIB - 10, new byte[100], 100))
                .isInstanceOfSatisfying(TransferException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.OUT_OF_RANGE));
        assertThatThrownBy(() -> c.get(MIB - 10, new byte[100], 100))
                .isInstanceOfSatisfying(TransferException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.OUT_OF_RANGE));
    }

    @Test
    void theServerRejectsChunkedBodiesAsImageioDoesAndFerryNeverSendsThem() throws Exception {
        String url = ticket(UUID.randomUUID().toString(), MIB, Duration.ofMinutes(5));
        RequestBody chunked = new RequestBody() {
            @Override
            public MediaType contentType() {
                return null;
            }

            @Override
            public long contentLength() {
                return -1; // unknown length: OkHttp sends it chunked
            }

            @Override
            public void writeTo(BufferedSink sink) throws java.io.IOException {
                sink.write(new byte[1000]);
            }
        };
        Request req = new Request.Builder().url(url).put(chunked).header("Content-Range", "bytes 0-999/*").build();
        try (Response r = new OkHttpClient().newCall(req).execute()) {
            assertThat(r.code()).isEqualTo(400);
        }
        assertThat(server.chunkedRejected.get()).isEqualTo(1);

        Path src = TestImages.dense(dir, "e.raw", MIB, 8);
        provider.run(context(Direction.UPLOAD, src, url));
        assertThat(server.chunkedRejected.get()).as("Ferry's PUTs are fixed-length").isEqualTo(1);
    }

    @Test
    void aCancelledDownloadLeavesNoFileLookingComplete() throws Exception {
        Path src = TestImages.dense(dir, "f.raw", 16 * MIB, 9);
        String url = ticket(UUID.randomUUID().toString(), Files.size(src), Duration.ofMinutes(5));
        provider.run(context(Direction.UPLOAD, src, url));

        Path out = dir.resolve("f-back.raw");
        LocalTransferContext ctx = context(Direction.DOWNLOAD, out, url);
        ctx.request(TransferStopped.Why.CANCEL);
        assertThatThrownBy(() -> provider.run(ctx)).isInstanceOf(TransferStopped.class);
        assertThat(out).doesNotExist();
        assertThat(out.resolveSibling("f-back.raw.part")).doesNotExist();
    }
}
