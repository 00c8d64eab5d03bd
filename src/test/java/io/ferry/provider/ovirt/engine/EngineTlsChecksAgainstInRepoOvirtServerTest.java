package io.ferry.provider.ovirt.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ferry.domain.ErrorCode;
import io.ferry.provider.TransferException;
import io.ferry.provider.tls.Trust;
import io.ferry.provider.ovirt.server.EngineServer;
import io.ferry.provider.ovirt.server.TestTls;
import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 7 §5 over real TLS on 127.0.0.1: the in-repo engine's certificate (test CA, names localhost and
 * 127.0.0.1) reached under another name is refused even though the CA is trusted — a trusted CA never turns the
 * hostname check off; with another CA configured the refusal shows the presented certificate's fingerprint.
 */
class EngineTlsChecksAgainstInRepoOvirtServerTest {
    @TempDir
    Path dir;

    EngineServer engine;

    @BeforeEach
    void start() throws Exception {
        engine = EngineServer.https(Files.createDirectory(dir.resolve("storage")));
    }

    @AfterEach
    void stop() {
        engine.close();
    }

    private EngineClient clientFor(String host) throws java.io.IOException {
        // every name resolves to the loopback server: only the name on the certificate differs
        OkHttpClient http = Trust.pemFile(TestTls.pem(dir, "ca.pem"))
                .apply(new OkHttpClient.Builder().dns(name -> List.of(InetAddress.getLoopbackAddress()))).build();
        int port = URI.create(engine.url()).getPort();
        return new EngineClient(http, "https://" + host + ":" + port + "/ovirt-engine", EngineServer.USER,
                EngineServer.PASSWORD.toCharArray(), Clock.systemUTC());
    }

    @Test
    void theNameOnTheCertificateIsAccepted() throws Exception {
        assertThat(clientFor("localhost").productInfo()).isNotNull();
    }

    @Test
    void aNameTheCertificateDoesNotCarryIsRefusedBeforeThePasswordIsSent() {
        assertThatThrownBy(() -> clientFor("engine.other.example").productInfo())
                .isInstanceOfSatisfying(TransferException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.UNAVAILABLE);
                    assertThat(e.getMessage()).containsAnyOf("not trusted", "not verified", "Hostname");
                });
        assertThat(engine.tokensIssued.get()).isZero();
    }

    @Test
    void aWrongCaIsRefusedShowingThePresentedFingerprint() throws Exception {
        String presented = Trust.pemFile(TestTls.pem(dir, "server.pem")).sha256Fingerprint();
        OkHttpClient other = Trust.pemFile(TestTls.pem(dir, "other-ca.pem")).apply(new OkHttpClient.Builder()).build();
        EngineClient c = new EngineClient(other, engine.url(), EngineServer.USER, EngineServer.PASSWORD.toCharArray(),
                Clock.systemUTC());

        assertThatThrownBy(c::productInfo).isInstanceOfSatisfying(TransferException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.UNAVAILABLE);
            assertThat(e.getMessage()).contains("not trusted", "SHA-256 " + presented, "--ca-file");
        });
        assertThat(engine.tokensIssued.get()).isZero();
    }
}
