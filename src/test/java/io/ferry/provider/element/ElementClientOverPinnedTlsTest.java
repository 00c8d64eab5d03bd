package io.ferry.provider.element;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.ferry.domain.ErrorCode;
import io.ferry.domain.Transfer;
import io.ferry.domain.Direction;
import io.ferry.provider.TransferException;
import io.ferry.provider.remote.TestCertificates;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Element JSON-RPC client over real TLS on 127.0.0.1 (MockWebServer presenting a self-signed certificate
 * generated at test time), replaying the documented payloads of seed 003 and cloud-apis.md §2.5 verbatim.
 */
class ElementClientOverPinnedTlsTest {
    @TempDir
    static Path certDir;

    static TestCertificates cluster;
    static TestCertificates impostor;

    MockWebServer server;

    @BeforeAll
    static void certificates() throws Exception {
        cluster = TestCertificates.shared();
        impostor = TestCertificates.generate(certDir, "10.10.23.47");
    }

    @BeforeEach
    void start() throws IOException {
        server = new MockWebServer();
        server.useHttps(cluster.serverSocketFactory);
        server.start(InetAddress.getByName("127.0.0.1"), 0);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    ElementClient client(String pin) {
        return new ElementClient(new ElementProfile("https://127.0.0.1:" + server.getPort(), "9.6", "admin", "s3cret",
                pin, Duration.ofSeconds(5)));
    }

    ElementClient pinned() {
        return client(PinnedCertificateTrust.fingerprint(cluster.certificate));
    }

    static String payload(String name) throws IOException {
        try (InputStream in = ElementClientOverPinnedTlsTest.class.getResourceAsStream("/element/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    void reply(String resource) throws IOException {
        server.enqueue(new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json")
                .body(payload(resource)).build());
    }

    JsonNode sent(RecordedRequest r) throws IOException {
        return FakeElementCluster.M.readTree(r.getBody().utf8());
    }

    @Test
    void e1StartBulkVolumeReadSendsNamedParamsWithBasicAuthToTheVersionedPath() throws Exception {
        reply("e1-start-bulk-volume-read-response.json");
        StartedBulkVolumeJob s = pinned().startBulkVolumeRead(new BulkVolumeRequest(5, "native", 2, "", "", ""));
        assertThat(s).isEqualTo(new StartedBulkVolumeJob(1, "11eed8f086539205beeaadd981aad130", "https://127.0.0.1:44000/"));
        RecordedRequest r = server.takeRequest(5, TimeUnit.SECONDS);
        assertThat(r.getUrl().encodedPath()).isEqualTo("/json-rpc/9.6");
        assertThat(r.getHeaders().get("Authorization")).isEqualTo("Basic YWRtaW46czNjcmV0");
        JsonNode body = sent(r);
        assertThat(body.path("method").asText()).isEqualTo("StartBulkVolumeRead");
        assertThat(body.path("params").path("volumeID").asLong()).isEqualTo(5);
        assertThat(body.path("params").path("format").asText()).isEqualTo("native");
        assertThat(body.path("params").path("snapshotID").asLong()).isEqualTo(2);
        assertThat(body.has("id")).isTrue();
    }

    @Test
    void e2ScriptAndScriptParametersGoOutAsJsonObjectsAndAWriteHasNoSnapshot() throws Exception {
        reply("e1-start-bulk-volume-read-response.json");
        pinned().startBulkVolumeWrite(new BulkVolumeRequest(240, "native", 7, "bv_internal.py",
                "{\"read\": {\"bucket\": \"backup\", \"endpoint\": \"s3\"}}", "{\"ticket\": \"CHG-1\"}"));
        JsonNode p = sent(server.takeRequest(5, TimeUnit.SECONDS)).path("params");
        assertThat(p.path("script").asText()).isEqualTo("bv_internal.py");
        assertThat(p.path("scriptParameters").path("read").path("bucket").asText()).isEqualTo("backup");
        assertThat(p.path("attributes").path("ticket").asText()).isEqualTo("CHG-1");
        assertThat(p.has("snapshotID")).isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"e2-start-bulk-volume-read-ui-request.json", "e3-start-bulk-volume-write-restore-request.json"})
    void theRealScriptedRequestsOfTheNotesAreWhatFerrySends(String resource) throws Exception {
        JsonNode doc = FakeElementCluster.M.readTree(payload(resource));
        JsonNode p = doc.path("params");
        reply("e1-start-bulk-volume-read-response.json");
        BulkVolumeRequest r = new BulkVolumeRequest(p.path("volumeID").asLong(), p.path("format").asText(), -1,
                p.path("script").asText(), p.path("scriptParameters").toString(), "");
        if (doc.path("method").asText().equals("StartBulkVolumeRead")) {
            pinned().startBulkVolumeRead(r);
        } else {
            pinned().startBulkVolumeWrite(r);
        }
        JsonNode sent = sent(server.takeRequest(5, TimeUnit.SECONDS));
        assertThat(sent.path("method")).isEqualTo(doc.path("method"));
        assertThat(sent.path("params")).isEqualTo(p);
    }

    @Test
    void e3TheDocsStartBulkVolumeWriteExampleIsNotValidJsonAndIsRejectedClearly() throws Exception {
        String broken = payload("e3-start-bulk-volume-write-request-doc-broken.txt");
        assertThatThrownBy(() -> FakeElementCluster.M.readTree(broken)).hasMessageContaining("Unexpected character");
        server.enqueue(new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json").body(broken).build());
        assertThatThrownBy(() -> pinned().listBulkVolumeJobs())
                .isInstanceOfSatisfying(TransferException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.UNKNOWN);
                    assertThat(e.sample().errorDetails().getFirst()).contains("malformed JSON").contains("StartBulkVolumeWrite");
                });
    }

    @Test
    void e4ListBulkVolumeJobsIsParsedAndMappedOntoTheTransfer() throws Exception {
        reply("e4-list-bulk-volume-jobs-response.json");
        List<BulkVolumeJob> jobs = pinned().listBulkVolumeJobs();
        assertThat(jobs).hasSize(1);
        BulkVolumeJob j = jobs.getFirst();
        assertThat(j.key()).isEqualTo("eaffb0526d4fb47107061f09bfc9a806");
        assertThat(j.status()).isEqualTo("running");
        assertThat(j.percentComplete()).isEqualTo(8.0);
        assertThat(j.elapsedTime()).isEqualTo(44);
        assertThat(j.remainingTime()).isEqualTo(506);
        assertThat(j.attributes()).containsEntry("pendingLbas",
                "[220160, 223232, 221184, 224256, 217088, 225280, 222208, 218112, 219136, 216064]");
        Transfer t = ElementJobMapper.apply(Transfer.create("t1", "element", Direction.WATCH, "vol 3", "", "", Map.of(),
                Instant.parse("2026-11-23T12:00:00Z")), j);
        assertThat(t.nativeStatus()).isEqualTo("running");
        assertThat(t.percent()).isEqualTo(8.0);
        assertThat(t.attributes()).containsEntry("type", "read").containsEntry("srcVolumeID", "3")
                .containsEntry("snapshotID", "509").containsEntry("elapsedTime", "44").containsEntry("remainingTime", "506")
                .containsEntry("attributes.nLbas", "2441472");
        assertThat(t.bytesTotal()).isEqualTo(2441472L * 4096);
        assertThat(t.bytesDone()).isEqualTo(216064L * 4096);
        assertThat(t.started()).isEqualTo(Instant.parse("2015-05-07T14:52:17Z"));
        assertThat(ElementStatusMapping.map(j.status()).phase()).isEqualTo(io.ferry.domain.TransferPhase.TRANSFERRING);
    }

    @Test
    void e5UpdateBulkVolumeStatusWithJustTheKeyReadsTheJob() throws Exception {
        reply("e5-update-bulk-volume-status-read-response.json");
        BulkVolumeStatus s = pinned().updateBulkVolumeStatus("82e939a9ee81811096f4e43e61e6e4f7", null, null, null, null);
        assertThat(s).isEqualTo(new BulkVolumeStatus("running", Map.of(), "https://10.128.56.54:8443/"));
        JsonNode p = sent(server.takeRequest(5, TimeUnit.SECONDS)).path("params");
        assertThat(p.properties()).extracting(Map.Entry::getKey).containsExactly("key");
    }

    @Test
    void seed003UpdateBulkVolumeStatusRequestAndResponse() throws Exception {
        reply("seed003-update-bulk-volume-status-response.json");
        BulkVolumeStatus s = pinned().updateBulkVolumeStatus("0b2f532123225febda2625f55dcb0448", "running", null, null, null);
        assertThat(s.status()).isEqualTo("running");
        assertThat(s.url()).isEqualTo("https://10.10.23.47:8443/");
        JsonNode seedRequest = FakeElementCluster.M.readTree(payload("seed003-update-bulk-volume-status-request.json"));
        JsonNode ours = sent(server.takeRequest(5, TimeUnit.SECONDS));
        assertThat(ours.path("method")).isEqualTo(seedRequest.path("method"));
        assertThat(ours.path("params")).isEqualTo(seedRequest.path("params"));
    }

    @Test
    void updateSendsPercentCompleteAsAStringWithMessageAndAttributes() throws Exception {
        reply("seed003-update-bulk-volume-status-response.json");
        pinned().updateBulkVolumeStatus("0b2f", "complete", "100", "all blocks written", Map.of("sha256", "ab12"));
        JsonNode p = sent(server.takeRequest(5, TimeUnit.SECONDS)).path("params");
        assertThat(p.path("percentComplete").isTextual()).isTrue();
        assertThat(p.path("percentComplete").asText()).isEqualTo("100");
        assertThat(p.path("status").asText()).isEqualTo("complete");
        assertThat(p.path("message").asText()).isEqualTo("all blocks written");
        assertThat(p.path("attributes").path("sha256").asText()).isEqualTo("ab12");
    }

    @Test
    void e6GetAsyncResultAlwaysKeepsTheResultAndReadsATaskFailure() throws Exception {
        reply("e6-get-async-result-task-failed.json");
        AsyncResult r = pinned().getAsyncResult(389);
        assertThat(r.status()).isEqualTo("complete");
        assertThat(r.failed()).isTrue();
        assertThat(r.errorName()).isEqualTo("xBulkVolumeScriptFailure");
        assertThat(r.errorMessage()).isEqualTo("Bulk volume job failed");
        assertThat(r.resultType()).isEqualTo("BulkVolume");
        JsonNode p = sent(server.takeRequest(5, TimeUnit.SECONDS)).path("params");
        assertThat(p.path("asyncHandle").asLong()).isEqualTo(389);
        assertThat(p.path("keepResult").asBoolean(false)).isTrue();
    }

    @Test
    void e6ASuccessfulResultCarriesItsMessage() throws Exception {
        reply("e6-get-async-result-clone-success.json");
        AsyncResult r = pinned().getAsyncResult(1);
        assertThat(r.failed()).isFalse();
        assertThat(r.hasResult()).isTrue();
        assertThat(r.resultMessage()).isEqualTo("Clone complete.");
    }

    @Test
    void e6ErrorObjectsBecomeErrorCodesWithTheMessageAsTheSample() throws Exception {
        reply("e6-get-async-result-bad-handle.json");
        reply("e6-get-async-result-expired-handle.json");
        ElementClient c = pinned();
        assertThatThrownBy(() -> c.getAsyncResult(1)).isInstanceOfSatisfying(ElementRpcException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND);
            assertThat(e.name()).isEqualTo("xDBNoSuchPath");
            assertThat(e.sample().errorDetails().getFirst())
                    .isEqualTo("DBClient operation requested on a non-existent path at [/asyncresults/1]");
        });
        assertThatThrownBy(() -> c.getAsyncResult(1)).isInstanceOfSatisfying(ElementRpcException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND);
            assertThat(e.rpcCode()).isEqualTo(500);
            assertThat(e.sample().errorDetails().getFirst()).isEqualTo("xBulkVolumeIDDoesNotExist");
        });
    }

    @Test
    void e8AnErrorObjectOnANon200StatusIsStillReadFromTheBody() throws Exception {
        server.enqueue(new MockResponse.Builder().code(404).addHeader("Content-Type", "application/json")
                .body(payload("e8-volume-not-found-synthetic.json")).build());
        assertThatThrownBy(() -> pinned().startBulkVolumeRead(new BulkVolumeRequest(99, "native", -1, "", "", "")))
                .isInstanceOfSatisfying(ElementRpcException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND);
                    assertThat(e.sample().errorDetails()).first().isEqualTo("Volume not found");
                    assertThat(e.rpcCode()).isEqualTo(404);
                });
    }

    @Test
    void aCertificateOtherThanThePinnedOneIsRefusedNamingWhatWasPresented() {
        String impostorPin = PinnedCertificateTrust.fingerprint(impostor.certificate);
        String presented = PinnedCertificateTrust.fingerprint(cluster.certificate);
        assertThatThrownBy(() -> client(impostorPin).listBulkVolumeJobs())
                .isInstanceOfSatisfying(TransferException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.FAILED_PRECONDITION);
                    assertThat(e.getMessage()).contains(presented).contains(impostorPin).contains("not the pinned");
                });
        assertThat(server.getRequestCount()).isZero();
    }

    @Test
    void withNothingPinnedNoRequestIsSentAndThePresentedFingerprintIsShown() {
        String presented = PinnedCertificateTrust.fingerprint(cluster.certificate);
        assertThatThrownBy(() -> client("").listBulkVolumeJobs())
                .isInstanceOfSatisfying(TransferException.class, e -> assertThat(e.getMessage())
                        .contains("no certificate is pinned").contains(presented));
        assertThat(server.getRequestCount()).isZero();
    }

    @Test
    void thePinAcceptsColonsOrNotAndAnyCase() throws Exception {
        reply("e4-list-bulk-volume-jobs-response.json");
        String pin = PinnedCertificateTrust.fingerprint(cluster.certificate).replace(":", "").toLowerCase();
        assertThat(client(pin).listBulkVolumeJobs()).hasSize(1);
        assertThatThrownBy(() -> new PinnedCertificateTrust("abc")).hasMessageContaining("64 hex digits");
    }

    @Test
    void theProbeReportsTheFingerprintTheOperatorConfirms() throws Exception {
        CertificateProbe.Presented p = CertificateProbe.probe("https://127.0.0.1:" + server.getPort(), Duration.ofSeconds(5));
        assertThat(p.sha256()).isEqualTo(PinnedCertificateTrust.fingerprint(cluster.certificate));
        assertThat(p.subject()).contains("CN=10.10.23.47");
        assertThat(server.getRequestCount()).isZero();
    }

    @Test
    void theTestButtonMakesOneAuthenticatedCall() throws Exception {
        reply("e4-list-bulk-volume-jobs-response.json");
        assertThat(pinned().testConnection()).contains("as admin").contains("1 bulk volume job running");
        assertThat(sent(server.takeRequest(5, TimeUnit.SECONDS)).path("method").asText()).isEqualTo("ListBulkVolumeJobs");
    }

    @Test
    void http401IsBadCredentialsAndNamesTheFix() {
        server.enqueue(new MockResponse.Builder().code(401).build());
        assertThatThrownBy(() -> pinned().listBulkVolumeJobs()).isInstanceOfSatisfying(TransferException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.UNAUTHENTICATED);
            assertThat(e.getMessage()).contains("username or password");
        });
    }

    @Test
    void anHtmlErrorPageIsReportedWithItsTitle() {
        server.enqueue(new MockResponse.Builder().code(502).addHeader("Content-Type", "text/html")
                .body("<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>").build());
        assertThatThrownBy(() -> pinned().listBulkVolumeJobs()).isInstanceOfSatisfying(TransferException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.UNAVAILABLE);
            assertThat(e.sample().errorDetails().getFirst()).contains("HTML page").contains("502 Bad Gateway");
        });
    }

    @Test
    void aServerThatDoesNotAnswerInTimeIsADeadlineExceeded() {
        server.enqueue(new MockResponse.Builder().code(200).headersDelay(1, TimeUnit.SECONDS).body("{}").build());
        ElementClient c = new ElementClient(new ElementProfile("https://127.0.0.1:" + server.getPort(), "9.6", "admin",
                "s3cret", PinnedCertificateTrust.fingerprint(cluster.certificate), Duration.ofMillis(300)));
        assertThatThrownBy(c::listBulkVolumeJobs).isInstanceOfSatisfying(TransferException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.DEADLINE_EXCEEDED);
            assertThat(e.sample().errorDetails().getFirst()).contains("timed out");
        });
    }

    @Test
    void missingOptionalFieldsAreFine() throws Exception {
        server.enqueue(FakeElementCluster.json(200, "{\"id\":1,\"result\":{\"bulkVolumeJobs\":[{\"key\":\"k\",\"status\":\"preparing\"}]}}"));
        BulkVolumeJob j = pinned().listBulkVolumeJobs().getFirst();
        assertThat(j.percentComplete()).isEqualTo(-1);
        Transfer t = ElementJobMapper.apply(Transfer.create("t", "element", Direction.WATCH, "", "", "", Map.of(),
                Instant.EPOCH), j);
        assertThat(t.percent()).isEqualTo(-1);
        assertThat(t.bytesTotal()).isEqualTo(-1);
        assertThat(t.nativeStatus()).isEqualTo("preparing");
    }

    @Test
    void anEndpointThatIsNotHttpsIsRejectedWithTheExpectedForm() {
        assertThatThrownBy(() -> new ElementProfile("http://10.0.0.1", null, "a", "b", "", null))
                .hasMessageContaining("https://<MVIP>");
    }
}
