package io.ferry.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TransferCountersTest {
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void theTwentyOneCountersOfSeed002InItsOrder() {
        assertThat(Counter.values()).extracting(Counter::jsonName).containsExactly("objectsFoundFromSource",
                "bytesFoundFromSource", "objectsFoundOnlyFromSink", "bytesFoundOnlyFromSink",
                "objectsFromSourceSkippedBySync", "bytesFromSourceSkippedBySync", "objectsCopiedToSink",
                "bytesCopiedToSink", "objectsDeletedFromSource", "bytesDeletedFromSource", "objectsDeletedFromSink",
                "bytesDeletedFromSink", "objectsFromSourceFailed", "bytesFromSourceFailed",
                "objectsFailedToDeleteFromSink", "bytesFailedToDeleteFromSink", "directoriesFoundFromSource",
                "directoriesFailedToListFromSource", "directoriesSuccessfullyListedFromSource",
                "intermediateObjectsCleanedUp", "intermediateObjectsFailedCleanedUp");
        assertThat(Counter.BYTES_COPIED_TO_SINK.isBytes()).isTrue();
        assertThat(Counter.DIRECTORIES_FOUND_FROM_SOURCE.isBytes()).isFalse();
    }

    @Test
    void valuesAbove2To53StayExactBothWays() throws Exception {
        String body = """
                {"bytesCopiedToSink": "9007199254740993", "objectsCopiedToSink": "9223372036854775807",
                 "bytesFoundFromSource": 9007199254740995, "somethingNew": "1"}""";
        Map<String, Object> wire = json.readValue(body, new TypeReference<>() {});

        TransferCounters c = TransferCounters.fromWire(wire);

        assertThat(c.get(Counter.BYTES_COPIED_TO_SINK)).isEqualTo(9_007_199_254_740_993L);
        assertThat(c.get(Counter.OBJECTS_COPIED_TO_SINK)).isEqualTo(Long.MAX_VALUE);
        assertThat(c.get(Counter.BYTES_FOUND_FROM_SOURCE)).isEqualTo(9_007_199_254_740_995L);
        assertThat(json.writeValueAsString(c.toWire())).isEqualTo("""
                {"bytesFoundFromSource":"9007199254740995","objectsCopiedToSink":"9223372036854775807",\
                "bytesCopiedToSink":"9007199254740993"}""");
        assertThat(TransferCounters.fromWire(c.toWire())).isEqualTo(c);
    }

    @Test
    void anAbsentCounterReadsZeroAndIsNotWritten() {
        TransferCounters c = TransferCounters.EMPTY.with(Counter.OBJECTS_FROM_SOURCE_FAILED, 0)
                .plus(Counter.BYTES_COPIED_TO_SINK, 10).plus(Counter.BYTES_COPIED_TO_SINK, 5);
        assertThat(c.get(Counter.BYTES_COPIED_TO_SINK)).isEqualTo(15);
        assertThat(c.get(Counter.OBJECTS_DELETED_FROM_SINK)).isZero();
        assertThat(c.has(Counter.OBJECTS_DELETED_FROM_SINK)).isFalse();
        assertThat(c.toWire()).containsExactly(Map.entry("bytesCopiedToSink", "15"),
                Map.entry("objectsFromSourceFailed", "0"));
        assertThat(TransferCounters.EMPTY.isEmpty()).isTrue();
        assertThat(TransferCounters.fromWire(null)).isEqualTo(TransferCounters.EMPTY);
    }

    @Test
    void aMalformedValueIsRefusedNamingTheCounterAndTheValue() {
        assertThatThrownBy(() -> TransferCounters.fromWire(Map.of("bytesCopiedToSink", "12x")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("counter bytesCopiedToSink is not an int64 decimal string: \"12x\"");
        assertThatThrownBy(() -> TransferCounters.fromWire(Map.of("objectsCopiedToSink", "9223372036854775808")))
                .hasMessageContaining("objectsCopiedToSink").hasMessageContaining("9223372036854775808");
        assertThatThrownBy(() -> TransferCounters.fromWire(Map.of("objectsCopiedToSink", "-4")))
                .hasMessageContaining("objectsCopiedToSink").hasMessageContaining("negative");
        assertThatThrownBy(() -> TransferCounters.EMPTY.with(Counter.BYTES_COPIED_TO_SINK, -1))
                .hasMessageContaining("bytesCopiedToSink");
        assertThatThrownBy(() -> TransferCounters.EMPTY.with(Counter.BYTES_COPIED_TO_SINK, Long.MAX_VALUE)
                        .plus(Counter.BYTES_COPIED_TO_SINK, 1))
                .isInstanceOf(ArithmeticException.class);
    }
}
