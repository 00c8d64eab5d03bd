package io.ferry.provider.gcs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ferry.domain.ErrorCode;
import io.ferry.domain.TransferPhase;
import io.ferry.provider.TransferException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The REST client over real HTTP on 127.0.0.1 against the in-repo Storage Transfer server. */
class StorageTransferClientAgainstInRepoServerTest {
    FakeStorageTransferServer sts;
    StorageTransferClient client;

    @BeforeEach
    void start() throws Exception {
        sts = new FakeStorageTransferServer();
        client = new StorageTransferClient(sts.endpoint(), GcsAuth.fixedToken(sts.acceptToken("ya29.fixed")), Duration.ofSeconds(5));
    }

    @AfterEach
    void stop() {
        sts.close();
    }

    @Test
    void listFollowsNextPageTokenAndSendsTheFilterUrlEncoded() throws Exception {
        for (int i = 0; i < 7; i++) {
            sts.addOperation("42", "proj-a", List.of());
        }
        sts.addOperation("43", "proj-a", List.of());
        sts.addOperation("42", "proj-b", List.of());
        sts.pageSizeCap(3);

        List<GcsOperation> ops = client.listOperations(new OperationFilter("proj-a", List.of("42"), null, null), 0);

        assertThat(ops).hasSize(7).allSatisfy(op -> {
            assertThat(op.transferJobName()).isEqualTo("transferJobs/42");
            assertThat(op.projectId()).isEqualTo("proj-a");
            assertThat(op.phase()).isEqualTo(TransferPhase.INITIALIZING);
        });
        assertThat(ops).extracting(GcsOperation::name).doesNotHaveDuplicates();
        List<RecordedRequest> reqs = sts.apiRequests();
        assertThat(reqs).hasSize(3);
        assertThat(reqs).extracting(r -> r.getUrl().queryParameter("pageToken")).containsExactly(null, "page-3", "page-6");
        for (RecordedRequest r : reqs) {
            assertThat(r.getUrl().queryParameter("filter"))
                    .isEqualTo("{\"projectId\":\"proj-a\",\"jobNames\":[\"transferJobs/42\"]}");
            String target = r.getTarget();
            assertThat(target).startsWith("/v1/transferOperations?filter=%7B%22projectId%22");
            assertThat(target.substring(target.indexOf("filter="), target.indexOf("&pageSize")))
                    .doesNotContain("{", "}", "\"", "[", "]", " ");
            assertThat(r.getHeaders().get("Authorization")).isEqualTo("Bearer ya29.fixed");
        }
    }

    @Test
    void listStopsAtTheLimit() throws Exception {
        for (int i = 0; i < 10; i++) {
            sts.addOperation("42", "p", List.of());
        }
        sts.pageSizeCap(4);
        assertThat(client.listOperations(OperationFilter.project("p"), 5)).hasSize(5);
        assertThat(sts.apiRequests()).extracting(r -> r.getUrl().queryParameter("pageSize")).containsExactly("5", "1");
    }

    @Test
    void statusFilterSelectsFinishedOperations() throws Exception {
        var a = sts.addOperation("1", "p", List.of());
        sts.addOperation("2", "p", List.of());
        client.getOperation(a.name()); // QUEUED, then IN_PROGRESS
        client.getOperation(a.name()); // IN_PROGRESS, then SUCCESS
        var ops = client.listOperations(new OperationFilter("p", null, null, List.of("success")), 0);
        assertThat(ops).extracting(GcsOperation::name).containsExactly(a.name());
    }

    @Test
    void getPauseResumeCancelHitTheDocumentedPaths() throws Exception {
        var op = sts.addOperation("7", "p", List.of(Map.of("bytesFoundFromSource", "100", "bytesCopiedToSink", "10"),
                Map.of("bytesFoundFromSource", "100", "bytesCopiedToSink", "20"),
                Map.of("bytesFoundFromSource", "100", "bytesCopiedToSink", "30")));
        String bare = GcsNames.stripOperationPrefix(op.name());
        assertThat(client.getOperation(bare).rawStatus()).isEqualTo("QUEUED"); // accepts the name without prefix
        assertThat(client.getOperation(op.name()).bytesCopied()).isEqualTo(10);
        client.pauseOperation(op.name());
        assertThat(client.getOperation(op.name()).rawStatus()).isEqualTo("SUSPENDING");
        assertThat(client.getOperation(op.name()).rawStatus()).isEqualTo("PAUSED");
        client.resumeOperation(op.name());
        assertThat(client.getOperation(op.name()).rawStatus()).isEqualTo("IN_PROGRESS");
        client.cancelOperation(op.name());
        assertThat(client.getOperation(op.name()).bytesCopied()).isEqualTo(30); // cancel is asynchronous
        assertThat(client.getOperation(op.name()).phase()).isEqualTo(TransferPhase.CANCELLED_USER);

        String get = "GET /v1/" + op.name() + " HTTP/1.1";
        assertThat(sts.apiRequests()).extracting(RecordedRequest::getRequestLine).containsExactly(
                get, get,
                "POST /v1/" + op.name() + ":pause HTTP/1.1",
                get, get,
                "POST /v1/" + op.name() + ":resume HTTP/1.1",
                get,
                "POST /v1/" + op.name() + ":cancel HTTP/1.1",
                get, get);
        assertThat(sts.apiRequests().get(2).getBody().utf8()).isEqualTo("{}");
    }

    @Test
    void pausingAPausedOperationReportsFailedPreconditionFromTheGoogleErrorBody() throws Exception {
        var op = sts.addOperation("7", "p", List.of());
        assertThatThrownBy(() -> client.pauseOperation(op.name()))
                .isInstanceOfSatisfying(TransferException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.FAILED_PRECONDITION);
                    assertThat(e.sample().url()).endsWith(":pause");
                    assertThat(e.sample().errorDetails().getFirst()).contains("HTTP 400").contains("is not in progress; it is QUEUED");
                });
    }

    @Test
    void jobsListGetAndRunFollowingTheNewOperation() throws Exception {
        sts.addJob("555", "p");
        sts.addJob("556", "p");
        sts.addJob("999", "other");
        assertThat(client.listJobs(new JobFilter("p", null, List.of("enabled")), 0))
                .extracting(GcsJob::name).containsExactly("transferJobs/555", "transferJobs/556");
        GcsJob job = client.getJob("555", "p");
        assertThat(job.source()).isEqualTo("s3://src-555/");
        assertThat(job.latestOperationName()).isEmpty();

        GcsOperation run = client.runJob("555", "p");
        assertThat(run.name()).startsWith("transferOperations/transferJobs-555-");
        assertThat(run.rawStatus()).isEqualTo("QUEUED");
        assertThat(run.counters().isEmpty()).isTrue();
        RecordedRequest runReq = sts.apiRequests().getLast();
        assertThat(runReq.getRequestLine()).isEqualTo("POST /v1/transferJobs/555:run HTTP/1.1");
        assertThat(runReq.getBody().utf8()).isEqualTo("{\"projectId\":\"p\"}");
        assertThat(client.getJob("555", "p").latestOperationName()).isEqualTo(run.name());
        assertThat(client.getOperation(run.name()).phase()).isEqualTo(TransferPhase.INITIALIZING);
        assertThat(client.getOperation(run.name()).phase()).isEqualTo(TransferPhase.TRANSFERRING);

        assertThatThrownBy(() -> client.runJob("555", "p")).isInstanceOfSatisfying(TransferException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.ALREADY_EXISTS));
    }

    @Test
    void theConnectionTestNamesTheProjectsServiceAgent() throws Exception {
        assertThat(client.serviceAgent("proj-a")).isEqualTo("project-6@storage-transfer-service.iam.gserviceaccount.com");
        assertThat(sts.apiRequests().getLast().getRequestLine()).isEqualTo("GET /v1/googleServiceAccounts/proj-a HTTP/1.1");
    }

    @Test
    void jobGetWithoutProjectIsRefusedBeforeTheMisleading403() {
        assertThatThrownBy(() -> client.getJob("555", " ")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--project");
    }

    @Test
    void aGoogle403BodyMapsByItsStatusName() {
        sts.inject(FakeStorageTransferServer.json(403,
                "{\"error\":{\"code\":403,\"message\":\"The caller does not have permission\",\"errors\":[{\"message\":\"The caller does not have permission\",\"domain\":\"global\",\"reason\":\"forbidden\"}],\"status\":\"PERMISSION_DENIED\"}}"));
        assertThatThrownBy(() -> client.getOperation("x")).isInstanceOfSatisfying(TransferException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.PERMISSION_DENIED);
            assertThat(e.sample().url()).isEqualTo(sts.endpoint() + "v1/transferOperations/x");
            assertThat(e.sample().errorDetails()).containsExactly("HTTP 403 Client Error: The caller does not have permission (PERMISSION_DENIED)");
        });
    }

    @Test
    void anHtmlErrorPageIsAClearEntryWithTheUrl() {
        sts.inject(new MockResponse.Builder().code(502).setHeader("Content-Type", "text/html; charset=UTF-8")
                .body("<!DOCTYPE html>\n<html><head><title>Error 502 (Server Error)!!1</title></head><body><p><b>502.</b> That’s an error.</p></body></html>").build());
        assertThatThrownBy(() -> client.getOperation("transferOperations/x")).isInstanceOfSatisfying(TransferException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.UNAVAILABLE);
            assertThat(e.sample().url()).endsWith("/v1/transferOperations/x");
            assertThat(e.sample().errorDetails().getFirst()).contains("HTTP 502").contains("HTML page").contains("Error 502 (Server Error)!!1");
        });
    }

    @Test
    void malformedJsonOnA200IsUnknownNamingWhere() {
        sts.inject(FakeStorageTransferServer.json(200, "{\"name\":\"transferOperations/x\",\"metadata\":{\"status\":\"IN_PRO"));
        assertThatThrownBy(() -> client.getOperation("x")).isInstanceOfSatisfying(TransferException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.UNKNOWN);
            assertThat(e.sample().url()).endsWith("/v1/transferOperations/x");
            assertThat(e.sample().errorDetails().getFirst()).startsWith("malformed JSON from Storage Transfer").contains("line 1");
        });
    }

    @Test
    void aJsonArrayWhereAnObjectBelongsIsMalformed() {
        sts.inject(FakeStorageTransferServer.json(200, "[1,2]"));
        assertThatThrownBy(() -> client.getOperation("x")).isInstanceOfSatisfying(TransferException.class,
                e -> assertThat(e.sample().errorDetails().getFirst()).contains("expected a JSON object, got array"));
    }

    @Test
    void anUnknownGoogleStatusNameIsUnknownWithTheRawNameKept() {
        sts.inject(FakeStorageTransferServer.error(400, "SLIGHTLY_WRONG", "odd"));
        assertThatThrownBy(() -> client.getOperation("x")).isInstanceOfSatisfying(TransferException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.UNKNOWN);
            assertThat(e.sample().errorDetails().getFirst()).contains("SLIGHTLY_WRONG").contains("odd");
        });
    }

    @Test
    void aSlowServerIsDeadlineExceeded() throws Exception {
        var quick = new StorageTransferClient(sts.endpoint(), GcsAuth.fixedToken("ya29.fixed"), Duration.ofMillis(300));
        sts.inject(new MockResponse.Builder().code(200).body("{}").headersDelay(1, TimeUnit.SECONDS).build());
        assertThatThrownBy(() -> quick.getOperation("slow")).isInstanceOfSatisfying(TransferException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.DEADLINE_EXCEEDED);
            assertThat(e.sample().url()).endsWith("/v1/transferOperations/slow");
            assertThat(e.sample().errorDetails().getFirst()).contains("within 300 ms");
        });
    }

    @Test
    void nobodyListeningIsUnavailable() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        var dead = new StorageTransferClient(HttpUrl.get("http://127.0.0.1:" + port + "/"), GcsAuth.fixedToken("t"), Duration.ofSeconds(2));
        assertThatThrownBy(() -> dead.getOperation("x")).isInstanceOfSatisfying(TransferException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.UNAVAILABLE);
            assertThat(e.sample().errorDetails().getFirst()).startsWith("cannot reach Storage Transfer");
        });
    }

    @Test
    void aFixedTokenThatIsRefusedIsUnauthenticatedAtOnce() {
        var wrong = new StorageTransferClient(sts.endpoint(), GcsAuth.fixedToken("ya29.expired"), Duration.ofSeconds(5));
        assertThatThrownBy(() -> wrong.getOperation("x")).isInstanceOfSatisfying(TransferException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.UNAUTHENTICATED);
            assertThat(e.getMessage()).contains("cannot be renewed");
        });
        assertThat(sts.apiRequests()).hasSize(1);
    }
}
