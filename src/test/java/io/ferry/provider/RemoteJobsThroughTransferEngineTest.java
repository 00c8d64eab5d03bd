package io.ferry.provider;

import static io.ferry.provider.element.FakeElementCluster.frames;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ferry.domain.Direction;
import io.ferry.domain.ErrorCode;
import io.ferry.domain.PhaseAction;
import io.ferry.domain.PhaseChange;
import io.ferry.domain.Transfer;
import io.ferry.domain.TransferPhase;
import io.ferry.engine.ActionFailedException;
import io.ferry.engine.EngineSettings;
import io.ferry.engine.MemoryJournal;
import io.ferry.engine.ProviderRegistry;
import io.ferry.engine.TransferEngine;
import io.ferry.engine.TransferEvent;
import io.ferry.engine.TransferListener;
import io.ferry.engine.TransferRequest;
import io.ferry.provider.element.ElementClient;
import io.ferry.provider.element.ElementOptions;
import io.ferry.provider.element.ElementProfile;
import io.ferry.provider.element.ElementProvider;
import io.ferry.provider.element.FakeElementCluster;
import io.ferry.provider.element.FakeElementCluster.Frame;
import io.ferry.provider.element.PinnedCertificateTrust;
import io.ferry.provider.ims.FakeIms;
import io.ferry.provider.ims.ImsClient;
import io.ferry.provider.ims.ImsOptions;
import io.ferry.provider.ims.ImsProfile;
import io.ferry.provider.ims.ImsProvider;
import io.ferry.provider.remote.PollLoop;
import io.ferry.provider.remote.TestCertificates;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import mockwebserver3.MockWebServer;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The element and ims providers run by the real {@link TransferEngine} (memory journal), against the in-repo IAM +
 * IMS over HTTP and the in-repo Element cluster over pinned TLS, all on 127.0.0.1: what the GUI and CLI will see.
 */
class RemoteJobsThroughTransferEngineTest {
    static TestCertificates certs;

    MockWebServer imsServer;
    MockWebServer elementServer;
    FakeIms ims;
    FakeElementCluster cluster;
    TransferEngine engine;
    final Events events = new Events();

    /** Collects events; waits on them with a generous timeout (no sleeps as synchronization). */
    static final class Events implements TransferListener {
        final List<TransferEvent> all = new CopyOnWriteArrayList<>();

        @Override
        public synchronized void onEvent(TransferEvent e) {
            all.add(e);
            notifyAll();
        }

        synchronized Transfer await(Predicate<Transfer> p, String what) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (true) {
                for (TransferEvent e : all) {
                    if (p.test(e.transfer())) {
                        return e.transfer();
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("timed out waiting for " + what + "; events: " + all);
                }
                wait(TimeUnit.NANOSECONDS.toMillis(left) + 1);
            }
        }
    }

    @BeforeAll
    static void certificate() throws Exception {
        certs = TestCertificates.shared();
    }

    @BeforeEach
    void start() throws Exception {
        ims = new FakeIms("domain A", "user A", "pa55");
        imsServer = new MockWebServer();
        imsServer.setDispatcher(ims);
        imsServer.start(InetAddress.getByName("127.0.0.1"), 0);
        ImsClient imsClient = new ImsClient(new ImsProfile("eu-de", "domain A", "user A", "pa55", "eu-de", "",
                imsServer.url("/v3").toString(), imsServer.url("/").toString(), Duration.ofSeconds(10)), new OkHttpClient(), Clock.systemUTC());

        cluster = new FakeElementCluster("12.3", "admin", "s3cret", Set.of(5L));
        elementServer = new MockWebServer();
        elementServer.useHttps(certs.serverSocketFactory);
        elementServer.setDispatcher(cluster);
        elementServer.start(InetAddress.getByName("127.0.0.1"), 0);
        ElementClient elementClient = new ElementClient(new ElementProfile("https://127.0.0.1:" + elementServer.getPort(), "12.3",
                "admin", "s3cret", PinnedCertificateTrust.fingerprint(certs.certificate), Duration.ofSeconds(10)));

        engine = new TransferEngine(ProviderRegistry.of(new ImsProvider(t -> imsClient, Duration.ofMillis(20)),
                new ElementProvider(t -> elementClient, Duration.ofMillis(20))), new MemoryJournal(), EngineSettings.defaults());
        engine.subscribe(events);
    }

    @AfterEach
    void stop() {
        engine.close();
        imsServer.close();
        elementServer.close();
    }

    static Predicate<Transfer> phase(String id, TransferPhase p) {
        return t -> t.id().equals(id) && t.phase() == p;
    }

    @Test
    void anImsImportRunsToSuccessAndPauseIsRefusedWithTheReason() throws Exception {
        ims.scriptNextJob("{\"status\": \"INIT\", \"entities\": {}}",
                "{\"status\": \"RUNNING\", \"entities\": {\"process_percent\": 0.3}}",
                "{\"status\": \"RUNNING\", \"entities\": {\"process_percent\": 0.3}}",
                "{\"status\": \"RUNNING\", \"entities\": {\"process_percent\": 0.7}}",
                "{\"status\": \"SUCCESS\", \"entities\": {\"image_id\": \"431df7fd-a898-4dc0-86b1-22cfefb8a517\", \"image_name\": \"web\"}}");
        Map<String, String> o = new LinkedHashMap<>();
        o.put(ImsOptions.START, "import");
        o.put(ImsOptions.IMAGE_NAME, "web");
        o.put(ImsOptions.IMAGE_URL, "ims-image:web.qcow2");
        o.put(ImsOptions.MIN_DISK, "40");
        o.put(ImsOptions.JOB_API, "progress");
        Transfer t = engine.submit(new TransferRequest("ims", Direction.WATCH, "import web", "ims-image:web.qcow2", "image web", o));

        events.await(phase(t.id(), TransferPhase.TRANSFERRING), "transferring");
        assertThatThrownBy(() -> engine.act(t.id(), PhaseAction.PAUSE)).isInstanceOf(ActionFailedException.class)
                .hasMessageContaining("IMS jobs cannot be paused");
        Transfer done = events.await(phase(t.id(), TransferPhase.FINISHED_SUCCESS), "finished_success");

        assertThat(done.nativeStatus()).isEqualTo("SUCCESS");
        assertThat(done.progressPercent()).isEqualTo(100.0);
        assertThat(done.attributes()).containsEntry("image_id", "431df7fd-a898-4dc0-86b1-22cfefb8a517").containsEntry("image_name", "web");
        assertThat(done.option(ImsOptions.JOB_ID, "")).isNotEmpty();
        assertThat(done.history()).extracting(PhaseChange::phase)
                .containsExactly(TransferPhase.INITIALIZING, TransferPhase.TRANSFERRING, TransferPhase.FINISHED_SUCCESS);
        assertThat(done.errors().count(ErrorCode.FAILED_PRECONDITION)).isEqualTo(1);
        assertThat(ims.count("POST", "/v2/cloudimages/action")).isEqualTo(1);
    }

    @Test
    void aFailedImsExportEndsInFinishedFailureWithItsBreakdown() throws Exception {
        ims.scriptNextJob("{\"status\": \"RUNNING\", \"entities\": {}}",
                "{\"status\": \"FAIL\", \"error_code\": \"IMG.0058\", \"fail_reason\": \"The bucket is not in the region of the image.\", \"entities\": {}}");
        Map<String, String> o = new LinkedHashMap<>();
        o.put(ImsOptions.START, "export");
        o.put(ImsOptions.IMAGE_ID, "d164b5df-1bc3-4c3f-893e-3e471fd16e64");
        o.put(ImsOptions.BUCKET_URL, "ims-image:c.qcow2");
        o.put(ImsOptions.FILE_FORMAT, "qcow2");
        Transfer t = engine.submit(new TransferRequest("ims", Direction.WATCH, "export", "image", "ims-image:c.qcow2", o));

        Transfer failed = events.await(phase(t.id(), TransferPhase.FINISHED_FAILURE), "finished_failure");
        assertThat(failed.errors().count(ErrorCode.FAILED_PRECONDITION)).isEqualTo(1);
        assertThat(failed.errors().get(ErrorCode.FAILED_PRECONDITION).orElseThrow().errorLogEntries().getFirst().errorDetails())
                .contains("The bucket is not in the region of the image.", "error_code: IMG.0058");
        assertThat(failed.message()).isEqualTo("The bucket is not in the region of the image.");
    }

    @Test
    void anElementReadRunsToSuccessOverThePinnedCertificate() throws Exception {
        cluster.scriptNextJob(frames(new Frame("preparing", 0, 0, 9), new Frame("running", 25, 2, 6), new Frame("running", 75, 6, 2)),
                FakeElementCluster.success());
        Map<String, String> o = Map.of(ElementOptions.VOLUME_ID, "5", ElementOptions.FORMAT, "native",
                ElementOptions.SCRIPT, "bv_internal.py", PollLoop.OPTION_INTERVAL, "0.02");
        Transfer t = engine.submit(new TransferRequest("element", Direction.DOWNLOAD, "volume 5", "volume 5", "s3://b", o));

        Transfer done = events.await(phase(t.id(), TransferPhase.FINISHED_SUCCESS), "finished_success");
        assertThat(done.message()).isEqualTo("Bulk volume job succeeded");
        assertThat(done.attributes()).containsKeys("key", "asyncHandle", "url");
        assertThat(done.history()).extracting(PhaseChange::phase)
                .containsExactly(TransferPhase.INITIALIZING, TransferPhase.TRANSFERRING, TransferPhase.FINISHED_SUCCESS);
        assertThat(cluster.calls("GetAsyncResult")).allSatisfy(c -> assertThat(c.path("params").path("keepResult").asBoolean()).isTrue());
    }

    @Test
    void cancellingAWatchedElementJobMarksItFailedOnTheClusterAndTheEngineFollows() throws Exception {
        List<Frame> many = new java.util.ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            many.add(new Frame("running", Math.min(99, i), i, 100));
        }
        cluster.addJob("k-cancel", "read", 5, many, FakeElementCluster.success());
        Transfer t = engine.submit(new TransferRequest("element", Direction.WATCH, "job k-cancel", "k-cancel", "",
                Map.of(ElementOptions.KEY, "k-cancel", PollLoop.OPTION_INTERVAL, "0.02")));
        events.await(phase(t.id(), TransferPhase.TRANSFERRING), "transferring");

        engine.act(t.id(), PhaseAction.CANCEL);

        Transfer end = events.await(phase(t.id(), TransferPhase.FINISHED_FAILURE), "finished_failure");
        assertThat(end.nativeStatus()).isEqualTo("failed");
        assertThat(cluster.calls("UpdateBulkVolumeStatus")).singleElement()
                .satisfies(c -> assertThat(c.path("params").path("status").asText()).isEqualTo("failed"));
    }
}
