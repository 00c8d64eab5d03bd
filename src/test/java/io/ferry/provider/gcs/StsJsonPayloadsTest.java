package io.ferry.provider.gcs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ferry.domain.Counter;
import io.ferry.domain.ErrorCode;
import io.ferry.domain.TransferPhase;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Every example payload of seed 002 and cloud-apis.md §1.8 (verbatim, in src/test/resources/gcs) parsed and mapped. */
class StsJsonPayloadsTest {

    static String resource(String name) throws IOException {
        try (InputStream in = StsJsonPayloadsTest.class.getResourceAsStream("/gcs/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void seed002OperationWithEveryFieldParsesAll21CountersExactlyAndEveryCode() throws Exception {
        GcsOperation op = StsJson.operation(StsJson.tree(resource("seed002-operation-all-fields.json")));

        assertThat(op.name()).isEqualTo("transferOperations/transferJobs-1234567890123456789-1763890000000000");
        assertThat(op.projectId()).isEqualTo("ferry-seed-002");
        assertThat(op.transferJobName()).isEqualTo("transferJobs/1234567890123456789");
        assertThat(op.phase()).isEqualTo(TransferPhase.FINISHED_FAILURE);
        assertThat(op.done()).isTrue();
        assertThat(op.error()).isNull();
        for (Counter c : Counter.values()) {
            assertThat(op.counters().has(c)).as(c.jsonName()).isTrue();
        }
        assertThat(op.counters().get(Counter.OBJECTS_FOUND_FROM_SOURCE)).isEqualTo(1);
        assertThat(op.counters().get(Counter.INTERMEDIATE_OBJECTS_FAILED_CLEANED_UP)).isEqualTo(21);
        assertThat(op.counters().get(Counter.BYTES_FOUND_FROM_SOURCE)).isEqualTo(9007199254740993L);
        assertThat(op.counters().get(Counter.BYTES_FROM_SOURCE_SKIPPED_BY_SYNC)).isEqualTo(Long.MAX_VALUE);
        assertThat(op.counters().toWire().get("bytesFoundFromSource")).isEqualTo("9007199254740993");
        // progress = bytesCopiedToSink / bytesFoundFromSource: (2^52+1) / (2^53+1) ≈ 50 %
        assertThat(op.bytesPercent()).isCloseTo(50.0, org.assertj.core.data.Offset.offset(0.001));
        assertThat(op.objectsPercent()).isEqualTo(100.0); // 7 copied of 1 found: capped at 100
        for (ErrorCode code : ErrorCode.values()) {
            assertThat(op.errorBreakdowns().get(code)).as(code.name()).isPresent();
        }
        assertThat(op.errorBreakdowns().count(ErrorCode.PERMISSION_DENIED)).isEqualTo(9007199254740993L);
        assertThat(op.errorBreakdowns().get(ErrorCode.PERMISSION_DENIED).orElseThrow().errorLogEntries())
                .hasSize(5)
                .first().satisfies(e -> {
                    assertThat(e.url()).isEqualTo("gs://src-bucket/denied-0");
                    assertThat(e.errorDetails()).containsExactly("403 on object 0", "second detail");
                });
        assertThat(op.startTime()).isEqualTo(Instant.parse("2014-10-02T15:01:23.045123456Z"));
        assertThat(op.endTime()).isEqualTo(Instant.parse("2014-10-02T09:31:23Z")); // +05:30 normalised
        assertThat(op.source()).isEqualTo("gs://src-bucket/in/");
        assertThat(op.sink()).isEqualTo("gs://dst-bucket/out/");
        assertThat(op.problems()).isEmpty();
    }

    @Test
    void s1SuccessListItem() throws Exception {
        GcsOperation op = StsJson.operation(StsJson.tree(resource("s1-list-item-success.json")));
        assertThat(op.name()).isEqualTo("transferOperations/transferJobs-10467364435665373026-1532468269728367");
        assertThat(op.shortName()).isEqualTo("transferJobs-10467364435665373026-1532468269728367");
        assertThat(op.projectId()).isEqualTo("sigma-night-206802");
        assertThat(op.phase()).isEqualTo(TransferPhase.FINISHED_SUCCESS);
        assertThat(op.rawStatus()).isEqualTo("SUCCESS");
        assertThat(op.bytesCopied()).isEqualTo(80376);
        assertThat(op.bytesFound()).isEqualTo(80376);
        assertThat(op.bytesPercent()).isEqualTo(100.0);
        assertThat(op.objectsPercent()).isEqualTo(100.0);
        assertThat(op.counters().has(Counter.OBJECTS_FROM_SOURCE_FAILED)).isFalse(); // zero counters are omitted
        assertThat(op.errorBreakdowns().isEmpty()).isTrue();
        assertThat(op.startTime()).isEqualTo(Instant.parse("2018-07-24T21:37:49.745522946Z"));
        assertThat(op.endTime()).isEqualTo(Instant.parse("2018-07-24T21:38:10.477273750Z"));
        assertThat(op.transferJobName()).isEqualTo("transferJobs/10467364435665373026");
        assertThat(op.source()).isEqualTo("s3://pulsar-encode-assets/");
        assertThat(op.sink()).isEqualTo("gs://nathankw1/");
    }

    @Test
    void s2QueuedRunResponseWithEmptyCountersAndNoName() throws Exception {
        GcsOperation op = StsJson.operation(StsJson.tree("{" + resource("s2-run-response-queued.fragment.txt") + "}"));
        assertThat(op.phase()).isEqualTo(TransferPhase.INITIALIZING);
        assertThat(op.rawStatus()).isEqualTo("QUEUED");
        assertThat(op.counters().isEmpty()).isTrue();
        assertThat(op.bytesFound()).isEqualTo(-1);
        assertThat(op.bytesPercent()).isEqualTo(-1);
        assertThat(op.done()).isFalse(); // missing done counts as false
        assertThat(op.name()).isEmpty();
        assertThat(op.endTime()).isNull();
        assertThat(op.projectId()).isEqualTo("govuk-production");
        assertThat(op.startTime()).isEqualTo(Instant.parse("2021-07-13T14:23:04.902943622Z"));
    }

    @Test
    void s3FailedOperationIsDoneWithoutErrorAndKeepsItsBreakdownSample() throws Exception {
        JsonNode list = StsJson.tree(resource("s3-list-failed-with-breakdown.json"));
        GcsOperation op = StsJson.operation(list.path("operations").get(0));
        assertThat(op.done()).isTrue();
        assertThat(op.error()).isNull();
        assertThat(op.phase()).isEqualTo(TransferPhase.FINISHED_FAILURE);
        assertThat(op.counters().get(Counter.OBJECTS_FROM_SOURCE_FAILED)).isEqualTo(1);
        assertThat(op.counters().get(Counter.BYTES_FROM_SOURCE_FAILED)).isEqualTo(16864699);
        assertThat(op.bytesCopied()).isEqualTo(1111575);
        assertThat(op.bytesFound()).isEqualTo(17976274);
        assertThat(op.objectsPercent()).isEqualTo(50.0);
        assertThat(op.errorBreakdowns().count(ErrorCode.NOT_FOUND)).isEqualTo(1);
        var sample = op.errorBreakdowns().get(ErrorCode.NOT_FOUND).orElseThrow().errorLogEntries().getFirst();
        assertThat(sample.url()).startsWith("https://www14.OC.com/dl/web2/download-file/");
        assertThat(sample.errorDetails().getFirst())
                .startsWith("[TRANSIENT FAILURE]: Server unable to initialize object upload.")
                .contains("HTTP/1.1 410 Gone\r\n")
                .endsWith("{\"error_code\":107,\"message\":\"The file download has been disabled\"}].");
        assertThat(op.source()).isEqualTo("gs://BUCKETNAME-CS/tsv.txt");
    }

    @Test
    void s4TransferJob() throws Exception {
        GcsJob job = StsJson.job(StsJson.tree(resource("s4-transfer-job.json")));
        assertThat(job.name()).isEqualTo("transferJobs/7571803056877923151");
        assertThat(job.shortName()).isEqualTo("7571803056877923151");
        assertThat(job.description()).isEqualTo("20:29:57");
        assertThat(job.status()).isEqualTo("ENABLED");
        assertThat(job.source()).isEqualTo("gs://BUCKETNAME-CS/tsv.txt");
        assertThat(job.sink()).isEqualTo("gs://BUCKETNAME-CS/");
        assertThat(job.latestOperationName()).isEmpty();
        assertThat(job.creationTime()).isEqualTo(Instant.parse("2018-11-19T12:29:58.183421896Z"));
    }

    @Test
    void s6FilterIsSentAsCompactCamelCaseJsonWithPrefixedNames() {
        var f = new OperationFilter("p", java.util.List.of("123"), java.util.List.of(), java.util.List.of("failed"));
        assertThat(f.toJson()).isEqualTo("{\"projectId\":\"p\",\"jobNames\":[\"transferJobs/123\"],\"transferStatuses\":[\"FAILED\"]}");
    }

    @Test
    void filteringOnQueuedOrSuspendingIsRefusedWithTheAllowedList() {
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> new OperationFilter("p", null, null, java.util.List.of("queued")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("queued")
                .hasMessageContaining("in_progress, paused, success, failed, aborted");
    }

    @Test
    void anUnknownStatusAndAnUnknownErrorCodeAreKeptNotFatal() throws Exception {
        String json = """
                {"name":"transferOperations/x","metadata":{"status":"WARPING","counters":{"bytesFoundFromSource":"10",
                 "bytesCopiedToSink":"not-a-number","futureCounter":"5"},
                 "errorBreakdowns":[{"errorCode":"QUANTUM_FLUX","errorCount":"2",
                   "errorLogEntries":[{"url":"gs://b/o","errorDetails":["odd"]}]}],
                 "startTime":"yesterday"}}""";
        GcsOperation op = StsJson.operation(StsJson.tree(json));
        assertThat(op.phase()).isEqualTo(TransferPhase.UNKNOWN);
        assertThat(op.rawStatus()).isEqualTo("WARPING");
        assertThat(op.bytesFound()).isEqualTo(10);
        assertThat(op.counters().has(Counter.BYTES_COPIED_TO_SINK)).isFalse();
        assertThat(op.problems()).anySatisfy(p -> assertThat(p).contains("bytesCopiedToSink").contains("not-a-number"))
                .anySatisfy(p -> assertThat(p).contains("startTime").contains("yesterday"));
        assertThat(op.errorBreakdowns().count(ErrorCode.UNKNOWN)).isEqualTo(2);
        assertThat(op.errorBreakdowns().get(ErrorCode.UNKNOWN).orElseThrow().errorLogEntries().getFirst().errorDetails())
                .contains("errorCode: QUANTUM_FLUX", "odd");
        assertThat(op.startTime()).isNull();
    }

    @Test
    void anOperationWithNothingButANameIsFine() throws Exception {
        GcsOperation op = StsJson.operation(StsJson.tree("{\"name\":\"transferOperations/bare\"}"));
        assertThat(op.name()).isEqualTo("transferOperations/bare");
        assertThat(op.phase()).isEqualTo(TransferPhase.UNKNOWN);
        assertThat(op.rawStatus()).isEmpty();
        assertThat(op.counters().isEmpty()).isTrue();
        assertThat(op.problems()).isEmpty();
    }

    @Test
    void aWrapperErrorIsReadButTheOutcomeStaysTheMetadataStatus() throws Exception {
        GcsOperation op = StsJson.operation(StsJson.tree(
                "{\"name\":\"transferOperations/e\",\"done\":true,\"error\":{\"code\":5,\"message\":\"gone\"},\"metadata\":{\"status\":\"SUCCESS\"}}"));
        assertThat(op.error()).isEqualTo(new GcsOperation.RpcStatus(5, "gone"));
        assertThat(op.phase()).isEqualTo(TransferPhase.FINISHED_SUCCESS);
    }
}
