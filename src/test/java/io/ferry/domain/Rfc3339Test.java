package io.ferry.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class Rfc3339Test {
    @ParameterizedTest(name = "{0}")
    @CsvSource({
        // fractional digits: 0, 3, 6, 9 (and the odd counts in between)
        "2014-10-02T15:01:23Z,                 2014-10-02T15:01:23Z",
        "2014-10-02T15:01:23.045Z,             2014-10-02T15:01:23.045Z",
        "2014-10-02T15:01:23.045123Z,          2014-10-02T15:01:23.045123Z",
        "2014-10-02T15:01:23.045123456Z,       2014-10-02T15:01:23.045123456Z",
        "2014-10-02T15:01:23.5Z,               2014-10-02T15:01:23.500Z",
        "2014-10-02T15:01:23.1234Z,            2014-10-02T15:01:23.123400Z",
        // offsets are accepted and normalised to Z
        "2014-10-03T00:01:23+09:00,            2014-10-02T15:01:23Z",
        "2014-10-02T09:31:23.045-05:30,        2014-10-02T15:01:23.045Z",
        "2014-10-02T15:01:23.000000001+00:00,  2014-10-02T15:01:23.000000001Z",
        "2014-10-02T15:01:23-00:00,            2014-10-02T15:01:23Z",
        "2014-10-02T23:59:59.999999999-23:59,  2014-10-03T23:58:59.999999999Z",
        // RFC 3339 allows a lower-case t and z, and a space
        "2014-10-02t15:01:23z,                 2014-10-02T15:01:23Z",
        "2014-10-02 15:01:23.045Z,             2014-10-02T15:01:23.045Z",
    })
    void parsesAndWritesZNormalised(String text, String normalised) {
        Instant i = Rfc3339.parse(text);
        assertThat(Rfc3339.format(i)).isEqualTo(normalised);
        assertThat(Rfc3339.parse(normalised)).isEqualTo(i);
    }

    @Test
    void writesAsFewOfZeroThreeSixOrNineDigitsAsKeepTheValue() {
        Instant base = Instant.parse("2024-02-29T23:59:59Z");
        assertThat(Rfc3339.format(base)).isEqualTo("2024-02-29T23:59:59Z");
        assertThat(Rfc3339.format(base.plusMillis(7))).isEqualTo("2024-02-29T23:59:59.007Z");
        assertThat(Rfc3339.format(base.plusNanos(7_000))).isEqualTo("2024-02-29T23:59:59.000007Z");
        assertThat(Rfc3339.format(base.plusNanos(7))).isEqualTo("2024-02-29T23:59:59.000000007Z");
        assertThat(Rfc3339.format(Instant.EPOCH)).isEqualTo("1970-01-01T00:00:00Z");
    }

    @Test
    void badTimestampsAreNamedInTheMessageAndTryParseNeverThrows() {
        for (String bad : new String[] {"2014-10-02", "2014-10-02T15:01:23", "2014-10-02T15:01:23+0900",
            "2014-13-02T15:01:23Z", "2014-10-02T15:01:23.1234567890Z", "yesterday"}) {
            assertThatThrownBy(() -> Rfc3339.parse(bad))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining(bad);
            assertThat(Rfc3339.tryParse(bad)).isEmpty();
        }
        assertThatThrownBy(() -> Rfc3339.parse(null)).hasMessageContaining("missing");
        assertThat(Rfc3339.tryParse(null)).isEmpty();
        assertThat(Rfc3339.tryParse(" ")).isEmpty();
        assertThat(Rfc3339.tryParse(" 2014-10-02T15:01:23Z ")).contains(Instant.parse("2014-10-02T15:01:23Z"));
    }
}
