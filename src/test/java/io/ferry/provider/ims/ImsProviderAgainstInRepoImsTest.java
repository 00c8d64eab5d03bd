package io.ferry.provider.ims;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.ferry.domain.Direction;
import io.ferry.domain.ErrorCode;
import io.ferry.domain.PhaseAction;
import io.ferry.domain.SubJob;
import io.ferry.domain.Transfer;
import io.ferry.domain.TransferPhase;
import io.ferry.provider.Provider;
import io.ferry.provider.TransferException;
import io.ferry.provider.remote.RecordingTransferContext;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The ims provider against the in-repo IAM + IMS ({@link FakeIms}) over real HTTP on 127.0.0.1. */
class ImsProviderAgainstInRepoImsTest {
    MockWebServer server;
    FakeIms ims;
    ImsClient client;
    ImsProvider provider;

    @BeforeEach
    void start() throws Exception {
        ims = new FakeIms("domain A", "user A", "pa55");
        server = new MockWebServer();
        server.setDispatcher(ims);
        server.start(InetAddress.getByName("127.0.0.1"), 0);
        client = new ImsClient(profile("pa55"), new OkHttpClient(), Clock.systemUTC());
        provider = new ImsProvider(t -> client, Duration.ofSeconds(5));
    }

    ImsProfile profile(String password) {
        return new ImsProfile("eu-de", "domain A", "user A", password, "eu-de", "", server.url("/v3").toString(),
                server.url("/").toString(), Duration.ofSeconds(5));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    static Transfer transfer(Map<String, String> options) {
        return Transfer.create("t-ims", "ims", Direction.WATCH, "image job", "", "", options, Instant.parse("2026-11-23T12:00:00Z"));
    }

    static Map<String, String> importOptions() {
        Map<String, String> o = new LinkedHashMap<>();
        o.put(ImsOptions.START, "import");
        o.put(ImsOptions.IMAGE_NAME, "ims_test_file");
        o.put(ImsOptions.IMAGE_URL, "ims-image:centos70.qcow2");
        o.put(ImsOptions.MIN_DISK, "40");
        o.put(ImsOptions.OS_VERSION, "CentOS 7.0 64bit");
        o.put(ImsOptions.JOB_API, "progress");
        return o;
    }

    @Test
    void anImportFromObsGoesFromInitThroughRisingPercentToSuccess() throws Exception {
        ims.scriptNextJob(
                "{\"status\": \"INIT\", \"entities\": {}}",
                "{\"status\": \"RUNNING\", \"entities\": {\"process_percent\": 0.1, \"current_task\": \"ImportImageTask:ObtainImageInfoTask\"}}",
                "{\"status\": \"RUNNING\", \"entities\": {\"process_percent\": 0.6, \"current_task\": \"ImportImageTask:UploadImageTask\"}}",
                "{\"status\": \"SUCCESS\", \"end_time\": \"2026-11-23T11:09:00.000Z\", \"error_code\": null, \"fail_reason\": null,"
                        + " \"entities\": {\"image_name\": \"ims_test_file\", \"image_id\": \"431df7fd-a898-4dc0-86b1-22cfefb8a517\", \"process_percent\": 1.0}}");
        RecordingTransferContext ctx = new RecordingTransferContext(transfer(importOptions()));

        provider.run(ctx);

        assertThat(ctx.phases()).containsExactly(TransferPhase.INITIALIZING, TransferPhase.TRANSFERRING,
                TransferPhase.TRANSFERRING, TransferPhase.FINISHED_SUCCESS);
        assertThat(ctx.percents()).containsExactly(-1.0, 10.0, 60.0, 100.0);
        assertThat(ctx.observations.get(2).reason()).contains("ImportImageTask:UploadImageTask");
        Transfer t = ctx.current();
        assertThat(t.attributes()).containsEntry("image_id", "431df7fd-a898-4dc0-86b1-22cfefb8a517")
                .containsEntry("image_name", "ims_test_file").containsEntry("job_type", "imsImportImageJob");
        assertThat(t.option(ImsOptions.JOB_ID, "")).isEqualTo(t.attributes().get("job_id"));
        assertThat(t.started()).isEqualTo(Instant.parse("2026-11-23T11:00:00Z"));
        assertThat(t.ended()).isEqualTo(Instant.parse("2026-11-23T11:09:00Z"));
        assertThat(t.errors().isEmpty()).isTrue();
        assertThat(ctx.sleeps).containsOnly(Duration.ofSeconds(5));
        // one token for the whole run, sent on every IMS call
        assertThat(ims.tokensIssued()).isEqualTo(1);
        RecordedRequest create = ims.requests.stream().filter(r -> r.getUrl().encodedPath().equals("/v2/cloudimages/action")).findFirst().orElseThrow();
        JsonNode body = FakeIms.M.readTree(create.getBody().utf8());
        assertThat(body.path("image_url").asText()).isEqualTo("ims-image:centos70.qcow2");
        assertThat(body.path("min_disk").asInt()).isEqualTo(40);
        assertThat(ims.count("GET", "/v1/cloudimages/job/")).isEqualTo(4);
    }

    @Test
    void aFailedExportEndsInFailureWithErrorCodeAndFailReasonInTheBreakdown() throws Exception {
        ims.scriptNextJob(
                "{\"status\": \"RUNNING\", \"entities\": {}}",
                "{\"status\": \"FAIL\", \"error_code\": \"IMG.0069\", \"fail_reason\": \"The OBS bucket is not accessible.\", \"entities\": {\"image_id\": \"d164b5df-1bc3-4c3f-893e-3e471fd16e64\"}}");
        Map<String, String> o = new LinkedHashMap<>();
        o.put(ImsOptions.START, "export");
        o.put(ImsOptions.IMAGE_ID, "d164b5df-1bc3-4c3f-893e-3e471fd16e64");
        o.put(ImsOptions.BUCKET_URL, "ims-image:centos7_5.qcow2");
        o.put(ImsOptions.FILE_FORMAT, "qcow2");
        RecordingTransferContext ctx = new RecordingTransferContext(transfer(o));

        provider.run(ctx);

        assertThat(ctx.phases()).containsExactly(TransferPhase.TRANSFERRING, TransferPhase.FINISHED_FAILURE);
        Transfer t = ctx.current();
        assertThat(t.nativeStatus()).isEqualTo("FAIL");
        assertThat(t.message()).isEqualTo("The OBS bucket is not accessible.");
        assertThat(t.errors().count(ErrorCode.PERMISSION_DENIED)).isEqualTo(1);
        var sample = t.errors().get(ErrorCode.PERMISSION_DENIED).orElseThrow().errorLogEntries().getFirst();
        assertThat(sample.errorDetails()).containsExactly("The OBS bucket is not accessible.", "error_code: IMG.0069",
                "job: " + t.option(ImsOptions.JOB_ID, "") + " (imsNativeExportImageJob)");
        assertThat(sample.url()).endsWith("/v1/" + FakeIms.PROJECT + "/jobs/" + t.option(ImsOptions.JOB_ID, ""));
        assertThat(t.phaseReason()).contains("IMG.0069");
        // the seed-004 API was used (the default)
        assertThat(ims.count("GET", "/v1/" + FakeIms.PROJECT + "/jobs/")).isEqualTo(2);
    }

    @Test
    void anExpiredTokenIsRenewedOnceAndTheJobIsFollowedToTheEnd() throws Exception {
        ims.addJob("job-renew", "imsCopyImageInRegionJob", "{\"status\": \"RUNNING\", \"entities\": {}}",
                "{\"status\": \"RUNNING\", \"entities\": {}}", "{\"status\": \"SUCCESS\", \"entities\": {\"image_id\": \"i-1\"}}");
        RecordingTransferContext ctx = new RecordingTransferContext(transfer(Map.of(ImsOptions.JOB_ID, "job-renew")));
        ctx.stopAfter(0);
        assertThatThrownBy(() -> provider.run(ctx)).isInstanceOf(io.ferry.provider.TransferStopped.class);
        ims.expireAllTokens();
        RecordingTransferContext again = new RecordingTransferContext(ctx.current());
        provider.run(again);
        assertThat(again.current().phase()).isEqualTo(TransferPhase.FINISHED_SUCCESS);
        assertThat(ims.tokensIssued()).isEqualTo(2);
        assertThat(again.current().errors().isEmpty()).isTrue();
    }

    @Test
    void credentialsRejectedOnRenewalStopWithUnauthenticatedAndIamIsNotAskedAgain() throws Exception {
        ims.addJob("job-x", "imsImportImageJob", "{\"status\": \"RUNNING\", \"entities\": {}}");
        RecordingTransferContext ctx = new RecordingTransferContext(transfer(Map.of(ImsOptions.JOB_ID, "job-x")));
        ctx.stopAfter(0);
        assertThatThrownBy(() -> provider.run(ctx)).isInstanceOf(io.ferry.provider.TransferStopped.class);
        ims.changePassword("rotated");

        RecordingTransferContext again = new RecordingTransferContext(ctx.current());
        assertThatThrownBy(() -> provider.run(again)).isInstanceOfSatisfying(TransferException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.UNAUTHENTICATED);
            assertThat(e.getMessage()).contains("IAM rejected user \"user A\"").contains("The username or password is wrong");
        });
        long iamCalls = ims.count("POST", "/v3/auth/tokens");
        assertThat(iamCalls).isEqualTo(2);
        // a third run with the same (rejected) credentials does not go to IAM again
        RecordingTransferContext third = new RecordingTransferContext(ctx.current());
        assertThatThrownBy(() -> provider.run(third)).isInstanceOfSatisfying(TransferException.class,
                e -> assertThat(e.getMessage()).contains("not asking again"));
        assertThat(ims.count("POST", "/v3/auth/tokens")).isEqualTo(iamCalls);
    }

    @Test
    void aFreshTokenRejectedByImsIsUnauthenticatedAfterExactlyOneRenewal() {
        ims.addJob("job-y", "imsImportImageJob", "{\"status\": \"RUNNING\", \"entities\": {}}");
        ims.rejectEveryToken = true;
        RecordingTransferContext ctx = new RecordingTransferContext(transfer(Map.of(ImsOptions.JOB_ID, "job-y")));
        assertThatThrownBy(() -> provider.run(ctx)).isInstanceOfSatisfying(ImsHttpException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.UNAUTHENTICATED);
            assertThat(e.vendorCode()).isEqualTo("APIGW.0301");
            assertThat(e.getMessage()).contains("freshly issued token").contains("APIGW.0301");
        });
        assertThat(ims.tokensIssued()).isEqualTo(2);
        assertThat(ims.count("GET", "/v1/")).isEqualTo(2);
    }

    @Test
    void subJobsAreChildRowsWithTheirOwnPhaseAndListedOnesWithoutResultAreInitializing() throws Exception {
        ims.addJob("ova", "imsImportOvaImageJob",
                "{\"status\": \"RUNNING\", \"entities\": {\"sub_jobs_result\": [{\"job_id\": \"s1\", \"job_type\": \"imsImportImageJob\","
                        + " \"status\": \"RUNNING\", \"begin_time\": \"2026-11-23T11:01:00.000Z\", \"entities\": {}}],"
                        + " \"sub_jobs_list\": [\"s1\", \"s2\"]}}",
                "{\"status\": \"FAIL\", \"error_code\": \"IMG.0057\", \"fail_reason\": \"sub-job failed\", \"entities\": {\"sub_jobs_result\": ["
                        + "{\"job_id\": \"s1\", \"job_type\": \"imsImportImageJob\", \"status\": \"SUCCESS\", \"entities\": {\"image_id\": \"img-1\", \"image_name\": \"disk0\"}},"
                        + "{\"job_id\": \"s2\", \"job_type\": \"imsImportDataImageJob\", \"status\": \"FAIL\", \"error_code\": \"IMG.0059\", \"fail_reason\": \"The file is too large.\", \"entities\": {}}],"
                        + " \"sub_jobs_list\": [\"s1\", \"s2\"]}}");
        RecordingTransferContext ctx = new RecordingTransferContext(transfer(Map.of(ImsOptions.JOB_ID, "ova")));
        provider.run(ctx);

        var firstRows = ctx.observations.getFirst().snapshot().subJobs();
        assertThat(firstRows).extracting(SubJob::id, SubJob::phase)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("s1", TransferPhase.TRANSFERRING),
                        org.assertj.core.groups.Tuple.tuple("s2", TransferPhase.INITIALIZING));
        assertThat(firstRows.getFirst().started()).isEqualTo(Instant.parse("2026-11-23T11:01:00Z"));
        Transfer t = ctx.current();
        assertThat(t.subJobs()).extracting(SubJob::id, SubJob::phase, SubJob::errorCode)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("s1", TransferPhase.FINISHED_SUCCESS, ""),
                        org.assertj.core.groups.Tuple.tuple("s2", TransferPhase.FINISHED_FAILURE, "IMG.0059"));
        assertThat(t.subJobs().getFirst().attributes()).containsEntry("image_id", "img-1").containsEntry("image_name", "disk0");
        assertThat(t.errors().count(ErrorCode.FAILED_PRECONDITION)).isEqualTo(1);
        assertThat(t.errors().count(ErrorCode.OUT_OF_RANGE)).isEqualTo(1);
        assertThat(t.errors().totalCount()).isEqualTo(2);
    }

    @Test
    void anUnknownStatusIsShownAsUnknownWithTheRawTextAndPollingGoesOn() throws Exception {
        ims.addJob("odd", "imsImportImageJob", "{\"status\": \"QUEUED\", \"entities\": {}}",
                "{\"status\": \"SUCCESS\", \"entities\": {}}");
        RecordingTransferContext ctx = new RecordingTransferContext(transfer(Map.of(ImsOptions.JOB_ID, "odd")));
        provider.run(ctx);
        assertThat(ctx.observations.getFirst().phase()).isEqualTo(TransferPhase.UNKNOWN);
        assertThat(ctx.observations.getFirst().nativeStatus()).isEqualTo("QUEUED");
        assertThat(ctx.observations.getFirst().reason()).contains("unrecognised").contains("QUEUED");
        assertThat(ctx.phases().getLast()).isEqualTo(TransferPhase.FINISHED_SUCCESS);
    }

    @Test
    void theProgressApiFallsBackToTheSeedApiWhereTheGatewayDoesNotPublishIt() throws Exception {
        ims.progressApi = false;
        ims.addJob("old", "imsImportImageJob", "{\"status\": \"SUCCESS\", \"entities\": {\"image_id\": \"i-2\"}}");
        RecordingTransferContext ctx = new RecordingTransferContext(transfer(Map.of(ImsOptions.JOB_ID, "old", ImsOptions.JOB_API, "progress")));
        provider.run(ctx);
        assertThat(ctx.current().phase()).isEqualTo(TransferPhase.FINISHED_SUCCESS);
        assertThat(ims.count("GET", "/v1/cloudimages/job/")).isEqualTo(1);
        assertThat(ims.count("GET", "/v1/" + FakeIms.PROJECT + "/jobs/old")).isEqualTo(1);
    }

    @Test
    void htmlPagesMalformedJsonAndTimeoutsAreRecordedClearlyAndPollingRecovers() throws Exception {
        ims.addJob("flaky", "imsImportImageJob", "{\"status\": \"RUNNING\", \"entities\": {}}",
                "{\"status\": \"SUCCESS\", \"entities\": {}}");
        ImsClient shortTimeout = new ImsClient(new ImsProfile("eu-de", "domain A", "user A", "pa55", "eu-de", "",
                server.url("/v3").toString(), server.url("/").toString(), Duration.ofMillis(300)), new OkHttpClient(), Clock.systemUTC());
        Provider p = new ImsProvider(t -> shortTimeout, Duration.ofSeconds(1));
        RecordingTransferContext ctx = new RecordingTransferContext(transfer(Map.of(ImsOptions.JOB_ID, "flaky")));
        shortTimeout.tokens().token();
        ims.faults.add(new MockResponse.Builder().code(502).addHeader("Content-Type", "text/html")
                .body("<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head><body></body></html>").build());
        ims.faults.add(FakeIms.json(200, "{\"status\": \"RUNNING\", \"entities\": {"));
        ims.faults.add(new MockResponse.Builder().code(200).headersDelay(1, java.util.concurrent.TimeUnit.SECONDS).body("{}").build());

        p.run(ctx);

        Transfer t = ctx.current();
        assertThat(t.phase()).isEqualTo(TransferPhase.FINISHED_SUCCESS);
        assertThat(t.errors().count(ErrorCode.UNAVAILABLE)).isEqualTo(1);
        assertThat(t.errors().count(ErrorCode.UNKNOWN)).isEqualTo(1);
        assertThat(t.errors().count(ErrorCode.DEADLINE_EXCEEDED)).isEqualTo(1);
        assertThat(t.errors().get(ErrorCode.UNAVAILABLE).orElseThrow().errorLogEntries().getFirst().errorDetails().getFirst())
                .contains("HTML page").contains("502 Bad Gateway");
        assertThat(t.errors().get(ErrorCode.UNKNOWN).orElseThrow().errorLogEntries().getFirst().errorDetails().getFirst())
                .contains("malformed JSON");
        assertThat(ctx.sleeps.subList(0, 3)).containsExactly(Duration.ofSeconds(2), Duration.ofSeconds(4), Duration.ofSeconds(8));
    }

    @Test
    void imsJobsCannotBePausedOrCancelledAndSaySo() {
        Transfer t = transfer(Map.of(ImsOptions.JOB_ID, "j"));
        for (PhaseAction a : new PhaseAction[] {PhaseAction.PAUSE, PhaseAction.RESUME, PhaseAction.CANCEL, PhaseAction.FINALIZE, PhaseAction.EXTEND}) {
            assertThatThrownBy(() -> provider.act(t, a)).isInstanceOfSatisfying(TransferException.class, e -> {
                assertThat(e.code()).isEqualTo(ErrorCode.FAILED_PRECONDITION);
                assertThat(e.getMessage()).contains("IMS jobs cannot be").contains("no call to " + a.wireName());
            });
        }
        assertThat(ims.requests).isEmpty();
    }

    @Test
    void aBadImportIsRefusedBeforeAnythingIsSent() {
        Map<String, String> o = importOptions();
        o.put(ImsOptions.IMAGE_URL, "centos70.qcow2");
        RecordingTransferContext ctx = new RecordingTransferContext(transfer(o));
        assertThatThrownBy(() -> provider.run(ctx)).isInstanceOfSatisfying(TransferException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
            assertThat(e.getMessage()).contains("bucket:object");
        });
        assertThat(ims.count("POST", "/v2/")).isZero();
    }
}
