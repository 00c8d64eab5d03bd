package io.ferry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.ferry.cli.ovirt.LocalTransferContext;
import io.ferry.domain.Direction;
import io.ferry.domain.Transfer;
import io.ferry.domain.TransferPhase;
import io.ferry.engine.EngineSettings;
import io.ferry.engine.ProviderRegistry;
import io.ferry.engine.RetryPolicy;
import io.ferry.engine.TransferEngine;
import io.ferry.engine.TransferEvent;
import io.ferry.engine.TransferRequest;
import io.ferry.provider.ovirt.OvirtOptions;
import io.ferry.provider.ovirt.OvirtProvider;
import io.ferry.provider.ovirt.PasswordSource;
import io.ferry.provider.ovirt.TestImages;
import io.ferry.provider.ovirt.engine.TransferWatch;
import io.ferry.provider.ovirt.server.EngineServer;
import io.ferry.provider.ovirt.server.TestTls;
import io.ferry.store.ConnectionProfile;
import io.ferry.store.DataDirectory;
import io.ferry.store.EncryptedFileSecretStore;
import io.ferry.store.ProfileType;
import io.ferry.store.SecretStore;
import io.ferry.store.SecretStores;
import io.ferry.store.SqliteStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 7 §4 canary: an oVirt engine password kept in the store's encrypted-file secret store (no Secret Service
 * here) is used for real uploads through the real TransferEngine journaling to SQLite against the in-repo oVirt
 * engine, with the shipped logback.xml logging at DEBUG into the data directory; one session succeeds, one fails
 * at login. Afterwards the canary appears nowhere: not in any file of the data directory (database, WAL, secrets
 * file, logs — as UTF-8, UTF-16, Base64 or hex), not in {@code --json} output of the CLI, not in any exception
 * message or error breakdown produced.
 */
class SecretCanaryAgainstInRepoOvirtServerTest {
    static final String CANARY = "Canary-9f2c41e7-oVirtPw";

    @TempDir
    Path dir;

    Path dataDir;
    EngineServer ovirt;
    final List<String> produced = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws Exception {
        dataDir = DataDirectory.ensure(dir.resolve("data"));
        Canary.logShippedConfigurationAtDebug(dataDir);
        ovirt = EngineServer.https(Files.createDirectory(dir.resolve("storage")));
        ovirt.password = CANARY;
    }

    @AfterEach
    void stop() throws Exception {
        ovirt.close();
        Canary.restoreTestLogging();
    }

    /** The oVirt password as the GUI would get it: the profile's reference looked up in the secret store. */
    private static PasswordSource fromSecretStore(SecretStore secrets, String ref) {
        return (t, o) -> secrets.get(ref).orElseThrow(() -> new IOException("no secret stored under " + ref))
                .toCharArray();
    }

    @Test
    void theCanaryPasswordAppearsNowhereAfterASession() throws Exception {
        SecretStore secrets = SecretStores.open(dataDir, Map.of(SecretStores.PASSPHRASE_ENV, "operator passphrase"),
                "test-os", null).orElseThrow();
        assertThat(secrets).isInstanceOf(EncryptedFileSecretStore.class);
        Path src = TestImages.dense(dir, "vm.raw", 3 * 1024 * 1024, 91);
        String okId;
        String failedId;
        try (SqliteStore store = SqliteStore.open(dataDir)) {
            ConnectionProfile profile = new ConnectionProfile("p-ovirt", ProfileType.OVIRT, "lab engine",
                    Map.of("url", ovirt.url(), "user", EngineServer.USER), ConnectionProfile.secretRefFor("p-ovirt"));
            store.saveProfile(profile);
            secrets.put(profile.secretRef(), CANARY);

            OvirtProvider provider = new OvirtProvider(fromSecretStore(secrets, profile.secretRef()),
                    new TransferWatch.Backoff(Duration.ofMillis(20), Duration.ofMillis(200), Duration.ofSeconds(30)));
            Map<String, String> options = Map.of(OvirtOptions.ENGINE, ovirt.url(), OvirtOptions.USER, EngineServer.USER,
                    OvirtOptions.CA_FILE, TestTls.pem(dir, "ca.pem").toString(),
                    OvirtOptions.STORAGE_DOMAIN, EngineServer.SD_NAME);
            List<TransferEvent> events = new ArrayList<>();
            try (TransferEngine engine = new TransferEngine(ProviderRegistry.of(provider), store,
                    EngineSettings.defaults().withRetry(new RetryPolicy(Duration.ofMillis(20), 2, Duration.ofMillis(100), 2, 0)))) {
                engine.subscribe(e -> {
                    synchronized (events) {
                        events.add(e);
                        events.notifyAll();
                    }
                });
                okId = engine.submit(new TransferRequest("ovirt", Direction.UPLOAD, "vm", src.toString(), ovirt.url(), options)).id();
                Transfer ok = awaitFinal(events, okId);
                assertThat(ok.phase()).as(ok.message() + ok.errors()).isEqualTo(TransferPhase.FINISHED_SUCCESS);
                scanDataDirectory("while the store is open (WAL present)");

                // the engine changes the password and drops the session: Ferry logs in again with the canary, refused
                ovirt.password = "rotated-by-admin";
                ovirt.revokeTokens();
                OvirtProvider fresh = new OvirtProvider(fromSecretStore(secrets, profile.secretRef()),
                        new TransferWatch.Backoff(Duration.ofMillis(20), Duration.ofMillis(200), Duration.ofSeconds(30)));
                LocalTransferContext direct = new LocalTransferContext(Transfer.create(UUID.randomUUID().toString(), "ovirt",
                        Direction.UPLOAD, "vm2", src.toString(), ovirt.url(), options, Instant.now()), Clock.systemUTC(), null);
                try {
                    fresh.run(direct);
                    throw new AssertionError("a refused login must fail the upload");
                } catch (Exception e) {
                    for (Throwable c = e; c != null; c = c.getCause()) {
                        produced.add(String.valueOf(c.getMessage()));
                        produced.add(c.toString());
                    }
                }
                produced.add(direct.current().toString());

                failedId = engine.submit(new TransferRequest("ovirt", Direction.UPLOAD, "vm3", src.toString(), ovirt.url(),
                        options)).id();
                Transfer failed = awaitFinal(events, failedId);
                assertThat(failed.phase()).isNotEqualTo(TransferPhase.FINISHED_SUCCESS);
                synchronized (events) {
                    events.forEach(e -> produced.add(e.transfer().toString()));
                }
            }
        }
        Canary.stopLogging(); // flush and close the log file

        CliHarness cli = CliHarness.withoutEngine(dataDir);
        for (String[] args : List.of(new String[] {"list", "--json"}, new String[] {"show", okId, "--json"},
                new String[] {"show", failedId, "--json"})) {
            CliHarness.Result r = cli.run(args);
            assertThat(r.exit()).as(String.join(" ", args) + ": " + r.err()).isZero();
            assertThat(r.out()).as("ferry " + String.join(" ", args)).contains(args.length > 2 ? args[1] : okId);
            produced.add(r.out());
            produced.add(r.err());
        }

        assertThat(produced).as("messages, breakdowns and --json output").noneMatch(s -> s.contains(CANARY));
        scanDataDirectory("after the session");
        assertThat(dataDir.resolve("logs/ferry.log")).exists();
        assertThat(Files.readString(dataDir.resolve("logs/ferry.log"))).as("the log was really written").isNotBlank();
    }

    private Transfer awaitFinal(List<TransferEvent> events, String id) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 60_000;
        synchronized (events) {
            while (true) {
                for (TransferEvent e : events) {
                    if (e.transfer().id().equals(id) && e.transfer().phase().isFinal()) {
                        return e.transfer();
                    }
                }
                long left = deadline - System.currentTimeMillis();
                assertThat(left).as("a final phase for " + id + " within 60 s").isPositive();
                events.wait(left);
            }
        }
    }

    private void scanDataDirectory(String when) throws IOException {
        assertThat(Canary.files(dataDir)).extracting(f -> f.getFileName().toString())
                .contains(SqliteStore.FILE_NAME, EncryptedFileSecretStore.FILE_NAME);
        Canary.assertNowhereIn(dataDir, when, List.of(CANARY));
    }
}
