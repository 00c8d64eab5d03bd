package io.ferry.provider.ovirt;

import static org.assertj.core.api.Assertions.assertThat;

import io.ferry.domain.Direction;
import io.ferry.domain.ErrorCode;
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
import io.ferry.provider.ovirt.server.EngineServer;
import io.ferry.testing.FaultProxy;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Faults on the oVirt engine's REST API (the in-repo engine over plain HTTP behind {@link FaultProxy}; the data
 * goes straight to its imageio host) during full engine uploads run by the real TransferEngine: the upload ends
 * with the disk holding identical bytes, or finished_failure naming the code; client errors are not retried.
 */
class EngineApiFaultProxyThroughTransferEngineAgainstInRepoOvirtServerTest {
    private static final int MIB = 1024 * 1024;
    private static final RetryPolicy SHORT = new RetryPolicy(Duration.ofMillis(20), 2.0, Duration.ofMillis(200), 4, 0);
    private static final Predicate<FaultProxy.Request> TRANSFER_POLL = r -> r.method().equals("GET")
            && r.target().contains("/api/imagetransfers/");
    private static final Predicate<FaultProxy.Request> CREATE_DISK = r -> r.method().equals("POST")
            && r.target().endsWith("/api/disks");

    @TempDir
    Path dir;

    private EngineServer ovirt;
    private FaultProxy proxy;
    private TransferEngine engine;
    private final List<TransferEvent> events = new ArrayList<>();
    private Map<String, String> options;

    @BeforeEach
    void start() throws Exception {
        ovirt = EngineServer.http(Files.createDirectory(dir.resolve("storage")));
        int port = URI.create(ovirt.url()).getPort();
        proxy = new FaultProxy(port);
        Path pw = dir.resolve("pw");
        Files.writeString(pw, EngineServer.PASSWORD);
        options = Map.of(OvirtOptions.ENGINE, ovirt.url().replace(":" + port + "/", ":" + proxy.port() + "/"),
                OvirtOptions.USER, EngineServer.USER, OvirtOptions.PASSWORD_FILE, pw.toString(),
                OvirtOptions.STORAGE_DOMAIN, EngineServer.SD_NAME);
        OvirtProvider provider = new OvirtProvider(PasswordSource.fromFile(),
                new TransferWatch.Backoff(Duration.ofMillis(20), Duration.ofMillis(200), Duration.ofSeconds(30)),
                Duration.ofSeconds(1));
        engine = new TransferEngine(ProviderRegistry.of(provider), new MemoryJournal(),
                EngineSettings.defaults().withRetry(SHORT));
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
        ovirt.close();
    }

    private Transfer upload(Path src) throws InterruptedException {
        String id = engine.submit(new TransferRequest("ovirt", Direction.UPLOAD, "vm", src.toString(), ovirt.url(), options)).id();
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

    private void identicalOnTheEngine(Transfer done, Path src) throws Exception {
        assertThat(done.phase()).as(done.message() + done.errors() + done.history()).isEqualTo(TransferPhase.FINISHED_SUCCESS);
        assertThat(ovirt.diskCount()).as("one disk, not one per retry").isEqualTo(1);
        assertThat(Files.mismatch(src, ovirt.diskFile(done.attributes().get("disk_id")))).isEqualTo(-1);
    }

    @Test
    void a503BurstWhilePollingTheTransferIsRetriedAndTheDiskHoldsIdenticalBytes() throws Exception {
        Path src = TestImages.dense(dir, "a.raw", 4 * MIB, 71);
        proxy.inject(FaultProxy.status(503, "text/html", "<html><title>Service Unavailable</title></html>"), 2, TRANSFER_POLL);

        Transfer done = upload(src);

        assertThat(proxy.injected(FaultProxy.Status.class)).isEqualTo(2);
        identicalOnTheEngine(done, src);
    }

    @Test
    void resetsWhilePollingTheTransferAreRetriedAndTheDiskHoldsIdenticalBytes() throws Exception {
        Path src = TestImages.dense(dir, "b.raw", 4 * MIB, 72);
        proxy.inject(FaultProxy.reset(), 2, TRANSFER_POLL);

        Transfer done = upload(src);

        assertThat(proxy.injected(FaultProxy.Reset.class)).isEqualTo(2);
        identicalOnTheEngine(done, src);
    }

    @Test
    void aForbiddenDiskCreationIsNotRetried() throws Exception {
        Path src = TestImages.dense(dir, "c.raw", MIB, 73);
        proxy.inject(FaultProxy.status(403, "application/json",
                "{\"reason\":\"Operation Failed\",\"detail\":\"[User is not authorized to perform this action.]\"}"),
                10_000, CREATE_DISK);

        Transfer done = upload(src);

        assertThat(done.phase()).isEqualTo(TransferPhase.FINISHED_FAILURE);
        assertThat(done.errors().count(ErrorCode.PERMISSION_DENIED)).isEqualTo(1);
        assertThat(proxy.seen().stream().filter(s -> CREATE_DISK.test(s.request())).count()).isEqualTo(1);
        assertThat(ovirt.diskCount()).isZero();
    }
}
