package io.ferry.provider.ovirt;

import static org.assertj.core.api.Assertions.assertThat;

import io.ferry.cli.ovirt.ServiceRunner;
import io.ferry.cli.ovirt.TransferRunner;
import io.ferry.domain.Direction;
import io.ferry.domain.PhaseAction;
import io.ferry.domain.PhaseChange;
import io.ferry.domain.Transfer;
import io.ferry.domain.TransferPhase;
import io.ferry.engine.EngineSettings;
import io.ferry.engine.MemoryJournal;
import io.ferry.engine.ProviderRegistry;
import io.ferry.engine.TransferEngine;
import io.ferry.engine.TransferEvent;
import io.ferry.engine.TransferJournal;
import io.ferry.engine.TransferRequest;
import io.ferry.provider.ovirt.engine.TransferWatch;
import io.ferry.provider.ovirt.server.EngineServer;
import io.ferry.provider.ovirt.server.TestTls;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * OvirtProvider run by the real TransferEngine (workers, journal, listeners, operator actions through
 * {@code engine.act}) against the in-repo oVirt engine and imageio servers.
 */
class OvirtProviderThroughTransferEngineAgainstInRepoOvirtServerTest {
    private static final int MIB = 1024 * 1024;

    @TempDir
    Path dir;

    private EngineServer ovirt;
    private TransferEngine engine;
    /** Download targets that were not in place when their transfer was made durable as finished_success. */
    private final List<String> successBeforeFile = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final CheckingJournal journal = new CheckingJournal();

    /** The in-memory journal, checking at the moment a download becomes durable as finished_success. */
    private final class CheckingJournal implements TransferJournal {
        private final MemoryJournal inner = new MemoryJournal();

        @Override
        public void save(Transfer t) {
            if (t.direction() == Direction.DOWNLOAD && t.phase() == TransferPhase.FINISHED_SUCCESS
                    && !Files.exists(Path.of(t.target()))) {
                successBeforeFile.add(t.target());
            }
            inner.save(t);
        }

        @Override
        public void delete(String id) {
            inner.delete(id);
        }

        @Override
        public List<Transfer> loadAll() {
            return inner.loadAll();
        }

        @Override
        public List<PendingAction> takePendingActions() {
            return inner.takePendingActions();
        }

        java.util.Optional<Transfer> find(String id) {
            return inner.find(id);
        }
    }
    private final List<TransferEvent> events = new ArrayList<>();
    private Map<String, String> options;

    @BeforeEach
    void start() throws Exception {
        ovirt = EngineServer.https(Files.createDirectory(dir.resolve("storage")));
        Path pw = dir.resolve("pw");
        Files.writeString(pw, EngineServer.PASSWORD);
        options = new HashMap<>(Map.of(OvirtOptions.ENGINE, ovirt.url(), OvirtOptions.USER, EngineServer.USER,
                OvirtOptions.PASSWORD_FILE, pw.toString(), OvirtOptions.CA_FILE, TestTls.pem(dir, "ca.pem").toString(),
                OvirtOptions.STORAGE_DOMAIN, EngineServer.SD_NAME));
        OvirtProvider provider = new OvirtProvider(PasswordSource.fromFile(),
                new TransferWatch.Backoff(Duration.ofMillis(20), Duration.ofMillis(200), Duration.ofSeconds(30)));
        engine = new TransferEngine(ProviderRegistry.of(provider), journal, EngineSettings.defaults());
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
        ovirt.close();
    }

    private Transfer await(String id, Predicate<Transfer> cond, String what) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 60_000;
        synchronized (events) {
            while (true) {
                for (TransferEvent e : events) {
                    if (e.transfer().id().equals(id) && cond.test(e.transfer())) {
                        return e.transfer();
                    }
                }
                long left = deadline - System.currentTimeMillis();
                if (left <= 0) {
                    throw new AssertionError("no event for " + what + " within 60 s; last: "
                            + engine.get(id).map(Transfer::history).orElse(List.of()));
                }
                events.wait(left);
            }
        }
    }

    private static List<TransferPhase> phases(Transfer t) {
        return t.history().stream().map(PhaseChange::phase).toList();
    }

    @Test
    void uploadThenDownloadThroughTheEngineGiveTheSameBytes() throws Exception {
        Path src = TestImages.sparse(dir, "vm.raw", 24L * MIB, 3, MIB, 51);
        Transfer t = engine.submit(new TransferRequest("ovirt", Direction.UPLOAD, "vm", src.toString(), ovirt.url(), options));
        Transfer done = await(t.id(), x -> x.phase().isFinal(), "a final phase");

        assertThat(done.phase()).as(done.message() + done.errors()).isEqualTo(TransferPhase.FINISHED_SUCCESS);
        assertThat(phases(done)).containsSubsequence(TransferPhase.INITIALIZING, TransferPhase.TRANSFERRING,
                TransferPhase.FINISHED_SUCCESS);
        assertThat(done.bytesDone()).isEqualTo(done.bytesTotal()).isEqualTo(Files.size(src));
        assertThat(journal.find(t.id()).orElseThrow().phase()).isEqualTo(TransferPhase.FINISHED_SUCCESS);

        // the CLI's ServiceRunner drives the download through the same service
        Path out = dir.resolve("vm-back.raw");
        Map<String, String> o = new HashMap<>(options);
        o.put(OvirtOptions.DISK_ID, done.attributes().get("disk_id"));
        TransferRunner.Outcome got = new ServiceRunner(engine).run(new TransferRequest("ovirt", Direction.DOWNLOAD,
                "vm-back.raw", o.get(OvirtOptions.DISK_ID), out.toString(), o), x -> {});
        assertThat(got.ok()).as(got.error()).isTrue();
        // the engine reports finished_success when it finalizes; Ferry's transfer is done only once the file is
        // in place (a CLI that exits on finished_success must never leave just the .part behind)
        assertThat(successBeforeFile).as("finished_success recorded before the downloaded file was renamed into place")
                .isEmpty();
        assertThat(TestImages.sameBytes(src, out)).isTrue();
    }

    @Test
    void pauseAndResumeThroughTheEngineReachTheOvirtEngineAndTheUploadCompletes() throws Exception {
        ovirt.host().delay(Duration.ofMillis(60));
        Path src = TestImages.dense(dir, "p.raw", 32 * MIB, 52);
        Map<String, String> o = new HashMap<>(options);
        o.put(OvirtOptions.CONNECTIONS, "1");
        Transfer t = engine.submit(new TransferRequest("ovirt", Direction.UPLOAD, "p", src.toString(), ovirt.url(), o));
        await(t.id(), x -> x.bytesDone() >= 8L * MIB, "8 MiB sent");

        engine.act(t.id(), PhaseAction.PAUSE);
        await(t.id(), x -> x.phase() == TransferPhase.PAUSED_USER, "paused_user");
        assertThat(ovirt.actions).contains("pause");
        engine.act(t.id(), PhaseAction.RESUME);
        Transfer done = await(t.id(), x -> x.phase().isFinal(), "a final phase");

        assertThat(done.phase()).as(done.message() + done.errors()).isEqualTo(TransferPhase.FINISHED_SUCCESS);
        assertThat(ovirt.actions).containsSubsequence("pause", "resume", "finalize");
        assertThat(phases(done)).containsSubsequence(TransferPhase.TRANSFERRING, TransferPhase.PAUSED_USER,
                TransferPhase.TRANSFERRING, TransferPhase.FINISHED_SUCCESS);
        Path disk = ovirt.diskFile(done.attributes().get("disk_id"));
        assertThat(Files.mismatch(src, disk)).isEqualTo(-1);
    }

    private int indexOf(Predicate<TransferEvent> p) {
        synchronized (events) {
            for (int i = 0; i < events.size(); i++) {
                if (p.test(events.get(i))) {
                    return i;
                }
            }
            return -1;
        }
    }

    @Test
    void aPausedUploadGivesItsSlotToAQueuedOneAndContinuesOnceASlotIsFree() throws Exception {
        engine.setMaxConcurrent(1);
        ovirt.host().delay(Duration.ofMillis(60));
        Path a = TestImages.dense(dir, "a.raw", 32 * MIB, 61);
        Path b = TestImages.dense(dir, "b.raw", 4 * MIB, 62);
        Path c = TestImages.dense(dir, "c.raw", 8 * MIB, 63);
        Map<String, String> o = new HashMap<>(options);
        o.put(OvirtOptions.CONNECTIONS, "1");
        String ta = engine.submit(new TransferRequest("ovirt", Direction.UPLOAD, "a", a.toString(), ovirt.url(), o)).id();
        await(ta, x -> x.bytesDone() >= 8L * MIB, "8 MiB of A sent");
        String tb = engine.submit(new TransferRequest("ovirt", Direction.UPLOAD, "b", b.toString(), ovirt.url(), o)).id();

        engine.act(ta, PhaseAction.PAUSE);
        await(ta, x -> x.phase() == TransferPhase.PAUSED_USER, "A paused_user");
        Transfer bDone = await(tb, x -> x.phase().isFinal(), "B final");
        assertThat(bDone.phase()).as("B ran while A was paused: " + bDone.errors()).isEqualTo(TransferPhase.FINISHED_SUCCESS);
        Transfer aPaused = engine.get(ta).orElseThrow();
        assertThat(aPaused.phase()).isEqualTo(TransferPhase.PAUSED_USER);

        ovirt.host().holdPuts(); // C's data waits at the server: it holds the slot while A is resumed
        String tc = engine.submit(new TransferRequest("ovirt", Direction.UPLOAD, "c", c.toString(), ovirt.url(), o)).id();
        await(tc, x -> x.phase() == TransferPhase.TRANSFERRING, "C transferring");
        engine.act(ta, PhaseAction.RESUME);
        Transfer queued = await(ta, x -> x.phaseReason().startsWith("waiting for a free slot"), "A waiting for a slot");
        assertThat(queued.phaseReason()).isEqualTo("waiting for a free slot (1 of 1 transferring, 0 queued before it)");
        assertThat(queued.phase()).as("resumed on the oVirt engine").isIn(TransferPhase.RESUMING, TransferPhase.TRANSFERRING);
        ovirt.host().releasePuts();
        Transfer cDone = await(tc, x -> x.phase().isFinal(), "C final");
        assertThat(cDone.phase()).isEqualTo(TransferPhase.FINISHED_SUCCESS);
        Transfer aDone = await(ta, x -> x.phase().isFinal(), "A final");

        assertThat(aDone.phase()).as(aDone.message() + aDone.errors()).isEqualTo(TransferPhase.FINISHED_SUCCESS);
        assertThat(aDone.history()).extracting(PhaseChange::reason)
                .containsSubsequence("waiting for a free slot (1 of 1 transferring, 0 queued before it)",
                        "a slot is free: continuing");
        int aMovedAgain = indexOf(e -> e.transfer().id().equals(ta) && e.transfer().bytesDone() > aPaused.bytesDone());
        int cEnded = indexOf(e -> e.transfer().id().equals(tc) && e.transfer().phase() == TransferPhase.FINISHED_SUCCESS);
        assertThat(aMovedAgain).as("A sends more only after C has finished").isGreaterThan(cEnded);
        assertThat(ovirt.host().maxTicketsAtOnce).as("uploads writing to imageio at once, limit 1").hasValue(1);
        assertThat(List.of(aDone, bDone, cDone)).extracting(x -> x.attributes().get("imageio")).containsOnly("host");
        assertThat(Files.mismatch(a, ovirt.diskFile(aDone.attributes().get("disk_id")))).isEqualTo(-1);
        assertThat(Files.mismatch(b, ovirt.diskFile(bDone.attributes().get("disk_id")))).isEqualTo(-1);
        assertThat(Files.mismatch(c, ovirt.diskFile(cDone.attributes().get("disk_id")))).isEqualTo(-1);
    }

    @Test
    void cancelOfAResumedUploadWaitingForASlotReachesTheOvirtEngineAtOnce() throws Exception {
        engine.setMaxConcurrent(1);
        ovirt.host().delay(Duration.ofMillis(60));
        Path a = TestImages.dense(dir, "a.raw", 32 * MIB, 64);
        Path c = TestImages.dense(dir, "c.raw", 8 * MIB, 65);
        Map<String, String> o = new HashMap<>(options);
        o.put(OvirtOptions.CONNECTIONS, "1");
        String ta = engine.submit(new TransferRequest("ovirt", Direction.UPLOAD, "a", a.toString(), ovirt.url(), o)).id();
        await(ta, x -> x.bytesDone() >= 8L * MIB, "8 MiB of A sent");
        engine.act(ta, PhaseAction.PAUSE);
        await(ta, x -> x.phase() == TransferPhase.PAUSED_USER, "A paused_user");
        ovirt.host().holdPuts(); // C's data waits at the server: C holds the only slot until the end of the test
        String tc = engine.submit(new TransferRequest("ovirt", Direction.UPLOAD, "c", c.toString(), ovirt.url(), o)).id();
        await(tc, x -> x.phase() == TransferPhase.TRANSFERRING, "C transferring");
        engine.act(ta, PhaseAction.RESUME);
        await(ta, x -> x.phaseReason().startsWith("waiting for a free slot"), "A waiting for a slot");

        engine.act(ta, PhaseAction.CANCEL);
        Transfer cancelled = await(ta, x -> x.phase() == TransferPhase.FINISHED_CLEANUP, "A cleaned up");

        assertThat(ovirt.actions).containsSubsequence("pause", "resume", "cancel");
        assertThat(engine.get(tc).orElseThrow().phase()).as("C still has the slot").isEqualTo(TransferPhase.TRANSFERRING);
        assertThat(ovirt.diskStatuses()).doesNotContainKey(cancelled.attributes().get("disk_id"));
        ovirt.host().releasePuts();
        assertThat(await(tc, x -> x.phase().isFinal(), "C final").phase()).isEqualTo(TransferPhase.FINISHED_SUCCESS);
    }

    @Test
    void aDownloadOfADiskWithAnOddIdFailsNamingTheId() throws Exception {
        Map<String, String> o = new HashMap<>(options);
        o.put(OvirtOptions.DISK_ID, "../storagedomains");
        Transfer t = engine.submit(new TransferRequest("ovirt", Direction.DOWNLOAD, "odd", "../storagedomains",
                dir.resolve("odd.raw").toString(), o));
        Transfer done = await(t.id(), x -> x.phase().isFinal() || x.phase() == TransferPhase.UNKNOWN, "an end");

        assertThat(done.phase()).as("a clear failure, not unknown: " + done.history()).isEqualTo(TransferPhase.FINISHED_FAILURE);
        assertThat(done.errors().count(io.ferry.domain.ErrorCode.INVALID_ARGUMENT)).isEqualTo(1);
        assertThat(done.errors().count(io.ferry.domain.ErrorCode.INTERNAL)).isZero();
        assertThat(done.phaseReason()).contains("the disk id '../storagedomains' is not an oVirt engine id");
        assertThat(Files.exists(dir.resolve("odd.raw.part"))).isFalse();
    }

    @Test
    void cancelThroughTheEngineEndsInFinishedCleanupAndRemovesTheDisk() throws Exception {
        ovirt.host().delay(Duration.ofMillis(60));
        Path src = TestImages.dense(dir, "c.raw", 32 * MIB, 53);
        Map<String, String> o = new HashMap<>(options);
        o.put(OvirtOptions.CONNECTIONS, "1");
        Transfer t = engine.submit(new TransferRequest("ovirt", Direction.UPLOAD, "c", src.toString(), ovirt.url(), o));
        await(t.id(), x -> x.bytesDone() > 0, "some bytes sent");

        engine.act(t.id(), PhaseAction.CANCEL);
        Transfer done = await(t.id(), x -> x.phase().isFinal() && x.phase() != TransferPhase.CANCELLED_USER, "cleanup done");

        assertThat(done.phase()).isEqualTo(TransferPhase.FINISHED_CLEANUP);
        assertThat(ovirt.actions).contains("cancel");
        assertThat(ovirt.diskCount()).isZero();
    }
}
