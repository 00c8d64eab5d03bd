package io.ferry.provider.ovirt.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ferry.domain.ErrorCode;
import io.ferry.provider.TransferException;
import io.ferry.provider.tls.Trust;
import io.ferry.provider.ovirt.server.EngineServer;
import io.ferry.provider.ovirt.server.TestTls;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The engine REST client against the in-repo engine over TLS: login, renewal, lists, disks, errors, CA fetch. */
class EngineClientAgainstInRepoOvirtServerTest {
    @TempDir
    Path dir;

    private EngineServer engine;
    private OkHttpClient http;

    @BeforeEach
    void start() throws Exception {
        engine = EngineServer.https(Files.createDirectory(dir.resolve("storage")));
        http = Trust.pemFile(TestTls.pem(dir, "ca.pem")).apply(new OkHttpClient.Builder()).build();
    }

    @AfterEach
    void stop() {
        engine.close();
    }

    private EngineClient client(String password) {
        return new EngineClient(http, engine.url(), EngineServer.USER, password.toCharArray(), Clock.systemUTC());
    }

    @Test
    void checkShowsTheProductVersionAndListsPickers() throws Exception {
        EngineClient c = client(EngineServer.PASSWORD);
        assertThat(c.productInfo().version()).isEqualTo("4.5.7-1.el9");
        assertThat(c.productInfo().name()).isEqualTo("oVirt Engine");
        assertThat(c.storageDomains()).extracting(EngineModel.StorageDomain::name).containsExactly(EngineServer.SD_NAME);
        assertThat(c.storageDomains().getFirst().available()).isEqualTo(1L << 40);
        assertThat(c.hosts()).extracting(EngineModel.Host::id).containsExactly(EngineServer.HOST_ID);
        assertThat(c.disks()).isEmpty();
    }

    @Test
    void anOddIdIsInvalidArgumentNamingItAndNothingIsSentForIt() throws Exception {
        EngineClient c = client(EngineServer.PASSWORD);
        Path content = Files.write(dir.resolve("d.raw"), new byte[4096]);
        String disk = engine.addDisk("d", "raw", content, 1 << 20);
        for (String odd : new String[] {"", "..", "a/../" + disk, "x y", "a\nb", "é"}) {
            for (var call : List.<ThrowingCall>of(() -> c.findDisk(odd), () -> c.findTransfer(odd),
                    () -> {
                        c.action(odd, "cancel");
                        return null;
                    }, () -> {
                        c.deleteDisk(odd);
                        return null;
                    })) {
                assertThatThrownBy(call::run)
                        .isInstanceOf(TransferException.class)
                        .hasMessageContaining("is not an oVirt engine id")
                        .hasMessageContaining(odd.isEmpty() ? "''" : odd.equals("a\nb") ? "'a?b'" : "'" + odd + "'")
                        .satisfies(e -> assertThat(((TransferException) e).code()).isEqualTo(ErrorCode.INVALID_ARGUMENT));
            }
        }
        assertThatThrownBy(() -> c.transfer(null)).isInstanceOf(TransferException.class)
                .hasMessageContaining("the image transfer id none is not an oVirt engine id");
        assertThat(engine.actions).isEmpty();
        assertThat(c.findDisk(disk)).isPresent(); // "a/../ID" did not reach and delete the disk
    }

    interface ThrowingCall {
        Object run() throws Exception;
    }

    @Test
    void aRevokedTokenIsRenewedOnceOnA401() throws Exception {
        EngineClient c = client(EngineServer.PASSWORD);
        c.productInfo();
        engine.revokeTokens();
        assertThat(c.productInfo().version()).isNotEmpty();
        assertThat(engine.tokensIssued.get()).isEqualTo(2);
        assertThat(engine.unauthorized.get()).isEqualTo(1);
    }

    @Test
    void aTokenAboutToExpireIsRenewedBeforeUse() throws Exception {
        engine.tokenLifetime = Duration.ofSeconds(30); // within the one-minute renewal margin
        EngineClient c = client(EngineServer.PASSWORD);
        c.productInfo();
        c.productInfo();
        assertThat(engine.tokensIssued.get()).isEqualTo(2);
        assertThat(engine.unauthorized.get()).isZero();
    }

    @Test
    void aWrongPasswordIsUnauthenticatedWithTheEnginesReason() {
        EngineClient c = client("wrong");
        assertThatThrownBy(c::productInfo).isInstanceOfSatisfying(TransferException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.UNAUTHENTICATED);
            assertThat(e.getMessage()).contains("username or password is incorrect").doesNotContain("wrong");
        });
    }

    @Test
    void engineFaultsKeepTheirDetailAndMapToCodes() throws Exception {
        EngineClient c = client(EngineServer.PASSWORD);
        assertThatThrownBy(() -> c.createDisk(new DiskSpec("d", 1 << 20, 0, "raw", true, "no-such-sd", "data")))
                .isInstanceOfSatisfying(TransferException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
                    assertThat(e.getMessage()).contains("Storage domain no-such-sd");
                });
        assertThatThrownBy(() -> c.disk("0000-missing")).isInstanceOfSatisfying(TransferException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
        EngineModel.Disk d = c.createDisk(new DiskSpec("d", 1 << 20, 0, "raw", true, EngineServer.SD_NAME, "data"));
        assertThat(d.status()).isEqualTo("locked");
        assertThatThrownBy(() -> c.createTransfer(new TransferSpec(d.id(), "upload", "", "raw", 0, "")))
                .isInstanceOfSatisfying(TransferException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.ABORTED);
                    assertThat(e.getMessage()).contains("Disk is locked");
                });
    }

    @Test
    void anEngineWhoseCertificateTheCaDidNotSignIsRefused() throws Exception {
        OkHttpClient other = Trust.pemFile(TestTls.pem(dir, "other-ca.pem")).apply(new OkHttpClient.Builder()).build();
        EngineClient c = new EngineClient(other, engine.url(), EngineServer.USER, EngineServer.PASSWORD.toCharArray(),
                Clock.systemUTC());
        assertThatThrownBy(c::productInfo).isInstanceOfSatisfying(TransferException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.UNAVAILABLE);
            assertThat(e.getMessage()).contains("not trusted");
        });
        assertThat(engine.tokensIssued.get()).isZero();
    }

    @Test
    void theFetchedCaShowsItsSha256FingerprintAndIsCheckedAgainstTheEngine() throws Exception {
        EngineCa.Fetched f = EngineCa.fetch(new OkHttpClient(), EngineCa.pkiUrl(HttpUrl.get(engine.pkiBase())),
                EngineClient.baseUrl(engine.url()));
        // openssl x509 -in src/test/resources/ovirt-tls/ca.pem -noout -fingerprint -sha256
        assertThat(f.sha256()).isEqualTo(
                "33:80:C3:E3:56:F1:92:E8:D4:F0:FC:70:FD:05:36:B4:F3:1C:8D:5A:69:33:A7:3D:17:A6:68:86:44:DF:7D:07");
        assertThat(f.matchesEngine()).isTrue();
        assertThat(f.pem()).startsWith("-----BEGIN CERTIFICATE-----");
    }

    @Test
    void engineUrlsAreNormalisedToTheOvirtEngineBase() {
        assertThat(EngineClient.baseUrl("https://engine.example").toString()).isEqualTo("https://engine.example/ovirt-engine/");
        assertThat(EngineClient.baseUrl("https://engine.example/ovirt-engine/api/").toString())
                .isEqualTo("https://engine.example/ovirt-engine/");
        assertThatThrownBy(() -> EngineClient.baseUrl("engine.example")).hasMessageContaining("https://ENGINE");
    }
}
