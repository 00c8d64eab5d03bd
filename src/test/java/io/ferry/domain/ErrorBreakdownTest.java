package io.ferry.domain;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ErrorBreakdownTest {
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void theSixthSampleIsDroppedWhileTheCountKeepsRising() {
        ErrorBreakdown b = ErrorBreakdown.EMPTY;
        for (int i = 1; i <= 7; i++) {
            b = b.record(ErrorCode.PERMISSION_DENIED, "/data/dir" + i, "permission denied");
        }
        ErrorSummary s = b.get(ErrorCode.PERMISSION_DENIED).orElseThrow();
        assertThat(s.errorCount()).isEqualTo(7);
        assertThat(s.errorLogEntries()).extracting(ErrorLogEntry::url)
                .containsExactly("/data/dir1", "/data/dir2", "/data/dir3", "/data/dir4", "/data/dir5");
        assertThat(b.count(ErrorCode.PERMISSION_DENIED)).isEqualTo(7);
        assertThat(b.count(ErrorCode.NOT_FOUND)).isZero();
        assertThat(b.totalCount()).isEqualTo(7);
        // immutable: recording returns a new breakdown
        assertThat(ErrorBreakdown.EMPTY.isEmpty()).isTrue();
    }

    @Test
    void addingManyAtOnceKeepsFiveSamples() {
        List<ErrorLogEntry> eight = java.util.stream.IntStream.range(0, 8)
                .mapToObj(i -> ErrorLogEntry.of("u" + i, "d"))
                .toList();
        ErrorBreakdown b = ErrorBreakdown.EMPTY.add(ErrorCode.NOT_FOUND, 1_000_000_000_000L, eight);
        assertThat(b.count(ErrorCode.NOT_FOUND)).isEqualTo(1_000_000_000_000L);
        assertThat(b.get(ErrorCode.NOT_FOUND).orElseThrow().errorLogEntries()).hasSize(5);
        assertThat(b.merge(b).count(ErrorCode.NOT_FOUND)).isEqualTo(2_000_000_000_000L);
    }

    @Test
    void jacksonWritesSeed002sErrorBreakdownsShapeExactly() throws Exception {
        ErrorBreakdown b = ErrorBreakdown.EMPTY
                .record(ErrorCode.UNAVAILABLE, "https://storage.googleapis.com/b/o1", "503 Service Unavailable")
                .record(ErrorCode.NOT_FOUND, "gs://bucket/a.txt", "object vanished", "second detail")
                .record(ErrorCode.NOT_FOUND, "gs://bucket/b.txt");

        String written = json.writeValueAsString(b.toWire());

        assertThat(written).isEqualTo("""
                [{"errorCode":"NOT_FOUND","errorCount":"2","errorLogEntries":[\
                {"url":"gs://bucket/a.txt","errorDetails":["object vanished","second detail"]},\
                {"url":"gs://bucket/b.txt"}]},\
                {"errorCode":"UNAVAILABLE","errorCount":"1","errorLogEntries":[\
                {"url":"https://storage.googleapis.com/b/o1","errorDetails":["503 Service Unavailable"]}]}]""");
        // the shape, field by field: ErrorSummary {errorCode: enum, errorCount: string, errorLogEntries[]},
        // ErrorLogEntry {url: string, errorDetails[]: string}
        for (JsonNode summary : json.readTree(written)) {
            assertThat(summary.properties()).extracting(Map.Entry::getKey)
                    .containsExactly("errorCode", "errorCount", "errorLogEntries");
            assertThat(summary.get("errorCode").isTextual()).isTrue();
            assertThat(summary.get("errorCount").isTextual()).isTrue();
            for (JsonNode entry : summary.get("errorLogEntries")) {
                assertThat(entry.get("url").isTextual()).isTrue();
                assertThat(entry.properties()).extracting(Map.Entry::getKey).isSubsetOf("url", "errorDetails");
            }
        }
    }

    @Test
    void readsWhatTheServiceSendsAndWritesItBack() throws Exception {
        String fromService = """
                [{"errorCode": "PERMISSION_DENIED", "errorCount": "9007199254740993",
                  "errorLogEntries": [{"url": "gs://src/x", "errorDetails": ["403 Forbidden"]}]},
                 {"errorCode": "ABORTED", "errorCount": "2"}]""";
        List<Object> wire = json.readValue(fromService, new TypeReference<>() {});

        ErrorBreakdown b = ErrorBreakdown.fromWire(wire);

        assertThat(b.count(ErrorCode.PERMISSION_DENIED)).isEqualTo(9_007_199_254_740_993L);
        assertThat(b.count(ErrorCode.ABORTED)).isEqualTo(2);
        assertThat(json.readTree(json.writeValueAsString(b.toWire()))).isEqualTo(json.readTree("""
                [{"errorCode": "PERMISSION_DENIED", "errorCount": "9007199254740993",
                  "errorLogEntries": [{"url": "gs://src/x", "errorDetails": ["403 Forbidden"]}]},
                 {"errorCode": "ABORTED", "errorCount": "2"}]"""));
        assertThat(ErrorBreakdown.fromWire(json.readValue(json.writeValueAsString(b.toWire()), List.class)))
                .isEqualTo(b);
    }

    @Test
    void anUnknownCodeIsKeptNotLost() throws Exception {
        List<Object> wire = json.readValue("""
                [{"errorCode": "QUOTA_MELTDOWN", "errorCount": "3",
                  "errorLogEntries": [{"url": "gs://b/o", "errorDetails": ["new failure mode"]}]},
                 {"errorCode": "SOMETHING_ELSE", "errorCount": "not a number"},
                 "garbage", 42]""", new TypeReference<>() {});

        ErrorBreakdown b = ErrorBreakdown.fromWire(wire);

        assertThat(b.count(ErrorCode.UNKNOWN)).isEqualTo(3 + 1);
        assertThat(b.get(ErrorCode.UNKNOWN).orElseThrow().errorLogEntries())
                .extracting(ErrorLogEntry::errorDetails)
                .containsExactly(List.of("errorCode: QUOTA_MELTDOWN", "new failure mode"),
                        List.of("errorCode: SOMETHING_ELSE"));
        assertThat(ErrorBreakdown.fromWire(null).isEmpty()).isTrue();
    }
}
