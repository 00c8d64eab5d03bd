package io.ferry.provider.ovirt.imageio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ferry.cli.ovirt.LocalTransferContext;
import io.ferry.domain.Direction;
import io.ferry.domain.ErrorCode;
import io.ferry.domain.TransferPhase;
import io.ferry.provider.TransferException;
import io.ferry.provider.ovirt.OvirtOptions;
import io.ferry.provider.ovirt.OvirtProvider;
import io.ferry.provider.ovirt.TestImages;
import io.ferry.provider.ovirt.server.ImageioServer;
import io.ferry.provider.ovirt.server.TestTls;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Plain imageio mode (a transfer URL, no engine) against the in-repo imageio server on 127.0.0.1: upload then
 * download gives the same bytes for raw, sparse raw and qcow2, over HTTP and over TLS with the test CA.
 */
class ImageioRoundTripAgainstInRepoImageioServerTest {
    private static final int MIB = 1024 * 1024;

    @TempDir
    Path dir;

    private ImageioServer server;
    private final OvirtProvider provider = new OvirtProvider();

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private LocalTransferContext run(Direction d, Path source, Path target, String url, Map<String, String> extra)
            throws Exception {
        Map<String, String> opts = new HashMap<>(extra);
        opts.put(OvirtOptions.IMAGEIO_URL, url);
        var t = io.ferry.domain.Transfer.create(UUID.randomUUID().toString(), "ovirt", d, "t",
                source == null ? url : source.toString(), target == null ? url : target.toString(), opts, Instant.now());
        LocalTransferContext ctx = new LocalTransferContext(t, Clock.systemUTC(), null);
        provider.run(ctx);
        return ctx;
    }

    private String ticket(long size) throws Exception {
        Path backing = Files.createTempFile(dir, "ticket", ".img");
        return server.addTicket(UUID.randomUUID().toString(), backing, size, Set.of("read", "write"), Duration.ofMinutes(5));
    }

    @Test
    void denseRawRoundTripsOverHttpWithParallelPutsAndChecksumVerification() throws Exception {
        server = ImageioServer.http();
        Path src = TestImages.dense(dir, "dense.raw", 20 * MIB + 4321, 7);
        String url = ticket(Files.size(src));

        LocalTransferContext up = run(Direction.UPLOAD, src, null, url, Map.of());
        assertThat(up.current().phase()).isEqualTo(TransferPhase.FINISHED_SUCCESS);
        assertThat(up.current().bytesDone()).isEqualTo(Files.size(src));
        assertThat(up.current().attributes()).containsEntry("verified", "checksum");
        assertThat(server.flushes.get()).isEqualTo(1);
        assertThat(server.chunkedRejected.get()).isZero();
        assertThat(server.clientPorts).as("parallel connections").hasSizeGreaterThan(1);
        assertThat(server.maxInflight.get()).as("requests at once").isGreaterThan(1);

        Path out = dir.resolve("back.raw");
        LocalTransferContext down = run(Direction.DOWNLOAD, null, out, url, Map.of());
        assertThat(down.current().phase()).isEqualTo(TransferPhase.FINISHED_SUCCESS);
        assertThat(TestImages.sameBytes(src, out)).isTrue();
        assertThat(Files.exists(out.resolveSibling("back.raw.part"))).isFalse();
    }

    @Test
    void sparseRawSendsHolesAsZeroRequestsAndComesBackSparse() throws Exception {
        server = ImageioServer.http();
        long size = 64L * MIB;
        Path src = TestImages.sparse(dir, "sparse.raw", size, 4, MIB, 11);
        String url = ticket(size);

        run(Direction.UPLOAD, src, null, url, Map.of());
        assertThat(server.dataBytesWritten.get()).as("only data goes over the wire").isLessThan(16L * MIB);
        assertThat(server.zeroRequests.get()).isPositive();

        Path out = dir.resolve("sparse-back.raw");
        run(Direction.DOWNLOAD, null, out, url, Map.of());
        assertThat(TestImages.sameBytes(src, out)).isTrue();
        assertThat(Files.size(out)).isEqualTo(size);
        long allocated = TestImages.allocated(out);
        if (allocated >= 0) {
            assertThat(allocated).as("the download is sparse").isLessThan(16L * MIB);
        }
    }

    @Test
    void sparseUploadOverAnImageHoldingOldDataLeavesZerosWhereTheSourceHasHoles() throws Exception {
        server = ImageioServer.http();
        int size = 32 * MIB;
        Path src = TestImages.sparse(dir, "new.raw", size, 2, MIB, 23);
        Path old = TestImages.dense(dir, "old-disk.img", size, 29);
        String url = server.addTicket(UUID.randomUUID().toString(), old, size, Set.of("read", "write"),
                Duration.ofMinutes(5));

        LocalTransferContext up = run(Direction.UPLOAD, src, null, url, Map.of());
        assertThat(up.current().attributes()).as("the server's checksum matches the source").containsEntry("verified", "checksum");
        assertThat(server.zeroRequests.get()).isPositive();

        Path out = dir.resolve("new-back.raw");
        run(Direction.DOWNLOAD, null, out, url, Map.of());
        assertThat(TestImages.sameBytes(src, out)).as("no old data left in the holes").isTrue();
        long allocated = TestImages.allocated(old);
        if (allocated >= 0) {
            assertThat(allocated).as("zeroed ranges hold no space, as imageio punches holes").isLessThan(8L * MIB);
        }
    }

    @Test
    void qcow2IsSentAsIsAndComesBackIdentical() throws Exception {
        server = ImageioServer.http();
        Path src = TestImages.qcow2(dir, "disk.qcow2", 1L << 30, 0, 5);
        String url = ticket(Files.size(src));

        run(Direction.UPLOAD, src, null, url, Map.of());
        Path out = dir.resolve("disk-back.qcow2");
        run(Direction.DOWNLOAD, null, out, url, Map.of());
        assertThat(TestImages.sameBytes(src, out)).isTrue();
    }

    @Test
    void tlsWithTheTestCaRoundTrips() throws Exception {
        server = ImageioServer.https();
        Path src = TestImages.sparse(dir, "tls.raw", 12L * MIB, 3, 512 * 1024, 13);
        String url = ticket(Files.size(src));
        Path ca = TestTls.pem(dir, "ca.pem");

        run(Direction.UPLOAD, src, null, url, Map.of(OvirtOptions.CA_FILE, ca.toString()));
        Path out = dir.resolve("tls-back.raw");
        run(Direction.DOWNLOAD, null, out, url, Map.of(OvirtOptions.CA_FILE, ca.toString()));
        assertThat(TestImages.sameBytes(src, out)).isTrue();
    }

    @Test
    void tlsServerSignedByAnotherCaIsRefused() throws Exception {
        server = ImageioServer.https();
        Path src = TestImages.dense(dir, "x.raw", MIB, 1);
        String url = ticket(Files.size(src));
        Path other = TestTls.pem(dir, "other-ca.pem");

        assertThatThrownBy(() -> run(Direction.UPLOAD, src, null, url, Map.of(OvirtOptions.CA_FILE, other.toString())))
                .isInstanceOfSatisfying(TransferException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.UNAVAILABLE);
                    assertThat(e.getMessage()).contains("not trusted").doesNotContain(url.substring(url.lastIndexOf('/') + 1));
                });
        assertThat(server.puts.get()).isZero();
    }

    @Test
    void serverWithoutFeaturesOrChecksumStillRoundTripsAndVerifiesByReadingBack() throws Exception {
        server = ImageioServer.http();
        server.features(Set.of()).checksum(false).maxConnections(1, 1);
        Path src = TestImages.sparse(dir, "old.raw", 10L * MIB, 2, 300_000, 17);
        String url = ticket(Files.size(src));

        LocalTransferContext up = run(Direction.UPLOAD, src, null, url, Map.of());
        assertThat(up.current().attributes()).containsEntry("verified", "read-back");
        assertThat(server.zeroRequests.get()).isZero();
        assertThat(server.clientPorts).as("one connection (max_writers 1)").hasSize(1);

        Path out = dir.resolve("old-back.raw");
        run(Direction.DOWNLOAD, null, out, url, Map.of());
        assertThat(TestImages.sameBytes(src, out)).isTrue();
    }
}
