package io.ferry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.ferry.app.EngineFactory;
import io.ferry.app.FerryChild;
import io.ferry.domain.Direction;
import io.ferry.domain.PhaseChange;
import io.ferry.domain.Transfer;
import io.ferry.domain.TransferPhase;
import io.ferry.engine.EngineSettings;
import io.ferry.engine.ProviderRegistry;
import io.ferry.engine.TransferEngine;
import io.ferry.engine.TransferRequest;
import io.ferry.engine.TransferSecrets;
import io.ferry.provider.ovirt.OvirtOptions;
import io.ferry.provider.ovirt.OvirtProvider;
import io.ferry.provider.ovirt.PasswordSource;
import io.ferry.provider.ovirt.TestImages;
import io.ferry.provider.ovirt.engine.TransferWatch;
import io.ferry.provider.ovirt.server.EngineServer;
import io.ferry.provider.ovirt.server.ImageioServer;
import io.ferry.provider.ovirt.server.TestTls;
import io.ferry.store.DataDirectory;
import io.ferry.store.EncryptedFileSecretStore;
import io.ferry.store.SecretStore;
import io.ferry.store.SecretStoreTransferSecrets;
import io.ferry.store.SecretStores;
import io.ferry.store.SqliteStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 7 §4 canary for imageio tickets (the path segment of a transfer URL, a bearer capability while it lives),
 * against the in-repo oVirt engine and imageio servers, with the real engine journaling to SQLite and the shipped
 * logback.xml logging at DEBUG into the data directory. Engine mode: only the engine's transfer id is kept; Ferry
 * stops mid-upload and a new engine (nothing in memory) asks the engine for the transfer again and finishes.
 * Plain {@code ferry imageio} mode: the URL is kept in the encrypted secrets file under the transfer's id; a pause
 * ends the first command, {@code ferry resume} in a new session reads the URL back and finishes, and the secret is
 * removed at the end; without a secret store the resume fails with a message saying what to do, and the row stays.
 * In every case no ticket appears in any file of the data directory (database, WAL, secrets file, logs — as UTF-8,
 * UTF-16, Base64 or hex), in {@code --json} output or in any event or message.
 */
class TicketCanaryAgainstInRepoOvirtServerTest {
    private static final int MIB = 1 << 20;
    private static final String PASSPHRASE = "ticket canary passphrase";

    @TempDir
    Path dir;

    Path dataDir;
    final List<String> produced = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        dataDir = DataDirectory.ensure(dir.resolve("data"));
        Canary.logShippedConfigurationAtDebug(dataDir);
    }

    @AfterEach
    void stop() throws Exception {
        Canary.restoreTestLogging();
    }

    private static TransferWatch.Backoff fastBackoff() {
        return new TransferWatch.Backoff(Duration.ofMillis(20), Duration.ofMillis(200), Duration.ofSeconds(30));
    }

    @Test
    void engineModeKeepsOnlyTheTransferIdAndARestartAsksTheEngineForTheTicketAgain() throws Exception {
        Path src = TestImages.dense(dir, "vm.raw", 24 * MIB, 17);
        Path back = dir.resolve("vm-back.raw");
        SecretStore secrets = SecretStores.encryptedFile(dataDir, Map.of(SecretStores.PASSPHRASE_ENV, PASSPHRASE), null)
                .orElseThrow();
        TransferSecrets kept = new SecretStoreTransferSecrets(() -> Optional.of(secrets));
        EngineSettings settings = EngineSettings.defaults().withBandwidthLimit(8L * MIB);
        try (EngineServer ovirt = EngineServer.https(Files.createDirectory(dir.resolve("storage")))) {
            Path pw = Files.writeString(dir.resolve("pw"), EngineServer.PASSWORD);
            Map<String, String> options = Map.of(OvirtOptions.ENGINE, ovirt.url(), OvirtOptions.USER, EngineServer.USER,
                    OvirtOptions.PASSWORD_FILE, pw.toString(), OvirtOptions.CA_FILE, TestTls.pem(dir, "ca.pem").toString(),
                    OvirtOptions.STORAGE_DOMAIN, EngineServer.SD_NAME);
            String id;
            try (SqliteStore store = SqliteStore.open(dataDir)) {
                TransferEngine first = new TransferEngine(ProviderRegistry.of(new OvirtProvider(PasswordSource.fromFile(),
                        fastBackoff())), store, kept, settings);
                try {
                    id = first.submit(new TransferRequest(OvirtProvider.ID, Direction.UPLOAD, "vm", src.toString(),
                            ovirt.url(), options)).id();
                    awaitIn(first, id, t -> t.bytesDone() >= 6L * MIB);
                } finally {
                    first.close(); // Ferry stops mid-upload: the store keeps it transferring, with the engine's id
                }
                Transfer stopped = store.load(id).orElseThrow();
                assertThat(stopped.phase()).isEqualTo(TransferPhase.TRANSFERRING);
                assertThat(stopped.attributes()).containsKey("transfer_id");
                assertThat(ovirt.ticketsIssued).as("the engine issued a ticket").isNotEmpty();
                Canary.assertNowhereIn(dataDir, "engine mode, stopped mid-upload (WAL present)", ovirt.ticketsIssued);

                // the restart: a new engine and provider, nothing in memory; the transfer URL comes from the engine
                try (TransferEngine second = new TransferEngine(ProviderRegistry.of(new OvirtProvider(
                        PasswordSource.fromFile(), fastBackoff())), store, kept, settings)) {
                    Transfer done = awaitIn(second, id, t -> t.phase().isFinal());
                    assertThat(done.phase()).as(done.message() + done.errors()).isEqualTo(TransferPhase.FINISHED_SUCCESS);
                    assertThat(FerryChild.restoredAt(done)).as("resumed from the checkpoint, not from zero")
                            .hasSize(1).allSatisfy(at -> assertThat(at).isGreaterThan(0));
                    String diskId = done.attributes().get("disk_id");
                    assertThat(Files.mismatch(src, ovirt.diskFile(diskId))).isEqualTo(-1L);

                    String down = second.submit(new TransferRequest(OvirtProvider.ID, Direction.DOWNLOAD, "vm-back",
                            diskId, back.toString(), options)).id();
                    Transfer got = awaitIn(second, down, t -> t.phase().isFinal());
                    assertThat(got.phase()).as(got.message() + got.errors()).isEqualTo(TransferPhase.FINISHED_SUCCESS);
                    assertThat(Files.mismatch(src, back)).isEqualTo(-1L);
                    second.list().forEach(t -> produced.add(t.toString()));
                }
            }
            assertThat(ovirt.ticketsIssued).as("an upload and a download ticket at least").hasSizeGreaterThanOrEqualTo(2);
            afterSession(ovirt.ticketsIssued, id);
        }
    }

    @Test
    void aPlainImageioUrlLivesInTheSecretStoreOnlyAndAResumeInANewSessionReadsItBack() throws Exception {
        Map<String, String> env = Map.of(SecretStores.PASSPHRASE_ENV, PASSPHRASE);
        try (ImageioServer server = ImageioServer.https()) {
            String ticket = UUID.randomUUID().toString();
            Path src = TestImages.dense(dir, "disk.raw", 64 * MIB, 23);
            Path image = Files.createFile(dir.resolve("server-image.raw"));
            String url = server.addTicket(ticket, image, Files.size(src), Set.of("read", "write"), Duration.ofHours(1));

            String id = uploadUntilPaused(env, src, url);
            Transfer paused = load(id);
            assertThat(paused.option(OvirtOptions.IMAGEIO_URL, "")).isEqualTo(server.base() + "/images/***");
            assertThat(paused.target()).isEqualTo(server.base() + "/images/***");
            assertThat(paused.option(TransferRequest.SECRET_OPTIONS, "")).isEqualTo(OvirtOptions.IMAGEIO_URL);
            EncryptedFileSecretStore file = new EncryptedFileSecretStore(dataDir, PASSPHRASE.toCharArray());
            assertThat(file.get(SecretStoreTransferSecrets.refFor(id))).as("the URL is kept in the secrets file")
                    .hasValueSatisfying(v -> assertThat(v).contains(url));
            Canary.assertNowhereIn(dataDir, "plain imageio, paused", List.of(ticket));

            CliHarness.Result resumed = cli(env).run("resume", id, "--json");
            produced.add(resumed.out());
            produced.add(resumed.err());
            assertThat(resumed.exit()).as(resumed.err()).isZero();
            Transfer done = load(id);
            assertThat(done.phase()).isEqualTo(TransferPhase.FINISHED_SUCCESS);
            assertThat(done.history()).extracting(PhaseChange::phase).containsSubsequence(TransferPhase.PAUSED_USER,
                    TransferPhase.RESUMING, TransferPhase.TRANSFERRING, TransferPhase.FINISHED_SUCCESS);
            assertThat(Files.mismatch(src, image)).isEqualTo(-1L);
            assertThat(new EncryptedFileSecretStore(dataDir, PASSPHRASE.toCharArray()).get(SecretStoreTransferSecrets.refFor(id)))
                    .as("the URL leaves the secrets file when the transfer ends").isEmpty();
            afterSession(List.of(ticket), id);
        }
    }

    @Test
    void withoutASecretStoreAResumeFailsSayingWhatToDoAndTheTransferStaysInTheHistory() throws Exception {
        Map<String, String> none = Map.of(); // no OS secret store here (no secret-tool), no FERRY_PASSPHRASE
        try (ImageioServer server = ImageioServer.https()) {
            String ticket = UUID.randomUUID().toString();
            Path src = TestImages.dense(dir, "disk.raw", 64 * MIB, 29);
            Path image = Files.createFile(dir.resolve("server-image.raw"));
            String url = server.addTicket(ticket, image, Files.size(src), Set.of("read", "write"), Duration.ofHours(1));

            String id = uploadUntilPaused(none, src, url);
            Transfer paused = load(id);
            assertThat(paused.history()).extracting(PhaseChange::reason)
                    .anySatisfy(r -> assertThat(r).contains("imageio_url kept in memory only", "no secret store is open",
                            "FERRY_PASSPHRASE"));

            CliHarness.Result resumed = cli(none).run("resume", id);
            produced.add(resumed.out());
            produced.add(resumed.err());
            assertThat(resumed.exit()).isNotZero();
            Transfer failed = load(id);
            assertThat(failed.phase()).isEqualTo(TransferPhase.FINISHED_FAILURE);
            assertThat(failed.phaseReason()).contains("is not in the secret store", "FERRY_PASSPHRASE",
                    "Start the transfer again with the URL: ferry imageio upload " + src + " URL");
            assertThat(resumed.out() + resumed.err()).contains("is not in the secret store");
            assertThat(failed.bytesDone()).as("the progress made is still shown").isEqualTo(paused.bytesDone());
            afterSession(List.of(ticket), id);
        }
    }

    /**
     * {@code ferry imageio upload FILE URL --json} (one connection: progress every 8 MiB chunk) until
     * {@code ferry pause} (from another shell) ends it.
     */
    private String uploadUntilPaused(Map<String, String> env, Path src, String url) throws Exception {
        CompletableFuture<CliHarness.Result> first = CompletableFuture.supplyAsync(() -> cli(env).run("imageio", "upload",
                src.toString(), url, "--ca-file", TestTls.pem(dir, "ca.pem").toString(), "--connections", "1", "--json"));
        Transfer moving = awaitStored(t -> t.bytesDone() >= 16L * MIB, first);
        CliHarness.Result pause = CliHarness.withoutEngine(dataDir).run("pause", moving.id());
        assertThat(pause.exit()).as(pause.err() + " / " + moving).isZero();
        CliHarness.Result ended = first.get(60, TimeUnit.SECONDS);
        produced.add(ended.out());
        produced.add(ended.err());
        produced.add(pause.out());
        Transfer paused = load(moving.id());
        assertThat(paused.phase()).as(ended.err()).isEqualTo(TransferPhase.PAUSED_USER);
        assertThat(paused.bytesDone()).isBetween(16L * MIB, 64L * MIB - 1);
        return moving.id();
    }

    /** Ferry with the real engine (8 MiB/s, so a pause finds it mid-way) and the real oVirt provider. */
    private CliHarness cli(Map<String, String> env) {
        EngineFactory engines = (journal, secrets, providers, settings) -> new TransferEngine(ProviderRegistry.of(providers),
                journal, secrets, EngineSettings.defaults().withBandwidthLimit(8L * MIB));
        return new CliHarness(dataDir, List.of(new OvirtProvider(PasswordSource.fromFile(), fastBackoff())), engines, env);
    }

    /** The session is over: the log is closed, {@code --json} output is read, and every ticket is looked for. */
    private void afterSession(List<String> tickets, String id) throws Exception {
        Canary.stopLogging();
        CliHarness cli = CliHarness.withoutEngine(dataDir);
        for (String[] args : List.of(new String[] {"list", "--json"}, new String[] {"show", id, "--json"})) {
            CliHarness.Result r = cli.run(args);
            assertThat(r.exit()).as(String.join(" ", args) + ": " + r.err()).isZero();
            assertThat(r.out()).contains(id);
            produced.add(r.out());
            produced.add(r.err());
        }
        try (SqliteStore store = SqliteStore.open(dataDir)) {
            store.loadAll().forEach(t -> produced.add(t.toString()));
        }
        for (String ticket : tickets) {
            assertThat(produced).as("--json output, messages and transfers").noneMatch(s -> s.contains(ticket));
        }
        assertThat(Canary.files(dataDir)).extracting(f -> f.getFileName().toString()).contains(SqliteStore.FILE_NAME);
        Canary.assertNowhereIn(dataDir, "after the session", tickets);
        assertThat(Files.readString(dataDir.resolve("logs/ferry.log"))).as("the log was really written").isNotBlank();
    }

    private Transfer load(String id) {
        try (SqliteStore store = SqliteStore.open(dataDir)) {
            return store.load(id).orElseThrow();
        }
    }

    private Transfer awaitStored(Predicate<Transfer> condition, CompletableFuture<CliHarness.Result> run)
            throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(60);
        while (Instant.now().isBefore(deadline)) {
            if (Files.exists(dataDir.resolve(SqliteStore.FILE_NAME))) {
                try (SqliteStore store = SqliteStore.open(dataDir)) {
                    Optional<Transfer> t = store.loadAll().stream().filter(condition).findFirst();
                    if (t.isPresent()) {
                        return t.get();
                    }
                }
            }
            if (run.isDone()) {
                throw new AssertionError("the command ended first: " + run.join().err());
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no transfer reached the expected state in time");
    }

    private static Transfer awaitIn(TransferEngine engine, String id, Predicate<Transfer> condition)
            throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(90);
        while (Instant.now().isBefore(deadline)) {
            Transfer t = engine.get(id).orElseThrow();
            if (condition.test(t)) {
                return t;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("transfer " + id + " did not reach the expected state: " + engine.get(id).orElseThrow());
    }

}
