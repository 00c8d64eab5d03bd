package io.ferry.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.ferry.domain.ErrorCode.RetryGuidance;
import java.util.List;
import org.junit.jupiter.api.Test;

class ErrorCodeTest {
    /** name, google.rpc number, HTTP mapping: seed 002's list, in google.rpc order. */
    record Row(String name, int number, int http) {}

    static final List<Row> SEED = List.of(new Row("OK", 0, 200), new Row("CANCELLED", 1, 499),
            new Row("UNKNOWN", 2, 500), new Row("INVALID_ARGUMENT", 3, 400), new Row("DEADLINE_EXCEEDED", 4, 504),
            new Row("NOT_FOUND", 5, 404), new Row("ALREADY_EXISTS", 6, 409), new Row("PERMISSION_DENIED", 7, 403),
            new Row("RESOURCE_EXHAUSTED", 8, 429), new Row("FAILED_PRECONDITION", 9, 400), new Row("ABORTED", 10, 409),
            new Row("OUT_OF_RANGE", 11, 400), new Row("UNIMPLEMENTED", 12, 501), new Row("INTERNAL", 13, 500),
            new Row("UNAVAILABLE", 14, 503), new Row("DATA_LOSS", 15, 500), new Row("UNAUTHENTICATED", 16, 401));

    @Test
    void seventeenCodesWithTheirNumbersAndHttpMapping() {
        assertThat(ErrorCode.values()).hasSize(17);
        for (Row r : SEED) {
            ErrorCode c = ErrorCode.valueOf(r.name());
            assertThat(c.number()).as(r.name()).isEqualTo(r.number());
            assertThat(c.httpStatus()).as(r.name()).isEqualTo(r.http());
            assertThat(ErrorCode.parse(r.name())).contains(c);
            assertThat(ErrorCode.parse(" " + r.name().toLowerCase() + " ")).contains(c);
            assertThat(ErrorCode.parse(Integer.toString(r.number()))).contains(c);
        }
    }

    @Test
    void retryGuidance() {
        for (ErrorCode c : ErrorCode.values()) {
            RetryGuidance want = switch (c) {
                // retry the call with backoff; RESOURCE_EXHAUSTED (429) is a client error: no retry (issue 2)
                case UNAVAILABLE, DEADLINE_EXCEEDED -> RetryGuidance.RETRY_CALL;
                case ABORTED -> RetryGuidance.RETRY_STEP; // retry the read-modify-write
                default -> RetryGuidance.NONE; // FAILED_PRECONDITION, the other client errors, the server's bugs
            };
            assertThat(c.guidance()).as(c.name()).isEqualTo(want);
            assertThat(c.isRetryable()).isEqualTo(want != RetryGuidance.NONE);
        }
        assertThat(ErrorCode.FAILED_PRECONDITION.isRetryable()).isFalse();
    }

    @Test
    void parseNeverThrows() {
        assertThat(ErrorCode.parse(null)).isEmpty();
        assertThat(ErrorCode.parse("")).isEmpty();
        assertThat(ErrorCode.parse("  ")).isEmpty();
        assertThat(ErrorCode.parse("QUOTA_GONE")).isEmpty();
        assertThat(ErrorCode.parse("17")).isEmpty();
        assertThat(ErrorCode.parse("-1")).isEmpty();
        assertThat(ErrorCode.parse("99999999999999")).isEmpty();
    }

    @Test
    void httpStatusesOfServersThatSendNothingElse() {
        assertThat(ErrorCode.fromHttpStatus(200)).isEqualTo(ErrorCode.OK);
        assertThat(ErrorCode.fromHttpStatus(400)).isEqualTo(ErrorCode.INVALID_ARGUMENT);
        assertThat(ErrorCode.fromHttpStatus(401)).isEqualTo(ErrorCode.UNAUTHENTICATED);
        assertThat(ErrorCode.fromHttpStatus(403)).isEqualTo(ErrorCode.PERMISSION_DENIED);
        assertThat(ErrorCode.fromHttpStatus(404)).isEqualTo(ErrorCode.NOT_FOUND);
        assertThat(ErrorCode.fromHttpStatus(409)).isEqualTo(ErrorCode.ABORTED);
        assertThat(ErrorCode.fromHttpStatus(416)).isEqualTo(ErrorCode.OUT_OF_RANGE);
        assertThat(ErrorCode.fromHttpStatus(429)).isEqualTo(ErrorCode.RESOURCE_EXHAUSTED);
        assertThat(ErrorCode.fromHttpStatus(499)).isEqualTo(ErrorCode.CANCELLED);
        assertThat(ErrorCode.fromHttpStatus(501)).isEqualTo(ErrorCode.UNIMPLEMENTED);
        assertThat(ErrorCode.fromHttpStatus(502)).isEqualTo(ErrorCode.UNAVAILABLE);
        assertThat(ErrorCode.fromHttpStatus(503)).isEqualTo(ErrorCode.UNAVAILABLE);
        assertThat(ErrorCode.fromHttpStatus(504)).isEqualTo(ErrorCode.DEADLINE_EXCEEDED);
        assertThat(ErrorCode.fromHttpStatus(500)).isEqualTo(ErrorCode.INTERNAL);
        assertThat(ErrorCode.fromHttpStatus(418)).isEqualTo(ErrorCode.FAILED_PRECONDITION);
        assertThat(ErrorCode.fromHttpStatus(302)).isEqualTo(ErrorCode.UNKNOWN);
    }
}
