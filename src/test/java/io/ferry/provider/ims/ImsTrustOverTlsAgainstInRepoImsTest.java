package io.ferry.provider.ims;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ferry.cli.ims.ImsCommand;
import io.ferry.domain.Direction;
import io.ferry.domain.ErrorCode;
import io.ferry.domain.Transfer;
import io.ferry.provider.TransferException;
import io.ferry.provider.ovirt.server.TestTls;
import io.ferry.provider.tls.Trust;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import mockwebserver3.MockWebServer;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Issue 7 §5 for IMS over real TLS: the in-repo IAM + IMS ({@link FakeIms}) serves HTTPS on 127.0.0.1 with the
 * test CA's server certificate (CN=localhost, SAN 127.0.0.1 and localhost; src/test/resources/ovirt-tls). The
 * profile's CA file makes it work; the system trust store, another CA or another hostname are refused before IAM
 * sees the password, naming the presented certificate's subject and SHA-256 fingerprint, and never retried.
 */
class ImsTrustOverTlsAgainstInRepoImsTest {
    @TempDir
    Path dir;

    MockWebServer server;
    FakeIms ims;
    String presented;

    @BeforeEach
    void start() throws Exception {
        ims = new FakeIms("domain A", "user A", "pa55");
        ims.addJob("job-1", "imsCreateImageByInstanceJob", "{\"status\": \"SUCCESS\", \"entities\": {\"image_id\": \"img-1\"}}");
        server = serve("127.0.0.1");
        presented = Trust.pemFile(TestTls.pem(dir, "server.pem")).sha256Fingerprint();
    }

    private MockWebServer serve(String address) throws Exception {
        MockWebServer s = new MockWebServer();
        s.useHttps(TestTls.serverContext().getSocketFactory());
        s.setDispatcher(ims);
        s.start(InetAddress.getByName(address), 0);
        return s;
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private ImsProfile profile(MockWebServer s, String caFile) {
        return new ImsProfile("eu-de", "domain A", "user A", "pa55", "eu-de", "", s.url("/v3").toString(),
                s.url("/").toString(), Duration.ofSeconds(5), caFile);
    }

    private String ca(String name) {
        return TestTls.pem(dir, name).toString();
    }

    @Test
    void theProfilesCaFileLetsTheTokenAndTheJobThrough() throws Exception {
        ImsClient client = new ImsClient(profile(server, ca("ca.pem")), new OkHttpClient(), Clock.systemUTC());

        assertThat(client.testConnection()).contains("IAM issued a token for user user A");
        ImsJob job = client.getJob("job-1", ImsJobApi.JOBS);
        assertThat(job.status()).isEqualTo("SUCCESS");
        assertThat(ims.tokensIssued()).isEqualTo(1);
    }

    @Test
    void theSystemTrustStoreRefusesTheTestCaNamingThePresentedCertificate() {
        ImsClient client = new ImsClient(profile(server, ""), new OkHttpClient(), Clock.systemUTC());

        assertThatThrownBy(client::testConnection).isInstanceOfSatisfying(TransferException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.FAILED_PRECONDITION);
            assertThat(e.getMessage()).contains("not trusted", "CN=localhost", "SHA-256 " + presented,
                    "the system trust store", "--ca-file");
        });
        assertThat(server.getRequestCount()).as("no request, so no password, reached IAM").isZero();
    }

    @Test
    void anotherCaIsRefusedShowingThePresentedFingerprint() {
        ImsClient client = new ImsClient(profile(server, ca("other-ca.pem")), new OkHttpClient(), Clock.systemUTC());

        assertThatThrownBy(() -> client.getJob("job-1", ImsJobApi.JOBS)).isInstanceOfSatisfying(TransferException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.FAILED_PRECONDITION);
            assertThat(e.getMessage()).contains("CN=localhost", "SHA-256 " + presented, "issued by CN=Ferry Test CA",
                    "other-ca.pem");
        });
        assertThat(server.getRequestCount()).isZero();
    }

    @Test
    void aHostTheCertificateDoesNotNameIsRefusedEvenWithTheRightCa() throws Exception {
        // 127.0.0.2 is loopback too, but the certificate names only 127.0.0.1 and localhost
        MockWebServer other = serve("127.0.0.2");
        try {
            ImsClient client = new ImsClient(profile(other, ca("ca.pem")), new OkHttpClient(), Clock.systemUTC());
            assertThatThrownBy(client::testConnection).isInstanceOfSatisfying(TransferException.class, e -> {
                assertThat(e.code()).isEqualTo(ErrorCode.FAILED_PRECONDITION);
                assertThat(e.getMessage()).contains("does not name the host", "127.0.0.2");
            });
            assertThat(other.getRequestCount()).isZero();
        } finally {
            other.close();
        }
    }

    @Test
    void aWatchedJobBehindAnUntrustedCertificateFailsOnceWithTheReasonInItsBreakdown() throws Exception {
        ImsConnector connector = ImsConnector.byProfile(name -> Optional.of(profile(server, ca("other-ca.pem"))));
        ImsProvider provider = new ImsProvider(connector, Duration.ofMillis(20));
        Transfer t = Transfer.create("t-tls", "ims", Direction.WATCH, "job-1", "", "",
                Map.of(ImsOptions.PROFILE, "p", ImsOptions.JOB_ID, "job-1"), Instant.now());

        var ctx = new io.ferry.provider.remote.RecordingTransferContext(t);
        assertThatThrownBy(() -> provider.run(ctx)).isInstanceOfSatisfying(TransferException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.FAILED_PRECONDITION);
            assertThat(e.getMessage()).contains("SHA-256 " + presented);
        });
        assertThat(server.getRequestCount()).as("not retried in a loop").isZero();
    }

    @Test
    void anUnreadableCaFileIsNamedWhenTheProfileConnects() {
        ImsConnector connector = ImsConnector.byProfile(name -> Optional.of(profile(server, dir.resolve("missing.pem").toString())));
        Transfer t = Transfer.create("t-tls", "ims", Direction.WATCH, "job-1", "", "",
                Map.of(ImsOptions.PROFILE, "p", ImsOptions.JOB_ID, "job-1"), Instant.now());

        assertThatThrownBy(() -> connector.connect(t)).isInstanceOfSatisfying(TransferException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.FAILED_PRECONDITION);
            assertThat(e.getMessage()).contains("missing.pem", "does not exist", "connection manager");
        });
    }

    @Test
    void theCliTakesCaFile() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = new CommandLine(new ImsCommand());
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        String[] account = {"--domain", "domain A", "--user", "user A", "--password=pa55", "--endpoint", server.url("/").toString()};

        int ok = cl.execute(concat(new String[] {"jobs", "get", "job-1", "--ca-file", ca("ca.pem")}, account));
        assertThat(ok).as(err.toString()).isZero();
        assertThat(out.toString()).contains("SUCCESS");

        cl = new CommandLine(new ImsCommand()); // one command per process, as from the shell
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int refused = cl.execute(concat(new String[] {"jobs", "get", "job-1"}, account));
        assertThat(refused).isNotZero();
        assertThat(err.toString()).contains("not trusted", "SHA-256 " + presented);
    }

    private static String[] concat(String[] a, String[] b) {
        String[] r = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }
}
