package io.ferry.provider.element;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.ferry.domain.Direction;
import io.ferry.domain.Transfer;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** One example per bug the mutated answers ({@link ElementMutatedPayloadsTest}) found. */
class ElementBadPayloadRegressionTest {
    private static final ObjectMapper M = new ObjectMapper();

    @Test
    void idsSentAsStringsStayExactAndNonIntegersAreLeftOutNotRoundedOrWrapped() throws Exception {
        var n = M.readTree("""
                {"a": "9007199254740993", "b": "1e400", "c": "NaN", "d": 1.5, "e": 9223372036854775808,
                 "f": "4.2e1", "g": 9007199254740993, "h": "1e999999999"}""");
        assertThat(Json.longValue(n, "a")).isEqualTo(9007199254740993L); // was 9007199254740992 (through a double)
        assertThat(Json.longValue(n, "b")).isEqualTo(-1); // was Long.MAX_VALUE
        assertThat(Json.longValue(n, "c")).isEqualTo(-1); // was 0
        assertThat(Json.longValue(n, "d")).isEqualTo(-1); // was 1
        assertThat(Json.longValue(n, "e")).isEqualTo(-1);
        assertThat(Json.longValue(n, "f")).isEqualTo(42);
        assertThat(Json.longValue(n, "g")).isEqualTo(9007199254740993L);
        assertThat(Json.longValue(n, "h")).isEqualTo(-1);
    }

    @Test
    void aBlockCountTooLargeForBytesLeavesBytesUnknownInsteadOfNegative() throws Exception {
        var job = BulkVolumeJob.from(M.readTree("""
                {"key": "k", "status": "running",
                 "attributes": {"nLbas": "9007199254740993", "startLba": 0, "nextLba": 226304}}"""));
        Transfer t = ElementJobMapper.apply(
                Transfer.create("t", ElementProvider.ID, Direction.WATCH, "", "", "", Map.of(), Instant.EPOCH), job);

        assertThat(t.bytesTotal()).isEqualTo(-1);
        assertThat(t.bytesDone()).isEqualTo(0);
        assertThat(t.attributes()).containsEntry("attributes.nLbas", "9007199254740993");
    }
}
