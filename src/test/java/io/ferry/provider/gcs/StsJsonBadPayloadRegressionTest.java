package io.ferry.provider.gcs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ferry.domain.ErrorCode;
import io.ferry.domain.TransferPhase;
import io.ferry.provider.TransferException;
import org.junit.jupiter.api.Test;

/** One example per bug the mutated payloads ({@link StsJsonMutatedPayloadsTest}) found. */
class StsJsonBadPayloadRegressionTest {
    private static final String URL = "https://storagetransfer.googleapis.com/v1/transferOperations/x";

    @Test
    void jsonNestedBeyondJacksonsLimitIsAClearErrorNotANullPointer() {
        String deep = "{\"metadata\":{\"status\":\"IN_PROGRESS\",\"counters\":" + "[".repeat(5000) + "]".repeat(5000) + "}}";

        assertThatThrownBy(() -> GcsErrors.parseObject("application/json", deep, URL))
                .isInstanceOf(TransferException.class)
                .hasMessageContaining("malformed JSON from Storage Transfer")
                .hasMessageContaining("nesting depth")
                .satisfies(e -> assertThat(((TransferException) e).code()).isEqualTo(ErrorCode.UNKNOWN));
    }

    @Test
    void aNullStatusIsUnknownWithoutTheWordNullAndAnArrayStatusKeepsItsRawJson() throws Exception {
        GcsOperation nullStatus = StsJson.operation(StsJson.tree("{\"metadata\":{\"status\":null}}"));
        assertThat(nullStatus.phase()).isEqualTo(TransferPhase.UNKNOWN);
        assertThat(nullStatus.rawStatus()).isEmpty();

        GcsOperation arrayStatus = StsJson.operation(StsJson.tree("{\"metadata\":{\"status\":[\"QUEUED\"]}}"));
        assertThat(arrayStatus.phase()).isEqualTo(TransferPhase.UNKNOWN);
        assertThat(arrayStatus.rawStatus()).isEqualTo("[\"QUEUED\"]");
    }

    @Test
    void twoBreakdownEntriesOfOneCodeWhoseCountsOverflowALongSaturateInsteadOfThrowing() throws Exception {
        String entry = "{\"errorCode\":\"NOT_FOUND\",\"errorCount\":\"9223372036854775807\"}";
        GcsOperation op = StsJson.operation(StsJson.tree(
                "{\"metadata\":{\"status\":\"FAILED\",\"errorBreakdowns\":[" + entry + "," + entry + "]}}"));

        assertThat(op.errorBreakdowns().count(ErrorCode.NOT_FOUND)).isEqualTo(Long.MAX_VALUE);
    }
}
