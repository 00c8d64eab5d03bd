package io.ferry.provider.gcs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ferry.cli.gcs.GcsCommand;
import io.ferry.domain.ErrorCode;
import io.ferry.provider.TransferException;
import io.ferry.provider.ovirt.server.TestTls;
import io.ferry.provider.tls.Trust;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Issue 7 §5 for Storage Transfer over real TLS: the in-repo API and its OAuth token endpoint
 * ({@link FakeStorageTransferServer}) serve HTTPS on 127.0.0.1 with the test CA's server certificate (CN=localhost,
 * SAN 127.0.0.1 and localhost; src/test/resources/ovirt-tls). Option {@code gcs.caFile} is honoured by the API
 * calls (OkHttp) and by google-auth-library's token request (its HttpTransportFactory); the system trust store,
 * another CA or another hostname are refused naming the presented certificate, before any key is used.
 */
class GcsTrustOverTlsAgainstInRepoServerTest {
    @TempDir
    Path dir;

    FakeStorageTransferServer sts;
    Path key;
    String presented;

    @BeforeEach
    void start() throws Exception {
        sts = new FakeStorageTransferServer(TestTls.serverContext().getSocketFactory(), InetAddress.getByName("127.0.0.1"));
        key = sts.writeServiceAccountKey(dir, "p");
        presented = Trust.pemFile(TestTls.pem(dir, "server.pem")).sha256Fingerprint();
    }

    @AfterEach
    void stop() {
        sts.close();
    }

    private Map<String, String> options(FakeStorageTransferServer s, String caFile) {
        Map<String, String> o = new HashMap<>();
        o.put(GcsOptions.ENDPOINT, s.endpoint().toString());
        o.put(GcsOptions.CREDENTIALS, key.toString());
        o.put(GcsOptions.TOKEN_URI, s.tokenUri().toString());
        if (caFile != null) {
            o.put(GcsOptions.CA_FILE, caFile);
        }
        return o;
    }

    private String ca(String name) {
        return TestTls.pem(dir, name).toString();
    }

    @Test
    void theCaFileIsTrustedForTheApiAndTheTokenEndpoint() throws Exception {
        assertThat(sts.endpoint().isHttps()).isTrue();
        assertThat(sts.tokenUri().getScheme()).isEqualTo("https");
        var op = sts.addOperation("1", "p", List.of());

        StorageTransferClient client = new GcsClients().forOptions(options(sts, ca("ca.pem")));

        assertThat(client.getOperation(op.name()).rawStatus()).isEqualTo("QUEUED");
        assertThat(sts.tokensIssued()).as("the token came over TLS with the profile's CA").isEqualTo(1);
    }

    @Test
    void theSystemTrustStoreRefusesTheTokenEndpointNamingThePresentedCertificate() {
        var op = sts.addOperation("1", "p", List.of());
        StorageTransferClient client = new GcsClients().forOptions(options(sts, null));

        assertThatThrownBy(() -> client.getOperation(op.name())).isInstanceOfSatisfying(TransferException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.FAILED_PRECONDITION);
            assertThat(e.getMessage()).contains("token endpoint", "not trusted", "CN=localhost", "SHA-256 " + presented,
                    "the system trust store", "gcs.caFile");
        });
        assertThat(sts.requestCount()).as("no assertion signed with the key was sent").isZero();
    }

    @Test
    void anotherCaIsRefusedByTheApiShowingThePresentedFingerprint() throws Exception {
        var op = sts.addOperation("1", "p", List.of());
        // a token from elsewhere: only the API call's trust is at stake
        var client = new StorageTransferClient(sts.endpoint(), GcsAuth.fixedToken(sts.acceptToken("t")), Duration.ofSeconds(5),
                Trust.pemFile(Path.of(ca("other-ca.pem"))).apply(new OkHttpClient.Builder()).build());

        assertThatThrownBy(() -> client.getOperation(op.name())).isInstanceOfSatisfying(TransferException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.FAILED_PRECONDITION);
            assertThat(e.getMessage()).contains("Storage Transfer refused", "CN=localhost", "SHA-256 " + presented,
                    "issued by CN=Ferry Test CA", "other-ca.pem");
        });
        assertThat(sts.requestCount()).isZero();
    }

    @Test
    void anotherCaIsRefusedByTheTokenEndpointToo() {
        var op = sts.addOperation("1", "p", List.of());
        StorageTransferClient client = new GcsClients().forOptions(options(sts, ca("other-ca.pem")));

        assertThatThrownBy(() -> client.getOperation(op.name())).isInstanceOfSatisfying(TransferException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.FAILED_PRECONDITION);
            assertThat(e.getMessage()).contains("token endpoint", "SHA-256 " + presented, "other-ca.pem");
        });
        assertThat(sts.requestCount()).isZero();
    }

    @Test
    void aHostTheCertificateDoesNotNameIsRefusedByTheApiAndTheTokenEndpoint() throws Exception {
        // 127.0.0.2 is loopback too, but the certificate names only 127.0.0.1 and localhost
        try (var other = new FakeStorageTransferServer(TestTls.serverContext().getSocketFactory(), InetAddress.getByName("127.0.0.2"))) {
            var op = other.addOperation("1", "p", List.of());
            StorageTransferClient viaKey = new GcsClients().forOptions(options(other, ca("ca.pem")));
            assertThatThrownBy(() -> viaKey.getOperation(op.name())).isInstanceOfSatisfying(TransferException.class, e -> {
                assertThat(e.code()).isEqualTo(ErrorCode.FAILED_PRECONDITION);
                assertThat(e.getMessage()).contains("token endpoint", "does not name the host");
            });

            var api = new StorageTransferClient(other.endpoint(), GcsAuth.fixedToken(other.acceptToken("t")), Duration.ofSeconds(5),
                    Trust.pemFile(Path.of(ca("ca.pem"))).apply(new OkHttpClient.Builder()).build());
            assertThatThrownBy(() -> api.getOperation(op.name())).isInstanceOfSatisfying(TransferException.class, e -> {
                assertThat(e.code()).isEqualTo(ErrorCode.FAILED_PRECONDITION);
                assertThat(e.getMessage()).contains("does not name the host", "127.0.0.2");
            });
            assertThat(other.requestCount()).isZero();
        }
    }

    @Test
    void anUnreadableCaFileIsBadInputNamingIt() {
        assertThatThrownBy(() -> new GcsClients().forOptions(options(sts, dir.resolve("nope.pem").toString())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("gcs.caFile").hasMessageContaining("nope.pem").hasMessageContaining("does not exist");
    }

    @Test
    void theCliTakesCaFile() {
        var op = sts.addOperation("1", "p", List.of());
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = new CommandLine(new GcsCommand());
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));

        int ok = cl.execute("operations", "get", op.name(), "--endpoint", sts.endpoint().toString(), "--credentials",
                key.toString(), "--ca-file", ca("ca.pem"));
        assertThat(ok).as(err.toString()).isZero();
        assertThat(out.toString()).contains("QUEUED");

        cl = new CommandLine(new GcsCommand()); // one command per process, as from the shell
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int refused = cl.execute("operations", "get", op.name(), "--endpoint", sts.endpoint().toString(), "--credentials",
                key.toString());
        assertThat(refused).isEqualTo(1);
        assertThat(err.toString()).contains("not trusted", "SHA-256 " + presented);
    }
}
