package io.ferry.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ferry.provider.gcs.GcsProvider;
import io.ferry.provider.tls.Trust;
import io.ferry.provider.ovirt.server.EngineServer;
import io.ferry.provider.ovirt.server.TestTls;
import io.ferry.store.ConnectionProfile;
import io.ferry.store.EncryptedFileSecretStore;
import io.ferry.store.SecretStore;
import io.ferry.store.SqliteStore;
import io.ferry.ui.connections.ConnectionException;
import io.ferry.ui.connections.ConnectionsPort.Certificate;
import io.ferry.ui.connections.ConnectionsPort.Kind;
import io.ferry.ui.connections.ConnectionsPort.Profile;
import io.ferry.ui.connections.ProfileFields;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The app's ConnectionsPort on a real SQLite file and an encrypted secrets file, talking to the in-repo oVirt
 * engine over TLS on 127.0.0.1: the password stays out of SQLite, Test shows the product version, the fetched CA
 * is the engine's, the pickers list the engine's storage domains, transfer options name the saved CA.
 */
class AppConnectionsAgainstInRepoOvirtServerTest {
    @TempDir
    Path dir;

    private EngineServer engine;
    private SqliteStore store;
    private SecretStore secrets;
    private AppConnections port;
    private RemoteChecks remote;

    @BeforeEach
    void start() throws Exception {
        engine = EngineServer.https(Files.createDirectory(dir.resolve("storage")));
        Path data = Files.createDirectory(dir.resolve("data"));
        store = SqliteStore.open(data);
        secrets = new EncryptedFileSecretStore(data, "test passphrase".toCharArray());
        remote = new RemoteChecks(new OkHttpClient.Builder().callTimeout(Duration.ofSeconds(20)).build());
        port = new AppConnections(store, () -> Optional.of(secrets), data, new GcsProvider(), remote);
    }

    @AfterEach
    void stop() {
        engine.close();
        store.close();
    }

    private Profile ovirt(String caFile) {
        return new Profile("", Kind.OVIRT, "In-repo engine", Map.of(ProfileFields.ENGINE, engine.url(),
                ProfileFields.USER, EngineServer.USER, ProfileFields.TRUST, ProfileFields.TRUST_FILE, ProfileFields.CA_FILE, caFile));
    }

    @Test
    void thePasswordGoesToTheSecretStoreAndNeverIntoSqlite() throws Exception {
        Profile saved = port.save(ovirt(TestTls.pem(dir, "ca.pem").toString()), EngineServer.PASSWORD.toCharArray());
        ConnectionProfile row = store.profile(saved.id()).orElseThrow();
        assertThat(row.secretRef()).isEqualTo(ConnectionProfile.secretRefFor(saved.id()));
        assertThat(row.fields().values()).noneMatch(v -> v.contains(EngineServer.PASSWORD));
        assertThat(secrets.get(row.secretRef())).contains(EngineServer.PASSWORD);
        byte[] db = Files.readAllBytes(dir.resolve("data").resolve(SqliteStore.FILE_NAME));
        assertThat(new String(db, java.nio.charset.StandardCharsets.ISO_8859_1)).doesNotContain(EngineServer.PASSWORD);
        assertThat(port.profiles()).extracting(Profile::name).containsExactly("In-repo engine");
        assertThat(port.hasSecret(saved.id())).isTrue();

        port.delete(saved.id());
        assertThat(port.profiles()).isEmpty();
        assertThat(secrets.get(row.secretRef())).isEmpty();
    }

    @Test
    void testShowsTheEnginesProductVersionWithTheStoredPassword() throws Exception {
        Profile saved = port.save(ovirt(TestTls.pem(dir, "ca.pem").toString()), EngineServer.PASSWORD.toCharArray());
        assertThat(port.test(saved, null).summary()).isEqualTo("oVirt Engine 4.5.7-1.el9 · 1 storage domain");
        assertThat(port.storageDomains(saved.id())).singleElement().satisfies(d -> {
            assertThat(d.name()).isEqualTo(EngineServer.SD_NAME);
            assertThat(d.availableBytes()).isEqualTo(1L << 40);
        });
        assertThat(port.disks(saved.id())).isEmpty();
    }

    @Test
    void aWrongPasswordOrAnUntrustedEngineIsAClearError() throws Exception {
        assertThatThrownBy(() -> port.test(ovirt(TestTls.pem(dir, "ca.pem").toString()), "wrong".toCharArray()))
                .isInstanceOf(ConnectionException.class).hasMessageStartingWith("UNAUTHENTICATED");
        assertThatThrownBy(() -> port.test(ovirt(TestTls.pem(dir, "other-ca.pem").toString()), EngineServer.PASSWORD.toCharArray()))
                .isInstanceOf(ConnectionException.class).hasMessageContaining("certificate");
    }

    @Test
    void theFetchedEngineCaIsTheEnginesAndIsUsedOnceConfirmed() throws Exception {
        Certificate ca = remote.engineCa(io.ferry.provider.ovirt.engine.EngineCa.pkiUrl(HttpUrl.get(engine.pkiBase())),
                HttpUrl.get(engine.url() + "/"));
        // openssl x509 -in src/test/resources/ovirt-tls/ca.pem -noout -fingerprint -sha256
        assertThat(ca.sha256()).isEqualTo("33:80:C3:E3:56:F1:92:E8:D4:F0:FC:70:FD:05:36:B4:F3:1C:8D:5A:69:33:A7:3D:17:A6:68:86:44:DF:7D:07");
        assertThat(ca.note()).isEqualTo("The engine’s https certificate is signed by this CA.");

        Profile saved = port.save(new Profile("", Kind.OVIRT, "Fetched", Map.of(ProfileFields.ENGINE, engine.url(),
                ProfileFields.USER, EngineServer.USER, ProfileFields.TRUST, ProfileFields.TRUST_FETCHED,
                ProfileFields.CERT_PEM, ca.pem(), ProfileFields.CERT_SHA256, ca.sha256())), EngineServer.PASSWORD.toCharArray());
        assertThat(port.test(saved, null).summary()).startsWith("oVirt Engine 4.5.7-1.el9");
        Map<String, String> options = port.transferOptions(saved.id());
        assertThat(options).containsEntry("engine", engine.url()).containsEntry("user", EngineServer.USER)
                .containsEntry(AppConnections.PROFILE_OPTION, saved.id()).doesNotContainKey("password_file");
        assertThat(Trust.pemFile(Path.of(options.get("ca_file"))).sha256Fingerprint()).isEqualTo(ca.sha256());
        assertThat(options.values()).noneMatch(v -> v.contains(EngineServer.PASSWORD));
    }

    @Test
    void aServersPresentedCertificateIsReadWithoutTrustingIt() throws Exception {
        int tlsPort = URI.create(engine.url()).getPort();
        Certificate c = port.fetchCertificate(Kind.ELEMENT, "https://127.0.0.1:" + tlsPort);
        assertThat(c.sha256()).isEqualTo(Trust.pemFile(TestTls.pem(dir, "server.pem")).sha256Fingerprint());
        assertThat(c.note()).startsWith("Issued by ");
        assertThatThrownBy(() -> port.fetchCertificate(Kind.ELEMENT, "https://127.0.0.1:1"))
                .isInstanceOf(ConnectionException.class).hasMessageStartingWith("Could not read the certificate of https://127.0.0.1:1");
    }

    @Test
    void optionsUseTheProvidersKeysAndNeverTheSecret() throws Exception {
        Profile lake = port.save(new Profile("", Kind.GCS, "Lake", Map.of(ProfileFields.PROJECT, "ferry-lake",
                ProfileFields.ENDPOINT, "http://127.0.0.1:9/")), null);
        assertThat(port.transferOptions(lake.id())).containsEntry("gcs.project", "ferry-lake")
                .containsEntry("gcs.endpoint", "http://127.0.0.1:9/").doesNotContainKey("gcs.credentials");
        assertThat(store.profile(lake.id()).orElseThrow().secretRef()).isNull();
        Profile element = port.save(new Profile("", Kind.ELEMENT, "A", Map.of(ProfileFields.MVIP, "https://127.0.0.1:1",
                ProfileFields.API_VERSION, "12.5", ProfileFields.USERNAME, "admin", ProfileFields.PINNED_SHA256, "AA:BB")),
                "element pw".toCharArray());
        assertThat(port.transferOptions(element.id())).containsOnlyKeys("element.profile", AppConnections.PROFILE_OPTION)
                .containsEntry("element.profile", element.id());
        assertThat(store.profile(element.id()).orElseThrow().fields()).containsEntry("pinnedSha256", "AA:BB")
                .doesNotContainValue("element pw");
        assertThatThrownBy(() -> port.test(element, null)).as("a malformed pin is a clear error, not a crash")
                .isInstanceOf(ConnectionException.class);
        Profile reachable = port.save(new Profile(element.id(), Kind.ELEMENT, "A", Map.of(ProfileFields.MVIP, "https://127.0.0.1:1",
                ProfileFields.API_VERSION, "12.5", ProfileFields.USERNAME, "admin",
                ProfileFields.PINNED_SHA256, String.join(":", java.util.Collections.nCopies(32, "AB")))), null);
        assertThatThrownBy(() -> port.test(reachable, null)).isInstanceOf(ConnectionException.class)
                .hasMessageContaining("127.0.0.1:1");
    }
}
