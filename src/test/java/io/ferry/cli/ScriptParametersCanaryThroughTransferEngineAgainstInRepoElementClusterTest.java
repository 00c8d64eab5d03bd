package io.ferry.cli;

import static io.ferry.provider.element.FakeElementCluster.frames;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ferry.domain.Direction;
import io.ferry.domain.ErrorCode;
import io.ferry.domain.PhaseAction;
import io.ferry.domain.Transfer;
import io.ferry.domain.TransferPhase;
import io.ferry.engine.EngineSettings;
import io.ferry.engine.ProviderRegistry;
import io.ferry.engine.RetryPolicy;
import io.ferry.engine.TransferEngine;
import io.ferry.engine.TransferEvent;
import io.ferry.engine.TransferRequest;
import io.ferry.engine.TransferSecrets;
import io.ferry.provider.Provider;
import io.ferry.provider.element.ElementClient;
import io.ferry.provider.element.ElementOptions;
import io.ferry.provider.element.ElementProfile;
import io.ferry.provider.element.ElementProvider;
import io.ferry.provider.element.FakeElementCluster;
import io.ferry.provider.element.FakeElementCluster.Frame;
import io.ferry.provider.element.PinnedCertificateTrust;
import io.ferry.provider.remote.PollLoop;
import io.ferry.provider.remote.TestCertificates;
import io.ferry.store.DataDirectory;
import io.ferry.store.SecretStore;
import io.ferry.store.SecretStoreTransferSecrets;
import io.ferry.store.SecretStores;
import io.ferry.store.SqliteStore;
import io.ferry.testing.FaultProxy;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 7 §4 canary for NetApp Element: the script parameters of a bulk volume job (an S3 secret key) given as the
 * option {@code element.scriptParameters} of a request to the real TransferEngine, journaling to a real SQLite
 * store, with the secret store an encrypted file under a passphrase (no OS secret store here) and the shipped
 * logback.xml logging at DEBUG into the data directory. The job is started on the in-repo cluster
 * ({@link FakeElementCluster}, over pinned TLS through {@link FaultProxy}): normally, after a lost start answer
 * (reset: started again on a retry; stalled: found by its marker), across a restart, and after a restart with no
 * secret store open. The cluster receives the real parameters; the canary appears nowhere in the data directory
 * (database, WAL, secrets file, logs — UTF-8, UTF-16, Base64, hex), in {@code --json} output, in events, error
 * breakdowns or exception messages; the secret store entry is gone once the start has answered.
 */
class ScriptParametersCanaryThroughTransferEngineAgainstInRepoElementClusterTest {
    static final String CANARY = "Canary-S3secret-7d41c0e9b2";
    static final String PARAMS = "{\"write\":{\"endpoint\":\"https://s3.example.com\",\"bucket\":\"backups\","
            + "\"prefix\":\"vol5\",\"awsAccessKeyID\":\"AKIAEXAMPLE\",\"awsSecretAccessKey\":\"" + CANARY + "\"}}";
    static final String PASSPHRASE = "operator passphrase";
    private static final Predicate<FaultProxy.Request> RPC = r -> r.method().equals("POST") && r.target().startsWith("/json-rpc/");
    private static final RetryPolicy SHORT = new RetryPolicy(Duration.ofMillis(20), 2.0, Duration.ofMillis(200), 3, 0);
    /** A backoff long enough that the transfer is still waiting in paused_system when Ferry is stopped. */
    private static final RetryPolicy LONG = new RetryPolicy(Duration.ofMinutes(10), 2.0, Duration.ofMinutes(10), 3, 0);

    static TestCertificates certs;

    @TempDir
    Path dir;

    Path dataDir;
    MockWebServer server;
    FakeElementCluster cluster;
    FaultProxy proxy;
    ElementClient client;
    final List<String> produced = new CopyOnWriteArrayList<>();
    final List<TransferEvent> events = new ArrayList<>();

    @BeforeAll
    static void certificate() throws Exception {
        certs = TestCertificates.shared();
    }

    @BeforeEach
    void start() throws Exception {
        dataDir = DataDirectory.ensure(dir.resolve("data"));
        Canary.logShippedConfigurationAtDebug(dataDir);
        cluster = new FakeElementCluster("12.3", "admin", "s3cret", Set.of(5L));
        server = new MockWebServer();
        server.setDispatcher(cluster);
        server.start(InetAddress.getByName("127.0.0.1"), 0);
        proxy = new FaultProxy(server.getPort(), certs.serverSocketFactory);
        client = new ElementClient(new ElementProfile("https://127.0.0.1:" + proxy.port(), "12.3", "admin", "s3cret",
                PinnedCertificateTrust.fingerprint(certs.certificate), Duration.ofSeconds(1)));
    }

    @AfterEach
    void stop() throws Exception {
        proxy.close();
        server.close();
        Canary.restoreTestLogging();
    }

    /** The encrypted secrets file under the operator's passphrase, opened as a new Ferry process would. */
    private SecretStore secretsFile() {
        return SecretStores.encryptedFile(dataDir, Map.of(SecretStores.PASSPHRASE_ENV, PASSPHRASE), null).orElseThrow();
    }

    private TransferEngine engine(SqliteStore store, TransferSecrets secrets, RetryPolicy retry) {
        TransferEngine e = new TransferEngine(ProviderRegistry.of(new ElementProvider(t -> client, Duration.ofMillis(20))),
                store, secrets, EngineSettings.defaults().withRetry(retry));
        e.subscribe(ev -> {
            synchronized (events) {
                events.add(ev);
                events.notifyAll();
            }
        });
        return e;
    }

    /** A scripted read (backup to S3), the script parameters given as an option as any caller of the engine may. */
    private static TransferRequest backup() {
        Map<String, String> o = new HashMap<>();
        o.put(PollLoop.OPTION_INTERVAL, "0.02");
        o.put(ElementOptions.VOLUME_ID, "5");
        o.put(ElementOptions.SCRIPT, "bv_internal.py");
        o.put(ElementOptions.SCRIPT_PARAMETERS, PARAMS);
        return new TransferRequest("element", Direction.DOWNLOAD, "volume 5 to S3", "volume 5", "s3://backups/vol5", o);
    }

    /** What SQLite and the secret store held when the start reached the cluster. */
    private record AtStart(String option, Optional<String> secret) {}

    private AtomicReference<AtStart> seenAtStart(SqliteStore store, SecretStore secrets) {
        AtomicReference<AtStart> seen = new AtomicReference<>();
        cluster.onStart = () -> {
            Transfer t = store.loadAll().getFirst();
            seen.set(new AtStart(t.option(ElementOptions.SCRIPT_PARAMETERS, "(none)"),
                    secrets.get(SecretStoreTransferSecrets.refFor(t.id()))));
        };
        return seen;
    }

    /**
     * The secret store as the engine sees it, noting the phase the journal held when the transfer's entry was
     * first removed: before the final phase means it left as soon as the start had answered.
     */
    private static TransferSecrets notingRemoval(SecretStore secrets, SqliteStore store, AtomicReference<TransferPhase> at) {
        SecretStoreTransferSecrets real = new SecretStoreTransferSecrets(() -> Optional.of(secrets));
        return new TransferSecrets() {
            @Override
            public boolean keep(String transferId, Map<String, String> values) {
                return real.keep(transferId, values);
            }

            @Override
            public Optional<Map<String, String>> find(String transferId) {
                return real.find(transferId);
            }

            @Override
            public void forget(String transferId) {
                at.compareAndSet(null, store.loadAll().getFirst().phase());
                real.forget(transferId);
            }
        };
    }

    private void assertTheClusterGotTheRealParameters(int starts) {
        List<ObjectNode> calls = cluster.calls("StartBulkVolumeRead");
        assertThat(calls).as("StartBulkVolumeRead calls that reached the cluster").hasSize(starts);
        assertThat(cluster.jobCount()).as("jobs on the cluster").isEqualTo(1);
        for (ObjectNode c : calls) {
            assertThat(c.path("params").path("scriptParameters").path("write").path("awsSecretAccessKey").asText())
                    .as("the script parameters the cluster received").isEqualTo(CANARY);
        }
    }

    private void assertGoneFromTheSecretStore(String id) {
        assertThat(secretsFile().get(SecretStoreTransferSecrets.refFor(id)))
                .as("the transfer's secret store entry once the start has answered").isEmpty();
    }

    /** Closes the log, runs {@code ferry list/show --json} over the data directory and scans everything. */
    private void assertTheCanaryAppearsNowhere(String id) throws Exception {
        Canary.stopLogging();
        CliHarness cli = CliHarness.withoutEngine(dataDir);
        for (String[] args : List.of(new String[] {"list", "--json"}, new String[] {"show", id, "--json"})) {
            CliHarness.Result r = cli.run(args);
            assertThat(r.exit()).as(String.join(" ", args) + ": " + r.err()).isZero();
            assertThat(r.out()).as("ferry " + String.join(" ", args)).contains(id);
            produced.add(r.out());
            produced.add(r.err());
        }
        synchronized (events) {
            events.forEach(e -> produced.add(e.transfer().toString()));
        }
        assertThat(produced).as("messages, breakdowns, events and --json output").noneMatch(s -> s.contains(CANARY));
        Canary.assertNowhereIn(dataDir, "after the session", List.of(CANARY));
        assertThat(dataDir.resolve("logs/ferry.log")).as("the log was really written").isNotEmptyFile();
    }

    private Transfer await(String id, Predicate<Transfer> p, String what) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 60_000;
        synchronized (events) {
            while (true) {
                for (TransferEvent e : events) {
                    if (e.transfer().id().equals(id) && p.test(e.transfer())) {
                        return e.transfer();
                    }
                }
                long left = deadline - System.currentTimeMillis();
                if (left <= 0) {
                    throw new AssertionError("timed out waiting for " + what + " of " + id + "; events: " + events);
                }
                events.wait(left);
            }
        }
    }

    private Transfer awaitFinal(String id) throws InterruptedException {
        return await(id, t -> t.phase().isFinal(), "a final phase");
    }

    private void keep(Transfer t) {
        produced.add(t.toString());
        produced.add(t.message());
        produced.add(t.phaseReason());
        produced.add(String.valueOf(t.errors().toWire()));
    }

    @Test
    void aBackupStartedThroughTheEngineSendsTheRealParametersAndStoresOnlyAPlaceholder() throws Exception {
        cluster.scriptNextJob(frames(new Frame("running", 50, 1, 1)), FakeElementCluster.success());
        String id;
        try (SqliteStore store = SqliteStore.open(dataDir)) {
            SecretStore secrets = secretsFile();
            AtomicReference<AtStart> atStart = seenAtStart(store, secrets);
            AtomicReference<TransferPhase> removedIn = new AtomicReference<>();
            try (TransferEngine engine = engine(store, notingRemoval(secrets, store, removedIn), SHORT)) {
                Transfer first = engine.submit(backup());
                id = first.id();
                assertThat(first.option(ElementOptions.SCRIPT_PARAMETERS, "")).isEqualTo(Provider.SECRET_PLACEHOLDER);
                Transfer done = awaitFinal(id);
                keep(done);
                assertThat(done.phase()).as(done.phaseReason() + " " + done.errors()).isEqualTo(TransferPhase.FINISHED_SUCCESS);
                assertThat(atStart.get().option()).as("SQLite while the start was on the wire")
                        .isEqualTo(Provider.SECRET_PLACEHOLDER);
                assertThat(atStart.get().secret()).as("the secret store while the start was on the wire")
                        .hasValueSatisfying(v -> assertThat(v).contains(CANARY));
                assertThat(done.option(ElementOptions.SCRIPT_PARAMETERS, "")).isEqualTo("(sent to the cluster; not stored)");
                assertThat(removedIn.get()).as("the phase when the secret left the secret store: once the start answered,"
                        + " not only at the end").isEqualTo(TransferPhase.INITIALIZING);
                Canary.assertNowhereIn(dataDir, "while the store is open (WAL present)", List.of(CANARY));
            }
        }
        assertTheClusterGotTheRealParameters(1);
        assertGoneFromTheSecretStore(id);
        assertTheCanaryAppearsNowhere(id);
    }

    @Test
    void aStartResetOnTheWireIsRetriedWithTheParametersFromTheSecretStore() throws Exception {
        cluster.scriptNextJob(frames(new Frame("running", 50, 1, 1)), FakeElementCluster.success());
        proxy.inject(FaultProxy.reset(), 1, RPC); // the first start never reaches the cluster
        String id;
        try (SqliteStore store = SqliteStore.open(dataDir)) {
            SecretStore secrets = secretsFile();
            AtomicReference<AtStart> atStart = seenAtStart(store, secrets);
            try (TransferEngine engine = engine(store, new SecretStoreTransferSecrets(() -> Optional.of(secrets)), SHORT)) {
                id = engine.submit(backup()).id();
                Transfer done = awaitFinal(id);
                keep(done);
                assertThat(proxy.injected(FaultProxy.Reset.class)).isEqualTo(1);
                assertThat(done.phase()).as(done.phaseReason() + " " + done.errors()).isEqualTo(TransferPhase.FINISHED_SUCCESS);
                assertThat(done.errors().count(ErrorCode.UNAVAILABLE)).as("the lost start, retried").isEqualTo(1);
                assertThat(atStart.get()).as("the retried start: SQLite holds the placeholder, the secret store the value")
                        .isEqualTo(new AtStart(Provider.SECRET_PLACEHOLDER, atStart.get().secret()));
                assertThat(atStart.get().secret()).hasValueSatisfying(v -> assertThat(v).contains(CANARY));
            }
        }
        assertTheClusterGotTheRealParameters(1);
        assertGoneFromTheSecretStore(id);
        assertTheCanaryAppearsNowhere(id);
    }

    @Test
    void aStartWhoseAnswerIsLostIsFoundByItsMarkerAndTheSecretLeavesTheStore() throws Exception {
        cluster.scriptNextJob(frames(new Frame("running", 50, 1, 1)), FakeElementCluster.success());
        proxy.inject(FaultProxy.stall(Duration.ofSeconds(20)), 1, RPC); // the start reaches the cluster, its answer not
        String id;
        try (SqliteStore store = SqliteStore.open(dataDir)) {
            SecretStore secrets = secretsFile();
            AtomicReference<TransferPhase> removedIn = new AtomicReference<>();
            try (TransferEngine engine = engine(store, notingRemoval(secrets, store, removedIn), SHORT)) {
                id = engine.submit(backup()).id();
                Transfer done = awaitFinal(id);
                keep(done);
                assertThat(done.phase()).as(done.phaseReason() + " " + done.errors()).isEqualTo(TransferPhase.FINISHED_SUCCESS);
                assertThat(done.attributes().get("foundBy")).contains("marker");
                assertThat(removedIn.get()).as("the phase when the secret left the secret store: once the job was found")
                        .isEqualTo(TransferPhase.INITIALIZING);
                assertThat(done.option(ElementOptions.SCRIPT_PARAMETERS, "")).isEqualTo("(sent to the cluster; not stored)");
            }
        }
        assertTheClusterGotTheRealParameters(1);
        assertGoneFromTheSecretStore(id);
        assertTheCanaryAppearsNowhere(id);
    }

    @Test
    void afterARestartTheResumedStartReadsTheParametersBackFromTheSecretsFile() throws Exception {
        cluster.scriptNextJob(frames(new Frame("running", 50, 1, 1)), FakeElementCluster.success());
        proxy.inject(FaultProxy.reset(), 1, RPC);
        String id;
        try (SqliteStore store = SqliteStore.open(dataDir)) {
            SecretStore secrets = secretsFile();
            try (TransferEngine engine = engine(store, new SecretStoreTransferSecrets(() -> Optional.of(secrets)), LONG)) {
                id = engine.submit(backup()).id();
                keep(await(id, t -> t.phase() == TransferPhase.PAUSED_SYSTEM, "the wait before a retry"));
            } // Ferry stops while the transfer waits for its retry
            assertThat(store.loadAll().getFirst().option(ElementOptions.SCRIPT_PARAMETERS, "")).isEqualTo(Provider.SECRET_PLACEHOLDER);
        }
        assertThat(cluster.calls("StartBulkVolumeRead")).as("nothing reached the cluster before the restart").isEmpty();
        Canary.assertNowhereIn(dataDir, "between the two sessions", List.of(CANARY));

        try (SqliteStore store = SqliteStore.open(dataDir)) {
            SecretStore secrets = secretsFile(); // a new process: the file opened again with the passphrase
            try (TransferEngine engine = engine(store, new SecretStoreTransferSecrets(() -> Optional.of(secrets)), SHORT)) {
                engine.act(id, PhaseAction.RESUME);
                Transfer done = awaitFinal(id);
                keep(done);
                assertThat(done.phase()).as(done.phaseReason() + " " + done.errors()).isEqualTo(TransferPhase.FINISHED_SUCCESS);
            }
        }
        assertTheClusterGotTheRealParameters(1);
        assertGoneFromTheSecretStore(id);
        assertTheCanaryAppearsNowhere(id);
    }

    @Test
    void afterARestartWithNoSecretStoreAJobStartedBeforeIsFoundByItsMarkerWithoutTheParameters() throws Exception {
        cluster.scriptNextJob(frames(new Frame("running", 50, 1, 1)), FakeElementCluster.success());
        proxy.inject(FaultProxy.stall(Duration.ofSeconds(20)), 1, RPC); // the start reaches the cluster, its answer not
        proxy.inject(FaultProxy.status(503, "text/html", "<html><head><title>503</title></head></html>"), 1, RPC); // the lookup
        String id;
        try (SqliteStore store = SqliteStore.open(dataDir)) {
            SecretStore secrets = secretsFile();
            try (TransferEngine engine = engine(store, new SecretStoreTransferSecrets(() -> Optional.of(secrets)), LONG)) {
                id = engine.submit(backup()).id();
                keep(await(id, t -> t.phase() == TransferPhase.PAUSED_SYSTEM, "the wait before a retry"));
            }
        }
        try (SqliteStore store = SqliteStore.open(dataDir)) {
            try (TransferEngine engine = engine(store, new SecretStoreTransferSecrets(Optional::empty), SHORT)) {
                engine.act(id, PhaseAction.RESUME);
                Transfer done = awaitFinal(id);
                keep(done);
                assertThat(done.phase()).as(done.phaseReason() + " " + done.errors()).isEqualTo(TransferPhase.FINISHED_SUCCESS);
                assertThat(done.attributes().get("foundBy")).contains("marker");
            }
        }
        assertTheClusterGotTheRealParameters(1);
        assertTheCanaryAppearsNowhere(id);
    }

    /** What an earlier Ferry left: a backup in initializing with the parameters in its stored options. */
    private static Transfer plainRowFromAnEarlierFerry() {
        TransferRequest r = backup();
        return Transfer.create("t-earlier", r.provider(), r.direction(), r.name(), r.source(), r.target(), r.options(),
                java.time.Instant.now());
    }

    @Test
    void aRowAnEarlierFerryStoredWithPlainParametersIsMovedToTheSecretStoreOnRestart() throws Exception {
        cluster.scriptNextJob(frames(new Frame("running", 50, 1, 1)), FakeElementCluster.success());
        try (SqliteStore store = SqliteStore.open(dataDir)) {
            store.save(plainRowFromAnEarlierFerry());
            SecretStore secrets = secretsFile();
            AtomicReference<AtStart> atStart = seenAtStart(store, secrets);
            try (TransferEngine engine = engine(store, new SecretStoreTransferSecrets(() -> Optional.of(secrets)), SHORT)) {
                Transfer done = awaitFinal("t-earlier");
                keep(done);
                assertThat(done.phase()).as(done.phaseReason() + " " + done.errors()).isEqualTo(TransferPhase.FINISHED_SUCCESS);
            }
            assertThat(atStart.get().option()).as("the row when the start was sent").isEqualTo(Provider.SECRET_PLACEHOLDER);
            assertThat(atStart.get().secret()).hasValueSatisfying(v -> assertThat(v).contains(CANARY));
            assertThat(store.loadAll().getFirst().toString()).doesNotContain(CANARY);
        }
        // the row's old bytes too: the store zeroes what it overwrites (secure_delete)
        Canary.assertNowhereIn(dataDir, "after the row was moved", List.of(CANARY));
        assertTheClusterGotTheRealParameters(1);
        assertGoneFromTheSecretStore("t-earlier");
    }

    @Test
    void aRowWithPlainParametersAndNoSecretStoreOpenIsLeftAsItWasAndStillStarts() throws Exception {
        cluster.scriptNextJob(frames(new Frame("running", 50, 1, 1)), FakeElementCluster.success());
        try (SqliteStore store = SqliteStore.open(dataDir)) {
            store.save(plainRowFromAnEarlierFerry());
            AtomicReference<String> optionAtStart = new AtomicReference<>();
            cluster.onStart = () -> optionAtStart.set(store.loadAll().getFirst().option(ElementOptions.SCRIPT_PARAMETERS, ""));
            try (TransferEngine engine = engine(store, new SecretStoreTransferSecrets(Optional::empty), SHORT)) {
                Transfer done = awaitFinal("t-earlier");
                assertThat(done.phase()).as(done.phaseReason() + " " + done.errors()).isEqualTo(TransferPhase.FINISHED_SUCCESS);
            }
            assertThat(optionAtStart.get()).as("nothing is lost: the row kept its parameters").isEqualTo(PARAMS);
            assertThat(store.loadAll().getFirst().option(ElementOptions.SCRIPT_PARAMETERS, ""))
                    .isEqualTo("(sent to the cluster; not stored)");
        }
        assertTheClusterGotTheRealParameters(1);
    }

    @Test
    void afterARestartWithNoSecretStoreOpenTheStartFailsClearlyAndTheRowStays() throws Exception {
        proxy.inject(FaultProxy.reset(), 1, RPC);
        String id;
        try (SqliteStore store = SqliteStore.open(dataDir)) {
            SecretStore secrets = secretsFile();
            try (TransferEngine engine = engine(store, new SecretStoreTransferSecrets(() -> Optional.of(secrets)), LONG)) {
                id = engine.submit(backup()).id();
                keep(await(id, t -> t.phase() == TransferPhase.PAUSED_SYSTEM, "the wait before a retry"));
            }
        }
        try (SqliteStore store = SqliteStore.open(dataDir)) {
            // no OS secret store, FERRY_PASSPHRASE unset and nothing unlocked: none open
            try (TransferEngine engine = engine(store, new SecretStoreTransferSecrets(Optional::empty), SHORT)) {
                engine.act(id, PhaseAction.RESUME);
                Transfer done = awaitFinal(id);
                keep(done);
                assertThat(done.phase()).isEqualTo(TransferPhase.FINISHED_FAILURE);
                assertThat(done.errors().count(ErrorCode.FAILED_PRECONDITION)).isEqualTo(1);
                assertThat(done.message() + " " + done.phaseReason() + " " + done.errors().toWire())
                        .contains("script parameters", "not in the secret store", "FERRY_PASSPHRASE", "unlock the secrets file");
            }
            assertThat(store.loadAll()).extracting(Transfer::id).as("the row is kept").containsExactly(id);
        }
        assertThat(cluster.calls("StartBulkVolumeRead")).as("nothing was started without the parameters").isEmpty();
        assertThat(secretsFile().get(SecretStoreTransferSecrets.refFor(id)))
                .as("the secret is still in the secrets file for a session that can open it")
                .hasValueSatisfying(v -> assertThat(v).contains(CANARY));
        assertTheCanaryAppearsNowhere(id);
    }
}
