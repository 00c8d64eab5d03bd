package io.ferry.provider.ovirt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ferry.cli.ovirt.LocalTransferContext;
import io.ferry.domain.Direction;
import io.ferry.domain.ErrorCode;
import io.ferry.domain.PhaseAction;
import io.ferry.domain.Transfer;
import io.ferry.domain.TransferPhase;
import io.ferry.provider.Provider;
import io.ferry.provider.TransferException;
import io.ferry.provider.TransferStopped;
import io.ferry.provider.ovirt.engine.TransferWatch;
import io.ferry.provider.ovirt.server.EngineServer;
import io.ferry.provider.ovirt.server.TestTls;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Uploads and downloads through the in-repo oVirt engine (REST API over TLS with the test CA) and its in-repo
 * imageio host and proxy on 127.0.0.1, driven by OvirtProvider with a LocalTransferContext.
 */
class OvirtUploadAgainstInRepoOvirtServerTest {
    private static final int MIB = 1024 * 1024;
    private static final TransferWatch.Backoff FAST =
            new TransferWatch.Backoff(Duration.ofMillis(20), Duration.ofMillis(200), Duration.ofSeconds(30));

    @TempDir
    Path dir;

    private EngineServer engine;
    private Path ca;
    private Path passwordFile;
    private final OvirtProvider provider = new OvirtProvider(PasswordSource.fromFile(), FAST);

    @BeforeEach
    void start() throws Exception {
        Path storage = Files.createDirectory(dir.resolve("storage"));
        engine = EngineServer.https(storage);
        ca = TestTls.pem(dir, "ca.pem");
        passwordFile = dir.resolve("password");
        Files.writeString(passwordFile, EngineServer.PASSWORD + "\n");
    }

    @AfterEach
    void stop() {
        engine.close();
    }

    private Map<String, String> options(Map<String, String> extra) {
        Map<String, String> o = new HashMap<>();
        o.put(OvirtOptions.ENGINE, engine.url());
        o.put(OvirtOptions.USER, EngineServer.USER);
        o.put(OvirtOptions.PASSWORD_FILE, passwordFile.toString());
        o.put(OvirtOptions.CA_FILE, ca.toString());
        o.put(OvirtOptions.STORAGE_DOMAIN, EngineServer.SD_NAME);
        o.put(OvirtOptions.PAUSED_SYSTEM, "fail");
        o.putAll(extra);
        return o;
    }

    private LocalTransferContext upload(Path file, Map<String, String> extra) {
        Transfer t = Transfer.create(UUID.randomUUID().toString(), OvirtProvider.ID, Direction.UPLOAD,
                file.getFileName().toString(), file.toString(), engine.url(), options(extra), Instant.now());
        return new LocalTransferContext(t, Clock.systemUTC(), null);
    }

    private LocalTransferContext download(String diskId, Path target, Map<String, String> extra) {
        Map<String, String> o = new HashMap<>(options(extra));
        o.put(OvirtOptions.DISK_ID, diskId);
        Transfer t = Transfer.create(UUID.randomUUID().toString(), OvirtProvider.ID, Direction.DOWNLOAD, diskId, diskId,
                target.toString(), o, Instant.now());
        return new LocalTransferContext(t, Clock.systemUTC(), null);
    }

    private Path roundTrip(Path src, String expectFormat) throws Exception {
        LocalTransferContext up = upload(src, Map.of());
        provider.run(up);
        Transfer t = up.current();
        assertThat(t.phase()).isEqualTo(TransferPhase.FINISHED_SUCCESS);
        String diskId = t.attributes().get("disk_id");
        assertThat(engine.diskStatuses()).containsEntry(diskId, "ok");
        // phases come from polling: a short one (finalizing_success) may pass between two polls
        assertThat(up.observedPhases()).containsSubsequence("initializing", "transferring", "finished_success");
        assertThat(up.observedPhases()).containsOnlyOnce("finished_success");
        assertThat(t.bytesDone()).isEqualTo(Files.size(src));

        Path out = dir.resolve("back-" + src.getFileName());
        LocalTransferContext down = download(diskId, out, Map.of());
        provider.run(down);
        assertThat(down.current().phase()).isEqualTo(TransferPhase.FINISHED_SUCCESS);
        assertThat(down.current().attributes()).containsEntry("disk_format", expectFormat)
                .containsEntry("verified", "checksum");
        return out;
    }

    @Test
    void rawImageRoundTripsThroughTheEngineWithIdenticalBytes() throws Exception {
        Path src = TestImages.dense(dir, "dense.raw", 12 * MIB + 512, 21);
        Path out = roundTrip(src, "raw");
        assertThat(TestImages.sameBytes(src, out)).isTrue();
    }

    @Test
    void sparseRawRoundTripsAndTheDownloadIsSparse() throws Exception {
        Path src = TestImages.sparse(dir, "sparse.raw", 48L * MIB, 3, MIB, 22);
        Path out = roundTrip(src, "raw");
        assertThat(TestImages.sameBytes(src, out)).isTrue();
        long allocated = TestImages.allocated(out);
        if (allocated >= 0) {
            assertThat(allocated).isLessThan(8L * MIB);
        }
        assertThat(engine.host().zeroRequests.get()).isPositive();
    }

    @Test
    void qcow2GoesToACowDiskAsIsAndComesBackIdentical() throws Exception {
        Path src = TestImages.qcow2(dir, "disk.qcow2", 2L << 30, 0, 23);
        Path out = roundTrip(src, "cow");
        assertThat(TestImages.sameBytes(src, out)).isTrue();
    }

    @Test
    void finishedTransfersKeptByANewerEngineEndTheSameWay() throws Exception {
        engine.keepFinishedTransfers = true;
        Path src = TestImages.dense(dir, "kept.raw", 3 * MIB, 24);
        LocalTransferContext up = upload(src, Map.of());
        provider.run(up);
        assertThat(up.current().phase()).isEqualTo(TransferPhase.FINISHED_SUCCESS);
        assertThat(up.current().nativeStatus()).isEqualTo("finished_success");
    }

    @Test
    void unreachableHostFallsBackToTheEngineProxy() throws Exception {
        engine.hostUnreachable = true;
        Path src = TestImages.dense(dir, "proxy.raw", 5 * MIB, 25);
        LocalTransferContext up = upload(src, Map.of());
        provider.run(up);
        assertThat(up.current().phase()).isEqualTo(TransferPhase.FINISHED_SUCCESS);
        assertThat(up.current().attributes()).containsEntry("imageio", "proxy");
        assertThat(engine.proxy().puts.get()).isPositive();
        assertThat(engine.host().puts.get()).isZero();
    }

    @Test
    void aFailedVerificationOnTheEngineIsFinishedFailureWithItsReason() throws Exception {
        engine.failVerification = true;
        Path src = TestImages.dense(dir, "bad.raw", 2 * MIB, 26);
        LocalTransferContext up = upload(src, Map.of());
        assertThatThrownBy(() -> provider.run(up)).isInstanceOfSatisfying(TransferException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.FAILED_PRECONDITION);
            assertThat(e.getMessage()).contains("illegal");
        });
        assertThat(up.current().phase()).isEqualTo(TransferPhase.FINISHED_FAILURE);
    }

    @Test
    void imageioNotRunningOnTheHostIsPausedSystemAndReportedAsUnavailable() throws Exception {
        engine.imageioDownOnHost = true;
        Path src = TestImages.dense(dir, "down.raw", MIB, 27);
        LocalTransferContext up = upload(src, Map.of());
        assertThatThrownBy(() -> provider.run(up)).isInstanceOfSatisfying(TransferException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.UNAVAILABLE);
            assertThat(e.getMessage()).contains("paused_system");
        });
        assertThat(up.current().phase()).isEqualTo(TransferPhase.PAUSED_SYSTEM);
        assertThat(up.current().nativeStatus()).isEqualTo("paused_system");
    }

    @Test
    void anExpiredTicketPausesTheTransferAndAResumeFinishesIt() throws Exception {
        engine.ticketTimeout = Duration.ofMillis(300);
        engine.host().delay(Duration.ofMillis(120));
        Path src = TestImages.dense(dir, "expire.raw", 24 * MIB, 28);
        Transfer t = upload(src, Map.of(OvirtOptions.PAUSED_SYSTEM, "resume", OvirtOptions.KEEPALIVE_SECONDS, "0",
                OvirtOptions.CONNECTIONS, "1")).current();
        // once the first ticket has expired, the engine's next sessions get a long timeout again
        LocalTransferContext up = new LocalTransferContext(t, Clock.systemUTC(), now -> {
            if (now.nativeStatus().equals("paused_system")) {
                engine.ticketTimeout = Duration.ofMinutes(5);
            }
        });
        provider.run(up);

        assertThat(up.observedPhases()).contains("paused_system", "resuming").endsWith("finished_success");
        String diskId = up.current().attributes().get("disk_id");
        Path out = dir.resolve("expire-back.raw");
        engine.host().delay(Duration.ZERO);
        provider.run(download(diskId, out, Map.of()));
        assertThat(TestImages.sameBytes(src, out)).isTrue();
    }

    @Test
    void theKeepaliveExtendsTheTicketSoASlowUploadIsNeverPaused() throws Exception {
        // every request takes 0.5 s, so the upload outlives a 2 s ticket unless the keepalive extends it
        engine.ticketTimeout = Duration.ofSeconds(2);
        engine.host().delay(Duration.ofMillis(500));
        Path src = TestImages.dense(dir, "slow.raw", 24 * MIB, 29);
        LocalTransferContext up = upload(src, Map.of(OvirtOptions.KEEPALIVE_SECONDS, "1", OvirtOptions.CONNECTIONS, "1"));
        provider.run(up);
        assertThat(up.current().phase()).isEqualTo(TransferPhase.FINISHED_SUCCESS);
        assertThat(up.observedPhases()).doesNotContain("paused_system");
        assertThat(engine.extends_.get()).isPositive();
    }

    @Test
    void cancelStopsTheUploadAndTheEngineRemovesThePartialDisk() throws Exception {
        engine.host().delay(Duration.ofMillis(50));
        Path src = TestImages.dense(dir, "cancel.raw", 32 * MIB, 30);
        LocalTransferContext ctx = upload(src, Map.of(OvirtOptions.CONNECTIONS, "1"));
        CompletableFuture<Throwable> done = CompletableFuture.supplyAsync(() -> {
            try {
                provider.run(ctx);
                return null;
            } catch (Throwable t) {
                return t;
            }
        });
        waitFor(() -> ctx.current().bytesDone() > 0);
        ctx.request(TransferStopped.Why.CANCEL);
        Throwable t = done.get(30, TimeUnit.SECONDS);
        assertThat(t).isInstanceOf(TransferStopped.class);
        assertThat(engine.actions).contains("cancel");
        assertThat(ctx.observedPhases()).contains("cancelled_user");
        waitFor(() -> engine.diskCount() == 0);
    }

    @Test
    void pauseAndResumeGoToTheEngineAndTheUploadContinuesWhereItWas() throws Exception {
        engine.host().delay(Duration.ofMillis(60));
        Path src = TestImages.dense(dir, "pause.raw", 32 * MIB, 31);
        LocalTransferContext ctx = upload(src, Map.of(OvirtOptions.CONNECTIONS, "2"));
        CompletableFuture<Throwable> done = CompletableFuture.supplyAsync(() -> {
            try {
                provider.run(ctx);
                return null;
            } catch (Throwable t) {
                return t;
            }
        });
        waitFor(() -> ctx.current().bytesDone() >= 8L * MIB);
        assertThat(provider.act(ctx.current(), PhaseAction.PAUSE)).isEqualTo(Provider.ActionResult.REMOTE);
        waitFor(() -> ctx.current().phase() == TransferPhase.PAUSED_USER);
        assertThat(provider.act(ctx.current(), PhaseAction.RESUME)).isEqualTo(Provider.ActionResult.REMOTE);
        assertThat(done.get(60, TimeUnit.SECONDS)).isNull();

        assertThat(ctx.observedPhases()).containsSubsequence("transferring", "paused_user", "transferring",
                "finished_success");
        Path out = dir.resolve("pause-back.raw");
        engine.host().delay(Duration.ZERO);
        provider.run(download(ctx.current().attributes().get("disk_id"), out, Map.of()));
        assertThat(TestImages.sameBytes(src, out)).isTrue();
    }

    @Test
    void aQcow2WithABackingFileIsRefusedBeforeAnythingIsCreated() throws Exception {
        Path src = TestImages.qcow2(dir, "overlay.qcow2", 1L << 30, 512, 32);
        assertThatThrownBy(() -> provider.run(upload(src, Map.of())))
                .isInstanceOfSatisfying(TransferException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
                    assertThat(e.getMessage()).contains("backing file");
                });
        assertThat(engine.diskCount()).isZero();
    }

    @Test
    void aDownloadDoesNotOverwriteAnExistingFile() throws Exception {
        Path src = TestImages.dense(dir, "exists.raw", MIB, 33);
        String diskId = engine.addDisk("exists", "raw", src, MIB);
        Path out = dir.resolve("already-there.raw");
        Files.writeString(out, "keep me");
        assertThatThrownBy(() -> provider.run(download(diskId, out, Map.of())))
                .isInstanceOfSatisfying(TransferException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.ALREADY_EXISTS));
        assertThat(Files.readString(out)).isEqualTo("keep me");
    }

    @Test
    void aPhaseFerryDoesNotKnowIsShownAsUnknownWithItsRawTextAndStopsTheRun() throws Exception {
        engine.oddPhase = "verifying_quantum_state";
        Path src = TestImages.dense(dir, "odd.raw", MIB, 34);
        LocalTransferContext up = upload(src, Map.of());
        assertThatThrownBy(() -> provider.run(up)).isInstanceOfSatisfying(TransferException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.ABORTED);
            assertThat(e.getMessage()).contains("verifying_quantum_state");
        });
        assertThat(up.current().phase()).isEqualTo(TransferPhase.UNKNOWN);
        assertThat(up.current().nativeStatus()).isEqualTo("verifying_quantum_state");
    }

    @Test
    void cleanupDeletesADiskFerryCreatedWhenNoTransferWasMade() throws Exception {
        var http = io.ferry.provider.tls.Trust.pemFile(ca).apply(new okhttp3.OkHttpClient.Builder()).build();
        var client = new io.ferry.provider.ovirt.engine.EngineClient(http, engine.url(), EngineServer.USER,
                EngineServer.PASSWORD.toCharArray(), Clock.systemUTC());
        var disk = client.createDisk(new io.ferry.provider.ovirt.engine.DiskSpec("orphan", MIB, 0, "raw", true,
                EngineServer.SD_NAME, "data"));
        Transfer t = upload(dir.resolve("x.raw"), Map.of()).current()
                .withAttribute("disk_id", disk.id()).withAttribute("disk_created", "true");
        waitFor(() -> "ok".equals(engine.diskStatuses().get(disk.id())));
        provider.cleanup(t);
        assertThat(engine.diskCount()).isZero();
        provider.cleanup(t); // idempotent
    }

    private static void waitFor(java.util.function.BooleanSupplier cond) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!cond.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 30 s");
            }
            Thread.sleep(10);
        }
    }
}
