package io.ferry.provider.ims;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.ferry.domain.Direction;
import io.ferry.domain.ErrorCode;
import io.ferry.domain.Transfer;
import io.ferry.domain.TransferPhase;
import io.ferry.provider.TransferException;
import java.io.IOException;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The IAM and IMS example payloads of cloud-apis.md §3 (verbatim, including the three that are not valid JSON)
 * served over HTTP on 127.0.0.1 and read by the client.
 */
class ImsClientDocPayloadsOverHttpTest {
    static final String PROJECT = FakeIms.PROJECT;
    MockWebServer server;

    @BeforeEach
    void start() throws IOException {
        server = new MockWebServer();
        server.start(InetAddress.getByName("127.0.0.1"), 0);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    static String res(String name) throws IOException {
        return ImsSeed004ExamplesOverHttpTest.resource("/ims/" + name);
    }

    ImsClient client(String projectId) {
        return new ImsClient(new ImsProfile("eu-de", "domainname", "username", "********", "eu-de", projectId,
                server.url("/v3").toString(), server.url("/").toString(), Duration.ofSeconds(5)), new OkHttpClient(), Clock.systemUTC());
    }

    void token() {
        server.enqueue(new MockResponse.Builder().code(201).addHeader("X-Subject-Token", "tok-1")
                .body("{\"token\": {\"project\": {\"id\": \"" + PROJECT + "\"}}}").build());
    }

    void reply(int code, String body) {
        server.enqueue(new MockResponse.Builder().code(code).addHeader("Content-Type", "application/json").body(body).build());
    }

    static Transfer blank() {
        return Transfer.create("t", "ims", Direction.WATCH, "", "", "", Map.of(), Instant.parse("2026-11-23T12:00:00Z"));
    }

    @Test
    void theTokenRequestHasTheDocumentedBodyAndTheDocsTokenResponseIsUsableOnlyWithAProjectIdInTheProfile() throws Exception {
        // the doc's response body has a trailing comma: the token header is still good when the profile names the project
        server.enqueue(new MockResponse.Builder().code(201).addHeader("X-Subject-Token", "MIIDkgYJKoZIhvcNAQcCoIIDgzCCA38CAQExDTALBglghkgBZQMEAgEwgXXXXX")
                .body(res("iam-token-response-doc-broken.txt")).build());
        IamTokenSource.Token t = client("p-123").tokens().token();
        assertThat(t.value()).isEqualTo("MIIDkgYJKoZIhvcNAQcCoIIDgzCCA38CAQExDTALBglghkgBZQMEAgEwgXXXXX");
        assertThat(t.projectId()).isEqualTo("p-123");
        RecordedRequest r = server.takeRequest(5, TimeUnit.SECONDS);
        assertThat(r.getUrl().encodedPath()).isEqualTo("/v3/auth/tokens");
        JsonNode body = FakeIms.M.readTree(r.getBody().utf8());
        assertThat(body.at("/auth/identity/methods/0").asText()).isEqualTo("password");
        assertThat(body.at("/auth/identity/password/user/name").asText()).isEqualTo("username");
        assertThat(body.at("/auth/identity/password/user/domain/name").asText()).isEqualTo("domainname");
        assertThat(body.at("/auth/scope/project/id").asText()).isEqualTo("p-123");

        server.enqueue(new MockResponse.Builder().code(201).addHeader("X-Subject-Token", "x")
                .body(res("iam-token-response-doc-broken.txt")).build());
        assertThatThrownBy(() -> client("").tokens().token()).isInstanceOfSatisfying(TransferException.class,
                e -> assertThat(e.getMessage()).contains("malformed JSON").contains("set it in the profile"));
    }

    @Test
    void theTokenIsScopedByProjectNameWhenNoIdIsGiven() throws Exception {
        token();
        assertThat(client("").tokens().token().projectId()).isEqualTo(PROJECT);
        JsonNode body = FakeIms.M.readTree(server.takeRequest(5, TimeUnit.SECONDS).getBody().utf8());
        assertThat(body.at("/auth/scope/project/name").asText()).isEqualTo("eu-de");
    }

    @Test
    void theTestButtonGetsOneTokenAndSaysForWhichProject() throws Exception {
        token();
        assertThat(client("").testConnection()).contains("user username").contains("project " + PROJECT);
        server.enqueue(new MockResponse.Builder().code(401).body("{\"error\": {\"code\": 401, \"message\": \"The username or password is wrong.\"}}").build());
        ImsClient c = client("");
        assertThatThrownBy(c::testConnection).isInstanceOfSatisfying(TransferException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.UNAUTHENTICATED);
            assertThat(e.getMessage()).contains("The username or password is wrong.");
        });
        assertThat(server.getRequestCount()).isEqualTo(2);
    }

    @Test
    void aTokenResponseWithoutTheHeaderIsAClearError() {
        reply(201, "{\"token\": {}}");
        assertThatThrownBy(() -> client("p").tokens().token()).hasMessageContaining("without an X-Subject-Token header");
    }

    @Test
    void theDocImportExampleIsSentAsDocumentedAndItsJobIdRead() throws Exception {
        token();
        reply(200, res("import-response-doc.json"));
        String id = client("").importImage(new ImageImportRequest("ims_test_file", "ims-image:centos70.qcow2", 40,
                "CentOS 7.0 64bit", "Create an image from a file in an OBS bucket", null, List.of("aaa.111", "bbb.333", "ccc.444")));
        assertThat(id).isEqualTo("8a12fc664fb4daa3014fb4e581380005");
        server.takeRequest(5, TimeUnit.SECONDS);
        RecordedRequest r = server.takeRequest(5, TimeUnit.SECONDS);
        assertThat(r.getMethod()).isEqualTo("POST");
        assertThat(r.getUrl().encodedPath()).isEqualTo("/v2/cloudimages/action");
        assertThat(r.getHeaders().get("X-Auth-Token")).isEqualTo("tok-1");
        assertThat(FakeIms.M.readTree(r.getBody().utf8())).isEqualTo(FakeIms.M.readTree(res("import-request-doc.json")));
    }

    @Test
    void theDocExportExampleIsSentAsDocumentedAndItsJobIdRead() throws Exception {
        token();
        reply(200, res("export-response-doc.json"));
        String id = client("").exportImage(new ImageExportRequest("d164b5df-1bc3-4c3f-893e-3e471fd16e64",
                "ims-image:centos7_5.qcow2", "qcow2", false));
        assertThat(id).isEqualTo("edc89b490d7d4392898e19b2deb34797");
        server.takeRequest(5, TimeUnit.SECONDS);
        RecordedRequest r = server.takeRequest(5, TimeUnit.SECONDS);
        assertThat(r.getUrl().encodedPath()).isEqualTo("/v1/cloudimages/d164b5df-1bc3-4c3f-893e-3e471fd16e64/file");
        assertThat(FakeIms.M.readTree(r.getBody().utf8())).isEqualTo(FakeIms.M.readTree(res("export-request-doc.json")));
    }

    @Test
    void exportArgumentsAreCheckedWithMessagesNamingTheExpectedForm() {
        assertThatThrownBy(() -> new ImageExportRequest("i", "bucket-only", "qcow2", false)).hasMessageContaining("bucket:file");
        assertThatThrownBy(() -> new ImageExportRequest("i", "b:f", "iso", false)).hasMessageContaining("qcow2, vhd, zvhd, vmdk");
        assertThatThrownBy(() -> new ImageImportRequest("n", "b:o", 0, null, null, null, null)).hasMessageContaining("min_disk");
    }

    @Test
    void theImsErrorShapeBecomesItsMappedCodeWithTheVendorCodeKept() throws Exception {
        token();
        reply(400, res("ims-error-img0024.json"));
        assertThatThrownBy(() -> client("").importImage(new ImageImportRequest("n", "b:o", 40, null, null, "Bogus", null)))
                .isInstanceOfSatisfying(ImsHttpException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
                    assertThat(e.vendorCode()).isEqualTo("IMG.0024");
                    assertThat(e.httpStatus()).isEqualTo(400);
                    assertThat(e.sample().errorDetails().getFirst()).isEqualTo("IMG.0024: The imagetype is invalid. (HTTP 400)");
                });
    }

    @Test
    void theGatewayErrorShapeIsReadToo() throws Exception {
        token();
        reply(403, res("apigw-error-0301.json").replace("APIGW.0301", "APIGW.0302"));
        assertThatThrownBy(() -> client("").getJob("j", ImsJobApi.JOBS)).isInstanceOfSatisfying(ImsHttpException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.PERMISSION_DENIED);
            assertThat(e.vendorCode()).isEqualTo("APIGW.0302");
            assertThat(e.sample().errorDetails().getFirst())
                    .isEqualTo("APIGW.0302: Incorrect IAM authentication information: decrypt token fail (HTTP 403, request_id ******)");
        });
    }

    @Test
    void theSyntheticFailJobMapsToFailureWithErrorCodeAndReason() throws Exception {
        token();
        reply(200, res("synthetic-fail-import.json"));
        ImsJob job = client("").getJob("ff8080814dbd65d7014dbe0d84db0013", ImsJobApi.JOBS);
        assertThat(ImsStatusMapping.map(job.status()).phase()).isEqualTo(TransferPhase.FINISHED_FAILURE);
        List<ImsJobMapper.JobError> errors = ImsJobMapper.errors(job, "u");
        assertThat(errors).singleElement().satisfies(e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.FAILED_PRECONDITION);
            assertThat(e.sample().errorDetails()).first().asString().startsWith("The image file is empty, not found");
            assertThat(e.sample().errorDetails()).contains("error_code: IMG.0057");
        });
        Transfer t = ImsJobMapper.apply(blank(), job);
        assertThat(t.message()).startsWith("The image file is empty");
        assertThat(t.percent()).isEqualTo(-1);
        assertThat(t.attributes()).containsEntry("error_code", "IMG.0057");
    }

    @Test
    void theOldOtcProgressExampleIsNotJsonAndGivesAClearError() throws Exception {
        token();
        reply(200, res("otc-progress-doc-broken.txt"));
        assertThatThrownBy(() -> client("").getJob("ff808", ImsJobApi.PROGRESS)).isInstanceOfSatisfying(TransferException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.UNKNOWN);
            assertThat(e.sample().errorDetails().getFirst()).contains("malformed JSON").contains("process_percent");
            assertThat(e.sample().url()).endsWith("/v1/cloudimages/job/ff808");
        });
    }

    @Test
    void theCorrectedProgressExampleGivesPercentAndCurrentTask() throws Exception {
        token();
        reply(200, res("otc-progress-corrected-running.json"));
        ImsJob job = client("").getJob("ff8080814dbd65d7014dbe0d84db0013", ImsJobApi.PROGRESS);
        Transfer t = ImsJobMapper.apply(blank(), job);
        assertThat(t.percent()).isEqualTo(24.0);
        assertThat(t.attributes()).containsEntry("process_percent", "0.24")
                .containsEntry("current_task", "ImportImageTask:ObtainImageInfoTask")
                .containsEntry("image_id", "e9e91bff-14b6-4a0b-8377-4ed0813e3360");
        assertThat(t.message()).isEqualTo("ImportImageTask:ObtainImageInfoTask");
    }

    @Test
    void oldNonIsoTimesAreKeptRawWithoutACrash() throws Exception {
        token();
        reply(200, res("otc-old-job-non-iso-times.json"));
        ImsJob job = client("").getJob("4010a32c5b8b3c4b015b8c3c1a430011", ImsJobApi.JOBS);
        Transfer t = ImsJobMapper.apply(blank(), job);
        assertThat(t.attributes()).containsEntry("begin_time", "04-Jun-2015 18:11:06:586").doesNotContainKey("end_time")
                .containsEntry("job_type", "createImageByInstance");
        assertThat(t.started()).isNull();
        assertThat(t.nativeStatus()).isEqualTo("SUCCESS");
    }

    @Test
    void unknownEntityFieldsAreKeptAsAttributes() throws Exception {
        token();
        reply(200, "{\"status\": \"RUNNING\", \"job_id\": \"j\", \"entities\": {\"addition_error_code\": \"X.1\", \"alarm_code\": 7, \"process_percent\": 35}}");
        Transfer t = ImsJobMapper.apply(blank(), client("").getJob("j", ImsJobApi.JOBS));
        assertThat(t.attributes()).containsEntry("entities.addition_error_code", "X.1").containsEntry("entities.alarm_code", "7");
        assertThat(t.percent()).isEqualTo(35.0);
    }

    @Test
    void aJobWithNothingButItsIdIsUnknownAndStillMapped() throws Exception {
        token();
        reply(200, "{\"job_id\": \"bare\", \"entities\": null}");
        ImsJob job = client("").getJob("bare", ImsJobApi.JOBS);
        assertThat(ImsStatusMapping.map(job.status()).phase()).isEqualTo(TransferPhase.UNKNOWN);
        Transfer t = ImsJobMapper.apply(blank(), job);
        assertThat(t.subJobs()).isEmpty();
        assertThat(t.percent()).isEqualTo(-1);
        assertThat(t.attributes()).containsOnlyKeys("job_id");
        assertThat(ImsJobMapper.errors(job, "u")).isEmpty();
    }

    @Test
    void profilesDefaultTheirEndpointsFromTheRegion() {
        ImsProfile de = ImsProfile.forRegion("eu-de", "d", "u", "p", null);
        assertThat(de.tokenUrl()).isEqualTo("https://iam.eu-de.otc.t-systems.com/v3/auth/tokens");
        assertThat(de.imsEndpoint()).isEqualTo("https://ims.eu-de.otc.t-systems.com");
        assertThat(de.project()).isEqualTo("eu-de");
        assertThat(ImsProfile.forRegion("eu-ch2", "d", "u", "p", null).tokenUrl())
                .isEqualTo("https://iam-pub.eu-ch2.sc.otc.t-systems.com/v3/auth/tokens");
        assertThat(ImsProfile.forRegion("ap-southeast-1", "d", "u", "p", null).imsEndpoint())
                .isEqualTo("https://ims.ap-southeast-1.myhuaweicloud.com");
        assertThat(de.withEndpoints("http://127.0.0.1:9/", null).tokenUrl()).isEqualTo("http://127.0.0.1:9/v3/auth/tokens");
    }
}
