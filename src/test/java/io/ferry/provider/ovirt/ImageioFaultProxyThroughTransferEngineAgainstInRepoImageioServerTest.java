package io.ferry.provider.ovirt;

import static org.assertj.core.api.Assertions.assertThat;

import io.ferry.domain.Direction;
import io.ferry.domain.ErrorCode;
import io.ferry.domain.PhaseChange;
import io.ferry.domain.Transfer;
import io.ferry.domain.TransferPhase;
import io.ferry.engine.EngineSettings;
import io.ferry.engine.MemoryJournal;
import io.ferry.engine.ProviderRegistry;
import io.ferry.engine.RetryPolicy;
import io.ferry.engine.TransferEngine;
import io.ferry.engine.TransferEvent;
import io.ferry.engine.TransferRequest;
import io.ferry.provider.ovirt.engine.TransferWatch;
import io.ferry.provider.ovirt.server.ImageioServer;
import io.ferry.testing.FaultProxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real imageio uploads and downloads (OvirtProvider in plain imageio mode, run by the real TransferEngine with a
 * short retry policy) through {@link FaultProxy} to the in-repo imageio server: one test per fault kind. Every
 * transfer ends either finished_success with the server's bytes (or the downloaded file) identical to the source,
 * or finished_failure with the right code in its error breakdown — never finished_success with wrong bytes.
 */
class ImageioFaultProxyThroughTransferEngineAgainstInRepoImageioServerTest {
    private static final int MIB = 1024 * 1024;
    private static final RetryPolicy SHORT = new RetryPolicy(Duration.ofMillis(20), 2.0, Duration.ofMillis(200), 3, 0);
    private static final Predicate<FaultProxy.Request> PUT = r -> r.method().equals("PUT");
    private static final Predicate<FaultProxy.Request> GET_DATA = r -> r.method().equals("GET")
            && !r.target().contains("/extents") && !r.target().contains("/checksum");

    @TempDir
    Path dir;

    private ImageioServer server;
    private FaultProxy proxy;
    private TransferEngine engine;
    private final MemoryJournal journal = new MemoryJournal();
    private final List<TransferEvent> events = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        server = ImageioServer.http();
        proxy = new FaultProxy(java.net.URI.create(server.base()).getPort());
        OvirtProvider provider = new OvirtProvider(PasswordSource.fromFile(),
                new TransferWatch.Backoff(Duration.ofMillis(20), Duration.ofMillis(200), Duration.ofSeconds(30)),
                Duration.ofSeconds(1));
        engine = new TransferEngine(ProviderRegistry.of(provider), journal, EngineSettings.defaults().withRetry(SHORT));
        engine.subscribe(e -> {
            synchronized (events) {
                events.add(e);
                events.notifyAll();
            }
        });
    }

    @AfterEach
    void stop() {
        engine.close();
        proxy.close();
        server.close();
    }

    /** A ticket on the server whose URL goes through the proxy; its backing file is returned via {@code backing}. */
    private String ticket(Path backing, long size) throws Exception {
        String direct = server.addTicket(UUID.randomUUID().toString(), backing, size, Set.of("read", "write"),
                Duration.ofMinutes(5));
        return direct.replace(":" + java.net.URI.create(direct).getPort() + "/", ":" + proxy.port() + "/");
    }

    private Transfer upload(Path src, Path backing, int connections) throws Exception {
        Files.createFile(backing);
        String url = ticket(backing, Files.size(src));
        Transfer t = engine.submit(new TransferRequest("ovirt", Direction.UPLOAD, "up", src.toString(), url,
                Map.of(OvirtOptions.IMAGEIO_URL, url, OvirtOptions.CONNECTIONS, Integer.toString(connections))));
        return awaitFinal(t.id());
    }

    private Transfer download(Path image, Path out) throws Exception {
        String url = ticket(image, Files.size(image));
        Transfer t = engine.submit(new TransferRequest("ovirt", Direction.DOWNLOAD, "down", url, out.toString(),
                Map.of(OvirtOptions.IMAGEIO_URL, url, OvirtOptions.CONNECTIONS, "2")));
        return awaitFinal(t.id());
    }

    private Transfer awaitFinal(String id) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 60_000;
        synchronized (events) {
            while (true) {
                for (TransferEvent e : events) {
                    if (e.transfer().id().equals(id) && e.transfer().phase().isFinal()) {
                        return e.transfer();
                    }
                }
                long left = deadline - System.currentTimeMillis();
                if (left <= 0) {
                    throw new AssertionError("no final phase within 60 s; last: "
                            + engine.get(id).map(Transfer::history).orElse(List.of()));
                }
                events.wait(left);
            }
        }
    }

    /** Success means identical bytes; anything else must be finished_failure naming {@code allowed} codes. */
    private static void verifiedOrFailed(Transfer done, Path expected, Path actual, ErrorCode... allowed) throws Exception {
        if (done.phase() == TransferPhase.FINISHED_SUCCESS) {
            assertThat(Files.mismatch(expected, actual)).as("finished_success must mean identical bytes").isEqualTo(-1);
        } else {
            assertThat(done.phase()).as(done.message()).isEqualTo(TransferPhase.FINISHED_FAILURE);
            assertThat(done.errors().isEmpty()).isFalse();
            assertThat(List.of(allowed)).as("codes in the breakdown: " + done.errors())
                    .anyMatch(c -> done.errors().count(c) > 0);
        }
    }

    private long requests(String method) {
        return proxy.seen().stream().filter(s -> s.request().method().equals(method)).count();
    }

    @Test
    void connectionResetsDuringAnUploadAreRetriedAndTheServerHoldsIdenticalBytes() throws Exception {
        Path src = TestImages.dense(dir, "reset.raw", 8 * MIB, 11);
        proxy.inject(FaultProxy.reset(), 2, PUT);

        Transfer done = upload(src, dir.resolve("reset.disk"), 1);

        assertThat(proxy.injected(FaultProxy.Reset.class)).isEqualTo(2);
        assertThat(done.phase()).as(done.message() + done.errors()).isEqualTo(TransferPhase.FINISHED_SUCCESS);
        assertThat(Files.mismatch(src, dir.resolve("reset.disk"))).isEqualTo(-1);
    }

    @Test
    void aBurstOf503sIsRetriedWithBackoffAndTheUploadCompletesVerified() throws Exception {
        Path src = TestImages.dense(dir, "burst.raw", 8 * MIB, 12);
        proxy.inject(FaultProxy.status(503, "text/plain", "busy"), 4, PUT);

        Transfer done = upload(src, dir.resolve("burst.disk"), 2);

        assertThat(proxy.injected(FaultProxy.Status.class)).isEqualTo(4);
        assertThat(done.phase()).as(done.message() + done.errors()).isEqualTo(TransferPhase.FINISHED_SUCCESS);
        assertThat(done.attributes()).containsKey("verified");
        assertThat(Files.mismatch(src, dir.resolve("burst.disk"))).isEqualTo(-1);
    }

    @Test
    void an503ThatNeverEndsFailsWithUnavailableAfterTheEnginesRetries() throws Exception {
        Path src = TestImages.dense(dir, "down.raw", 2 * MIB, 13);
        proxy.inject(FaultProxy.status(503, "text/plain", "down for maintenance"), 10_000, r -> true);

        Transfer done = upload(src, dir.resolve("down.disk"), 1);

        assertThat(done.phase()).isEqualTo(TransferPhase.FINISHED_FAILURE);
        assertThat(done.errors().count(ErrorCode.UNAVAILABLE)).isPositive();
        // UNAVAILABLE is retried: the provider ran once per attempt of the policy (each run starts with OPTIONS)
        assertThat(requests("OPTIONS")).isEqualTo(SHORT.maxAttempts());
        assertThat(done.history()).extracting(PhaseChange::phase).endsWith(TransferPhase.FINISHED_FAILURE)
                .doesNotContain(TransferPhase.FINISHED_SUCCESS);
    }

    @Test
    void aClientErrorIsNotRetried() throws Exception {
        Path src = TestImages.dense(dir, "denied.raw", 4 * MIB, 14);
        proxy.inject(FaultProxy.status(403, "text/plain", "You are not allowed to access this resource"), 10_000, PUT);

        Transfer done = upload(src, dir.resolve("denied.disk"), 1);

        assertThat(done.phase()).isEqualTo(TransferPhase.FINISHED_FAILURE);
        assertThat(done.errors().count(ErrorCode.PERMISSION_DENIED)).isEqualTo(1);
        assertThat(requests("PUT")).as("a 403 is not retried by the client").isEqualTo(1);
        assertThat(requests("OPTIONS")).as("nor by the engine").isEqualTo(1);
    }

    @Test
    void latencyOnEveryReplySlowsTheDownloadButItEndsWithIdenticalBytes() throws Exception {
        Path image = TestImages.sparse(dir, "slow.raw", 8L * MIB, 2, MIB, 15);
        proxy.inject(FaultProxy.latency(Duration.ofMillis(150)), 10_000, r -> true);
        Path out = dir.resolve("slow-back.raw");

        Transfer done = download(image, out);

        assertThat(proxy.injected(FaultProxy.Latency.class)).isGreaterThanOrEqualTo(3);
        assertThat(done.phase()).as(done.message() + done.errors()).isEqualTo(TransferPhase.FINISHED_SUCCESS);
        assertThat(Files.mismatch(image, out)).isEqualTo(-1);
    }

    @Test
    void truncatedDownloadBodiesNeverEndAsSuccessWithWrongBytes() throws Exception {
        Path image = TestImages.dense(dir, "cut.raw", 8 * MIB, 16);
        proxy.inject(FaultProxy.truncate(), 2, GET_DATA);
        Path out = dir.resolve("cut-back.raw");

        Transfer done = download(image, out);

        assertThat(proxy.injected(FaultProxy.Truncate.class)).isEqualTo(2);
        verifiedOrFailed(done, image, out, ErrorCode.UNAVAILABLE, ErrorCode.DATA_LOSS);
        assertThat(done.phase()).as("two cut replies are within the retries: " + done.errors())
                .isEqualTo(TransferPhase.FINISHED_SUCCESS);
    }

    @Test
    void truncatedBodiesOnEveryReadFailTheDownloadWithoutLeavingAFileLookingComplete() throws Exception {
        Path image = TestImages.dense(dir, "cutall.raw", 4 * MIB, 17);
        proxy.inject(FaultProxy.truncate(), 10_000, GET_DATA);
        Path out = dir.resolve("cutall-back.raw");

        Transfer done = download(image, out);

        assertThat(done.phase()).isEqualTo(TransferPhase.FINISHED_FAILURE);
        verifiedOrFailed(done, image, out, ErrorCode.UNAVAILABLE, ErrorCode.DATA_LOSS);
        assertThat(out).doesNotExist();
    }

    @Test
    void aStalledReplyTimesOutIsRetriedAndTheDownloadEndsWithIdenticalBytes() throws Exception {
        Path image = TestImages.dense(dir, "stall.raw", 4 * MIB, 18);
        proxy.inject(FaultProxy.stall(Duration.ofSeconds(20)), 1, GET_DATA);
        Path out = dir.resolve("stall-back.raw");

        Transfer done = download(image, out);

        assertThat(proxy.injected(FaultProxy.Stall.class)).isEqualTo(1);
        assertThat(done.phase()).as(done.message() + done.errors()).isEqualTo(TransferPhase.FINISHED_SUCCESS);
        assertThat(Files.mismatch(image, out)).isEqualTo(-1);
    }
}
